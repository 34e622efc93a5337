package com.ocbridge.orders;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.commerceml.CommerceMlReader;
import com.ocbridge.commerceml.ReadSummary;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real service (embedded Postgres, HTTP server, outbox worker) with WireMock as the shop, for the orders tests.
 * The poller runs hourly, so tests poll when they mean to ({@link #poll()}); 1C is {@link OneCExchangeClient}.
 */
final class OrdersHarness implements AutoCloseable {
  static final JsonObject STATUS_MAP = new JsonObject().put("Отгружен", 3).put("Оплачен", 2).put("Проведен", 15)
      .put("Отменен", 7).put("ПометкаУдаления", 7).put("Отправлен", 3).put("Выполнен", 5);

  final OrderBook book = new OrderBook();
  final OrderBookStub stub = new OrderBookStub(book);
  final WireMockServer shop;
  final BridgeApp app;
  final Path dataDir;

  OrdersHarness(Path dataDir, String charset) throws Exception {
    this(dataDir, charset, new JsonObject());
  }

  /** {@code extra}: more configuration, merged into the base one key by key (e.g. {@code onec}, more {@code orders}). */
  OrdersHarness(Path dataDir, String charset, JsonObject extra) throws Exception {
    this.dataDir = dataDir;
    shop = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(stub));
    shop.start();
    stub.install(shop);
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + shop.port() + "/")
            .put("apiUsername", OrderBookStub.USER).put("apiKey", OrderBookStub.KEY))
        // since: the book's clock is fixed (November 2026), so the default "30 days before the first poll" would
        // leave its orders out once the real date has moved on
        .put("orders", new JsonObject().put("pollSeconds", 3600).put("statusIds", new JsonArray().add(1).add(2))
            .put("since", OrderBook.SINCE)
            .put("statusMap", STATUS_MAP));
    config.getJsonObject("exchange").put("responseCharset", charset);
    config.mergeIn(extra, true);
    app = new BridgeApp(TestConfig.load(config));
    app.start().await(60, TimeUnit.SECONDS);
  }

  OrderPoller.PollResult poll() throws Exception {
    return app.orders().poller().pollNow().await(60, TimeUnit.SECONDS);
  }

  String exchangeUrl() {
    return "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
  }

  ApiClient api() {
    return new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
  }

  /** A 1C session on type=sale: checkauth and init done. */
  OneCExchangeClient sale(boolean modern) throws Exception {
    OneCExchangeClient c = new OneCExchangeClient(exchangeUrl(), "sale", modern);
    if (!c.checkauth(TestConfig.USER, TestConfig.PASSWORD).first().equals("success")) {
      throw new AssertionError("checkauth refused");
    }
    c.init();
    return c;
  }

  /** The documents of a query answer, read back with the real reader. */
  List<OrderDocument> read(OneCExchangeClient.Reply reply) throws Exception {
    return read(reply.body()).documents();
  }

  record Read(ReadSummary summary, List<OrderDocument> documents) {}

  Read read(byte[] body) throws Exception {
    Path file = Files.createTempFile(dataDir, "query", ".xml");
    Files.write(file, body);
    List<OrderDocument> docs = new ArrayList<>();
    ReadSummary summary = new CommerceMlReader().read(app.vertx(), file, record -> {
      if (record instanceof OrderDocument d) docs.add(d);
      return Future.succeededFuture();
    }).await(60, TimeUnit.SECONDS);
    return new Read(summary, docs);
  }

  static List<Long> ids(List<OrderDocument> docs) {
    return docs.stream().map(d -> Long.parseLong(d.id())).toList();
  }

  RowSet<Row> sql(String sql, Object... args) throws Exception {
    return app.pool().preparedQuery(sql).execute(Tuple.from(args)).await(30, TimeUnit.SECONDS);
  }

  /** Waits (up to 30 s) for something the outbox worker does in the background. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    app.stop(Duration.ofSeconds(30));
    shop.stop();
  }
}
