package com.ocbridge.console;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.catalog.CatalogImportProcessor;
import com.ocbridge.catalog.CatalogSettings;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.testing.StubShopServer;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The service with a catalog processor whose behaviour the file name picks, for the console API tests:
 * {@code pause*.xml} reaches 37.6 % and finds the shop down on its first attempt; {@code bad*.xml} fails on its first
 * attempt; {@code slow*.xml} runs until {@link #release()}; {@code refuse*.xml} is applied with two items refused
 * (and one note); {@code plan*.xml} goes to the real catalog processor against an in-process stub shop (its change
 * plan, e.g. in a dry run); anything else is read and digested ({@link DigestProcessor}).
 */
final class ConsoleApp implements AutoCloseable {
  final BridgeApp app;
  final ApiClient api;
  final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  final List<String> applied = new CopyOnWriteArrayList<>();
  private volatile Promise<Void> slow = Promise.promise();
  /** Its ping lists the ops it answers (the client refuses ops a ping did not list). */
  private final StubShopServer stubShop = new StubShopServer().answer("ping", in -> new JsonObject()
      .put("bridge_version", "1.0.0").put("languages", new io.vertx.core.json.JsonArray().add(new JsonObject()
          .put("code", "ru-ru").put("language_id", 1).put("default", true)))
      .put("capabilities", new io.vertx.core.json.JsonArray(List.of("products.upsert", "products.stock_price",
          "option.upsert", "category.upsert", "manufacturer.upsert", "attribute.upsert", "image.put"))));
  private volatile CatalogImportProcessor catalog;

  ConsoleApp(Path dataDir, JsonObject extraConfig) throws Exception {
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir);
    extraConfig.forEach(e -> config.put(e.getKey(), e.getValue()));
    app = new BridgeApp(TestConfig.load(config), (vertx, pool, cfg, shop) -> {
      DigestProcessor digest = new DigestProcessor(vertx);
      catalog = new CatalogImportProcessor(vertx, pool, OpenCartClients.create(vertx, "bridge-v1",
          OpenCartSettings.of(stubShop.baseUrl(), "console", "console-key")), CatalogSettings.defaults(),
          cfg.catalog().approval());
      return Map.of("catalog", new Steered(digest));
    });
    app.start().await(60, TimeUnit.SECONDS);
    api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
  }

  private Future<ImportProcessor.ImportOutcome> process(DigestProcessor digest, ImportProcessor.ImportTask task) {
    String name = task.filename();
    int attempt = attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    if (name.startsWith("pause") && attempt == 1) {
      task.progress().accept(37.6);
      return Future.failedFuture(new ImportProcessor.TargetUnavailable("магазин OpenCart недоступен: он ответил HTTP 503", null));
    }
    if (name.startsWith("bad") && attempt == 1) {
      return Future.failedFuture(new IllegalStateException("the file is broken"));
    }
    if (name.startsWith("plan")) return catalog.process(task);
    if (name.startsWith("slow")) {
      return slow.future().compose(v -> digest.process(task));
    }
    if (name.startsWith("refuse")) {
      applied.add(name);
      return Future.succeededFuture(new ImportProcessor.ImportOutcome("applied with refusals",
          Map.of("updated", 3L, "failed", 2L), List.of(
              new JsonObject().put("what", "product").put("id", "a1b2-" + name).put("name", "Кроссовки Беговые")
                  .put("reason", "SKU ART-7 is already used by product 12"),
              new JsonObject().put("what", "offer").put("id", "c3d4-" + name).put("reason", "price is not a number"),
              new JsonObject().put("what", "offer").put("id", "e5f6-" + name).put("note", true)
                  .put("reason", "waits for its product"))));
    }
    if (!name.startsWith("<")) applied.add(name);
    return digest.process(task);
  }

  /** The processor the file name steers; a held plan's approval recomputes it with the real catalog processor. */
  private final class Steered implements ImportProcessor, com.ocbridge.plan.Replanner {
    private final DigestProcessor digest;

    Steered(DigestProcessor digest) {
      this.digest = digest;
    }

    @Override
    public Future<ImportProcessor.ImportOutcome> process(ImportProcessor.ImportTask task) {
      return ConsoleApp.this.process(digest, task);
    }

    @Override
    public Future<com.ocbridge.plan.PlanSummary> replan(ImportProcessor.ImportTask task) {
      return catalog.replan(task);
    }
  }

  void release() {
    slow.tryComplete();
  }

  OneCExchangeClient oneC() throws Exception {
    OneCExchangeClient c = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "catalog",
        false);
    c.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    c.init();
    return c;
  }

  /** The job of {@code file} in exchange {@code runId}, as GET /api/v1/exchanges/{id} shows it. */
  JsonObject job(String runId, String file) throws Exception {
    var answer = api.get("/api/v1/exchanges/" + runId);
    for (Object o : answer.json().getJsonArray("jobs")) {
      JsonObject job = (JsonObject) o;
      if (job.getString("file").equals(file)) return job;
    }
    throw new AssertionError("no job for " + file + " in " + answer.body());
  }

  /** The id of the newest exchange. */
  String newestExchange() throws Exception {
    return api.get("/api/v1/exchanges?limit=1").json().getJsonArray("exchanges").getJsonObject(0).getString("id");
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    release();
    app.stop(Duration.ofSeconds(30));
    stubShop.close();
  }
}
