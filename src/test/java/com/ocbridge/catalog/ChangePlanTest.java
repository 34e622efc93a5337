package com.ocbridge.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.exchange.ExchangeHousekeeping;
import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.plan.PlanStore;
import com.ocbridge.opencart.BridgeStubs;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change plans (issue 19) over the service's socket, against the contract-following stub shop: every import job
 * computes its plan before writing, the API pages, filters and exports it; a dry run writes nothing; approval rules
 * hold a job until an operator approves (exactly the plan shown, or 409 when the bridge's state changed) or rejects it.
 */
class ChangePlanTest {
  private static final Set<String> WRITES = Set.of("category.upsert", "manufacturer.upsert", "attribute.upsert",
      "option.upsert", "products.upsert", "products.stock_price", "image.put", "product.upsert");
  private static final List<String> ENDED = List.of("succeeded", "succeeded_with_errors", "failed", "cancelled", "held");

  @TempDir Path dataDir;
  WireMockServer wm;
  ContractShop shop;
  BridgeApp app;
  String url;
  ApiClient api;

  private void start(JsonObject catalog) throws Exception {
    shop = new ContractShop();
    wm = BridgeStubs.startServer(shop);
    ContractShop.stub(wm);
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dataDir);
    json.put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + wm.port() + "/")
        .put("apiUsername", BridgeStubs.USER).put("apiKey", BridgeStubs.KEY));
    json.put("catalog", catalog);
    app = new BridgeApp(TestConfig.load(json));
    app.start().await(60, TimeUnit.SECONDS);
    url = "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
    api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
  }

  @AfterEach
  void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
    if (wm != null) wm.stop();
  }

  private static List<CatalogGenerator.Item> items(int n) {
    return IntStream.range(0, n).mapToObj(i -> CatalogGenerator.item(i, 2)).toList();
  }

  private Path importFile(String name, boolean full, List<CatalogGenerator.Item> items) throws Exception {
    Path file = dataDir.resolve(name);
    CatalogGenerator.writeImport(file, !full, 2, items);
    return file;
  }

  private Path offersFile(String name, List<CatalogGenerator.Item> items) throws Exception {
    Path file = dataDir.resolve(name);
    CatalogGenerator.writeOffers(file, items);
    return file;
  }

  /** 1C's exchange of the files, complete included; answers the replies of the imports. */
  private List<OneCExchangeClient.Reply> exchange(Path... files) throws Exception {
    OneCExchangeClient c = new OneCExchangeClient(url, "catalog", true);
    List<OneCExchangeClient.Reply> replies = c.exchange(TestConfig.USER, TestConfig.PASSWORD, List.of(files));
    c.call("complete", "");
    List<OneCExchangeClient.Reply> imports = new ArrayList<>();
    for (int i = 3; i < replies.size(); i += 2) imports.add(replies.get(i));
    return imports;
  }

  private String newest() throws Exception {
    return api.get("/api/v1/exchanges?limit=1").json().getJsonArray("exchanges").getJsonObject(0).getString("id");
  }

  /** The exchange once none of its jobs is queued or running any more. */
  private JsonObject settled(String runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonObject run = api.get("/api/v1/exchanges/" + runId).json();
      JsonArray jobs = run.getJsonArray("jobs");
      boolean done = !jobs.isEmpty();
      boolean heldBefore = false;
      for (Object o : jobs) {
        String state = ((JsonObject) o).getString("state");
        // a job queued behind a held one waits for the operator
        done &= ENDED.contains(state) || (heldBefore && state.equals("queued"));
        heldBefore |= state.equals("held");
      }
      if (done && "completed".equals(run.getString("state"))) return run;
      if (System.nanoTime() > deadline) throw new AssertionError("exchange " + runId + " did not settle: " + run.encode());
      Thread.sleep(50);
    }
  }

  private String manual(String filename, byte[] body, boolean dryRun) throws Exception {
    ApiClient.Answer posted = api.send(api.builder("/api/v1/imports?filename=" + filename + (dryRun ? "&dryRun=true" : ""))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertEquals(202, posted.status(), posted.body());
    assertEquals(dryRun, posted.json().getBoolean("dryRun"));
    return posted.json().getString("exchange");
  }

  /** Every line of the exchange's plan, following the pages of {@code limit} lines. */
  private List<JsonObject> allLines(String runId, String filter, int limit) throws Exception {
    List<JsonObject> lines = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonObject page = plan(runId, "limit=" + limit + filter + (after == null ? "" : "&after=" + after));
      page.getJsonArray("items").forEach(o -> lines.add((JsonObject) o));
      assertTrue(page.getJsonArray("items").size() <= limit);
      after = page.getString("next");
      assertTrue(++pages < 10_000);
    } while (after != null);
    return lines;
  }

  private JsonObject plan(String runId, String query) throws Exception {
    ApiClient.Answer a = api.get("/api/v1/exchanges/" + runId + "/plan" + (query.isEmpty() ? "" : "?" + query));
    assertEquals(200, a.status(), a.body());
    return a.json();
  }

  private List<String> writes() {
    return shop.calls().stream().map(ContractShop.Call::op).filter(WRITES::contains).toList();
  }

  private static Set<String> ids(List<JsonObject> lines, String kind, String action) {
    return lines.stream().filter(l -> l.getString("kind").equals(kind) && l.getString("action").equals(action))
        .map(l -> l.getString("externalId")).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aDryRunPlansWhatTheImportThenDoesWritesNothingAndTheApiPagesFiltersAndExportsIt() throws Exception {
    start(new JsonObject());
    List<CatalogGenerator.Item> ten = items(10);
    byte[] zip = zip(importFile("import.xml", true, ten), offersFile("offers.xml", ten));

    String dry = manual("catalog.zip", zip, true);
    JsonObject run = settled(dry);
    assertEquals(List.of(), writes(), "a dry run writes nothing to the shop");
    assertTrue(run.getBoolean("dryRun"));
    assertTrue(api.get("/api/v1/exchanges").json().getJsonArray("exchanges").getJsonObject(0).getBoolean("dryRun"));
    run.getJsonArray("jobs").forEach(j -> assertEquals("succeeded", ((JsonObject) j).getString("state"), run.encode()));

    JsonObject first = plan(dry, "limit=3");
    assertEquals("ready", first.getString("state"));
    JsonObject counts = first.getJsonObject("counts");
    assertEquals(10, counts.getInteger("product.create"), counts.encode());
    assertEquals(2, counts.getInteger("category.create"), counts.encode());
    assertEquals(10, counts.getInteger("offer.create"), counts.encode());
    assertEquals(3, first.getJsonArray("items").size());
    assertNotNull(first.getString("next"));
    List<JsonObject> lines = allLines(dry, "", 7);
    long total = first.getJsonArray("plans").stream().mapToLong(p -> ((JsonObject) p).getLong("items")).sum();
    assertEquals(total, lines.size(), "the pages together are the plan, each line once");
    Set<String> planned = ids(lines, "product", "create");
    assertEquals(ten.stream().map(CatalogGenerator.Item::id).collect(Collectors.toCollection(TreeSet::new)), planned);
    JsonObject price = lines.stream().filter(l -> "price".equals(l.getString("field"))
        && l.getString("externalId").equals(ten.get(3).id())).findFirst().orElseThrow();
    assertEquals(ten.get(3).price().stripTrailingZeros().toPlainString(), price.getString("newValue"));
    assertNull(price.getString("oldValue"), "the shop has no price for it yet");

    assertEquals(10, allLines(dry, "&kind=product", 4).size());
    assertEquals(10, allLines(dry, "&kind=offer&field=price", 100).size());
    assertEquals(0, allLines(dry, "&action=disable", 100).size());
    assertEquals(400, api.get("/api/v1/exchanges/" + dry + "/plan?kind=shoe").status());
    assertEquals(400, api.get("/api/v1/exchanges/" + dry + "/plan?after=x").status());
    assertEquals(400, api.get("/api/v1/exchanges/" + dry + "/plan?limit=0").status());
    assertEquals(404, api.get("/api/v1/exchanges/0000abcd/plan").status());
    // bad input is 4xx, never 500
    for (String bad : List.of("limit=1001", "job=-1", "job=x", "format=xml", "field=" + "f".repeat(65),
        "after=1:2:3", "after=999999999999999999999:1")) {
      assertEquals(400, api.get("/api/v1/exchanges/" + dry + "/plan?" + bad).status(), bad);
    }
    assertEquals(400, api.get("/api/v1/exchanges/" + dry + "/plan.csv?action=delete").status());
    assertEquals(404, api.get("/api/v1/exchanges/0000abcd/plan.csv").status());
    assertEquals(400, api.get("/api/v1/exchanges/not-an-id/plan").status());
    assertEquals(400, api.send(api.builder("/api/v1/exchanges/" + dry + "/plan/approve")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json"))).status());
    assertEquals(409, api.postJson("/api/v1/exchanges/" + dry + "/plan/approve", "{}").status(), "a dry run holds nothing");
    assertEquals(400, api.send(api.builder("/api/v1/imports?filename=x.xml&dryRun=maybe").header("Content-Type",
        "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'<'}))).status());

    for (String path : List.of("/plan.csv", "/plan?format=csv")) {
      HttpResponse<byte[]> csv = HttpClientHolder.get(app.httpPort(), "/api/v1/exchanges/" + dry + path);
      assertEquals(200, csv.statusCode());
      assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
      byte[] body = csv.body();
      assertEquals((byte) 0xEF, body[0], "UTF-8 with BOM, so Excel shows Cyrillic");
      String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
      String[] rows = text.split("\r\n");
      assertEquals("job;seq;kind;action;external_id;name;field;old_value;new_value", rows[0]);
      assertEquals(total, rows.length - 1);
      assertTrue(text.contains(";product;create;" + ten.get(0).id() + ";Товар № 0;"), rows[1]);
    }

    // the real import creates exactly the products the dry run planned, and its own plan said so before writing
    List<OneCExchangeClient.Reply> replies = exchange(importFile("import.xml", true, ten), offersFile("offers.xml", ten));
    replies.forEach(r -> assertEquals("success", r.first(), r.text()));
    String real = newest();
    settled(real);
    assertEquals(planned, new TreeSet<>(shop.products.keySet()));
    JsonObject realPlan = plan(real, "");
    assertEquals("applied", realPlan.getString("state"));
    assertEquals(planned, ids(allLines(real, "", 100), "product", "create"));

    // nothing changed since: a second dry run plans nothing
    shop.forgetCalls();
    String again = manual("catalog.zip", zip, true);
    settled(again);
    assertEquals(0, allLines(again, "", 100).size(), plan(again, "").encode());
    assertEquals(List.of(), writes());
  }

  @Test
  void aPriceJumpHoldsThePackageUntilApprovedWhileANormalOnePassesAndAChangedStateIsRefused() throws Exception {
    start(new JsonObject().put("approval", new JsonObject().put("priceChangePercent", 50).put("priceChangeProducts", 2)));
    List<CatalogGenerator.Item> ten = items(10);
    exchange(importFile("import.xml", true, ten), offersFile("offers.xml", ten))
        .forEach(r -> assertEquals("success", r.first(), r.text()));

    // a normal package: +1 % on every price, applied at once
    List<CatalogGenerator.Item> normal = ten.stream().map(i -> i.withPrice(i.price().add(BigDecimal.ONE))).toList();
    assertEquals("success", exchange(offersFile("offers.xml", normal)).get(0).first());
    assertEquals("applied", plan(newest(), "").getString("state"));

    // a package whose prices tripled for 5 products: held, 1C told in Russian to wait for the console
    shop.forgetCalls();
    List<CatalogGenerator.Item> jumped = new ArrayList<>(normal);
    for (int i = 0; i < 5; i++) jumped.set(i, normal.get(i).withPrice(normal.get(i).price().multiply(BigDecimal.valueOf(3))));
    OneCExchangeClient.Reply reply = exchange(offersFile("offers.xml", jumped)).get(0);
    assertEquals("failure", reply.first(), "1C must not poll for hours");
    assertTrue(reply.text().contains("ожидает подтверждения в консоли"), reply.text());
    assertTrue(reply.text().contains("catalog.approval.priceChangeProducts"), reply.text());
    String held = newest();
    JsonObject run = settled(held);
    assertEquals("held", run.getJsonArray("jobs").getJsonObject(0).getString("state"));
    assertEquals(List.of(), writes(), "nothing written while held");
    JsonObject plan = plan(held, "field=price");
    assertEquals("held", plan.getString("state"));
    assertEquals(5, plan.getJsonArray("items").size(), plan.encode());
    JsonObject line = plan.getJsonArray("items").getJsonObject(0);
    assertEquals(money(normal.get(0).price()), line.getString("oldValue"));
    assertEquals(money(jumped.get(0).price()), line.getString("newValue"));
    JsonObject status = api.get("/api/v1/status").json();
    assertTrue(status.encode().contains("plan_held"), status.encode());

    // the bridge's state changes before the approval (another upload, newer than the held file, prices product 0):
    // 409, held with the new plan, which no longer takes product 0's price back
    String fingerprint = plan.getJsonArray("plans").getJsonObject(0).getString("fingerprint");
    List<CatalogGenerator.Item> other = new ArrayList<>(normal);
    other.set(0, normal.get(0).withPrice(normal.get(0).price().add(BigDecimal.TEN)));
    String between = manual("offers.xml", Files.readAllBytes(offersFile("between.xml", other)), false);
    settled(between);
    ApiClient.Answer refused = api.postJson("/api/v1/exchanges/" + held + "/plan/approve",
        new JsonObject().put("fingerprint", fingerprint).encode());
    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.body().contains("changed"), refused.body());
    JsonObject replanned = plan(held, "");
    assertEquals("held", replanned.getString("state"));
    String newFingerprint = replanned.getJsonArray("plans").getJsonObject(0).getString("fingerprint");
    assertEquals(4, allLines(held, "&field=price", 100).size());
    assertFalse(fingerprint.equals(newFingerprint));
    assertEquals(409, api.postJson("/api/v1/exchanges/" + held + "/plan/approve",
        new JsonObject().put("fingerprint", fingerprint).encode()).status(), "an approval of the old plan");

    shop.forgetCalls();
    ApiClient.Answer approved = api.postJson("/api/v1/exchanges/" + held + "/plan/approve",
        new JsonObject().put("fingerprint", newFingerprint).encode());
    assertEquals(200, approved.status(), approved.body());
    assertEquals("approved", approved.json().getJsonObject("plan").getString("state"));
    JsonObject done = settled(held);
    assertEquals("succeeded", done.getJsonArray("jobs").getJsonObject(0).getString("state"), done.encode());
    assertEquals("applied", plan(held, "").getString("state"));
    String sent = shop.calls("products.stock_price").stream().map(c -> c.body().toString()).collect(Collectors.joining());
    assertTrue(sent.contains(money(jumped.get(1).price())), sent);
    assertFalse(sent.contains(money(jumped.get(0).price())), "exactly the plan approved: " + sent);
    assertEquals(409, api.postJson("/api/v1/exchanges/" + held + "/plan/approve", "{}").status(), "nothing held now");

    // held again, then rejected: the job ends cancelled, nothing written
    shop.forgetCalls();
    List<CatalogGenerator.Item> back = new ArrayList<>(jumped);
    for (int i = 0; i < 5; i++) back.set(i, normal.get(i));
    assertEquals("failure", exchange(offersFile("offers.xml", back)).get(0).first());
    String second = newest();
    settled(second);
    ApiClient.Answer rejected = api.postJson("/api/v1/exchanges/" + second + "/plan/reject", "{}");
    assertEquals(200, rejected.status(), rejected.body());
    assertEquals("rejected", rejected.json().getJsonObject("plan").getString("state"));
    JsonObject ended = settled(second);
    assertEquals("cancelled", ended.getJsonArray("jobs").getJsonObject(0).getString("state"));
    assertEquals(List.of(), writes());
    assertEquals(409, api.postJson("/api/v1/exchanges/" + second + "/plan/reject", "{}").status());
    assertEquals(404, api.postJson("/api/v1/exchanges/0000abcd/plan/reject", "{}").status());
    assertEquals(400, api.postJson("/api/v1/exchanges/" + second + "/plan/approve", "{\"x\":1}").status());
  }

  @Test
  void aFullExportThatWouldDisable40PercentIsHeldShowsTheProductsAndDisablesOnlyAfterApproval() throws Exception {
    start(new JsonObject().put("maxDisableShare", 0.3));
    List<CatalogGenerator.Item> ten = items(10);
    exchange(importFile("import.xml", true, ten)).forEach(r -> assertEquals("success", r.first(), r.text()));

    shop.forgetCalls();
    exchange(importFile("import.xml", true, ten.subList(0, 6))).forEach(r -> assertEquals("success", r.first()));
    String runId = newest();
    JsonObject run = settled(runId);
    JsonObject end = run.getJsonArray("jobs").stream().map(JsonObject.class::cast)
        .filter(j -> j.getString("file").equals(ImportProcessor.RUN_END_JOB)).findFirst().orElseThrow();
    assertEquals("held", end.getString("state"), run.encode());
    assertTrue(end.getString("message").contains("catalog.maxDisableShare"), end.getString("message"));
    assertEquals(List.of(), writes().stream().filter("products.stock_price"::equals).toList());
    List<JsonObject> disables = allLines(runId, "&action=disable", 100);
    assertEquals(ten.subList(6, 10).stream().map(CatalogGenerator.Item::id).collect(Collectors.toCollection(TreeSet::new)),
        ids(disables, "product", "disable"));
    assertEquals("Товар № 6", disables.get(0).getString("name"));

    // retention: a held exchange keeps its files and plan whatever its age
    app.pool().query("UPDATE exchange_run SET last_seen_at = now() - interval '8 days'").execute()
        .await(10, TimeUnit.SECONDS);
    ExchangeHousekeeping housekeeping = new ExchangeHousekeeping(app.vertx(), new ExchangeStore(app.pool()),
        dataDir.resolve("exchange").toAbsolutePath(), new PlanStore(app.pool())::deleteRun);
    assertEquals(1, housekeeping.removeOldFiles().await(10, TimeUnit.SECONDS), "only the first, finished exchange");
    assertEquals(4, allLines(runId, "", 100).size());

    assertEquals(200, api.postJson("/api/v1/exchanges/" + runId + "/plan/approve", "{}").status());
    settled(runId);
    List<String> disabled = new ArrayList<>();
    shop.calls("products.stock_price").forEach(c -> c.body().path("items").forEach(i -> {
      if (!i.path("status").asBoolean(true)) disabled.add(i.path("key").asText());
    }));
    assertEquals(ids(disables, "product", "disable"), new TreeSet<>(disabled));
    assertEquals("applied", plan(runId, "").getString("state"));

    // the plan goes with the exchange's files
    app.pool().query("UPDATE exchange_run SET last_seen_at = now() - interval '8 days'").execute()
        .await(10, TimeUnit.SECONDS);
    assertEquals(1, housekeeping.removeOldFiles().await(10, TimeUnit.SECONDS));
    assertEquals(0, allLines(runId, "", 100).size());
    assertEquals(0, app.pool().query("SELECT count(*) FROM change_plan").execute().await(10, TimeUnit.SECONDS)
        .iterator().next().getInteger(0), "both exchanges' plans removed");
  }

  private static String money(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static byte[] zip(Path... files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** Raw bytes of an API answer (the CSV's BOM). */
  private static final class HttpClientHolder {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    static HttpResponse<byte[]> get(int port, String path) throws Exception {
      return HTTP.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + TestConfig.API_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
  }
}
