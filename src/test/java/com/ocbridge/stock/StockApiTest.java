package com.ocbridge.stock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.StubShopStock;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/stock end to end: real server, real Postgres, WireMock as the shop (OCBridge v1 contract). */
class StockApiTest {
  @TempDir static Path dataDir;
  static WireMockServer shop;
  static StubShopStock stockStub = new StubShopStock();
  static BridgeApp app;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    shop = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(stockStub));
    shop.start();
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + shop.port() + "/")
            .put("apiUsername", "bridge").put("apiKey", "oc-key-123"));
    app = new BridgeApp(TestConfig.load(config));
    app.start().await(60, TimeUnit.SECONDS);
    api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
    // three products the catalog sync linked earlier, with what it last sent
    app.pool().preparedQuery("INSERT INTO catalog_product (external_id, product_id, sku, quantity, price) VALUES ($1,$2,$3,$4,$5)")
        .executeBatch(List.of(
            Tuple.of("guid-1", 101L, "ART-001", new BigDecimal("5"), new BigDecimal("99.9000")),
            Tuple.of("guid-2", 102L, "ART-002", new BigDecimal("7"), new BigDecimal("10.0000")),
            Tuple.of("guid-3", 103L, "Ботинки-38", new BigDecimal("0"), new BigDecimal("1719.0000"))))
        .await(10, TimeUnit.SECONDS);
    // and one a catalog file created hidden, its price and stock not come yet
    app.pool().query("INSERT INTO catalog_product (external_id, product_id, sku, status, awaiting_offer)"
        + " VALUES ('guid-4', 104, 'ART-004', true, true)").execute().await(10, TimeUnit.SECONDS);
    stockStub.know("101", "102", "103", "104", "SHOP-ONLY");
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
    if (shop != null) shop.stop();
  }

  @BeforeEach
  void healthyShop() {
    shop.resetAll();
    shop.stubFor(stockPrice().willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
        .withTransformers(StubShopStock.NAME)));
  }

  private static MappingBuilder stockPrice() {
    return post(urlPathEqualTo("/index.php")).withQueryParam("route", equalTo("extension/ocbridge/api"))
        .withQueryParam("op", equalTo("products.stock_price"))
        .withHeader("X-Api-Username", equalTo("bridge")).withHeader("X-Api-Key", equalTo("oc-key-123"));
  }

  private static List<LoggedRequest> stockCalls() {
    return shop.findAll(postRequestedFor(urlPathEqualTo("/index.php")).withQueryParam("op", equalTo("products.stock_price")));
  }

  private static BigDecimal storedQuantity(String sku) throws Exception {
    return app.pool().preparedQuery("SELECT quantity FROM catalog_product WHERE sku = $1").execute(Tuple.of(sku))
        .await(10, TimeUnit.SECONDS).iterator().next().getBigDecimal("quantity");
  }

  @Test
  void theClassicBareArrayUpdatesLinkedProductsByIdAndRemembersIt() throws Exception {
    ApiClient.Answer r = api.postJson("/api/v1/stock", "[{\"sku\":\"ART-001\",\"qty\":15}]");
    assertEquals(200, r.status(), r.body());
    assertEquals(new JsonObject().put("updated", 1).put("unchanged", 0).put("unknown", new JsonArray()), r.json());
    List<LoggedRequest> calls = stockCalls();
    assertEquals(1, calls.size());
    JsonObject sent = new JsonObject(calls.get(0).getBodyAsString());
    assertEquals("product_id", sent.getString("match_by"));
    assertEquals(new JsonArray().add(new JsonObject().put("key", "101").put("quantity", 15)), sent.getJsonArray("items"));
    assertEquals(0, new BigDecimal("15").compareTo(storedQuantity("ART-001")));

    // the same values again: nothing to send
    ApiClient.Answer again = api.postJson("/api/v1/stock", "[{\"sku\":\"art-001\",\"qty\":\"15,000\"}]");
    assertEquals(new JsonObject().put("updated", 0).put("unchanged", 1).put("unknown", new JsonArray()), again.json());
    assertEquals(1, stockCalls().size(), "no second shop call for unchanged values");
  }

  @Test
  void aProductCreatedHiddenIsShownByItsFirstStockLine() throws Exception {
    ApiClient.Answer r = api.postJson("/api/v1/stock", "[{\"sku\":\"ART-004\",\"qty\":3,\"price\":\"12.5\"}]");
    assertEquals(200, r.status(), r.body());
    List<LoggedRequest> calls = stockCalls();
    JsonObject item = new JsonObject(calls.get(calls.size() - 1).getBodyAsString()).getJsonArray("items").getJsonObject(0);
    assertEquals("104", item.getString("key"));
    assertEquals(Boolean.TRUE, item.getBoolean("status"), "the line shows the product: " + item);
    Boolean awaiting = app.pool().query("SELECT awaiting_offer FROM catalog_product WHERE external_id = 'guid-4'").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getBoolean(0);
    assertEquals(Boolean.FALSE, awaiting);
  }

  @Test
  void theFormFieldDataCarriesTheSameArray() throws Exception {
    String json = "[{\"sku\":\"ART-002\",\"qty\":3,\"price\":\"12.50\"}]";
    ApiClient.Answer r = api.postForm("/api/v1/stock", "data=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
    assertEquals(200, r.status(), r.body());
    assertEquals(1, r.json().getInteger("updated"));
    JsonObject item = new JsonObject(stockCalls().get(0).getBodyAsString()).getJsonArray("items").getJsonObject(0);
    assertEquals("102", item.getString("key"));
    assertEquals("12.50", item.getString("price"), "money goes as a decimal string");
  }

  @Test
  void unknownSkusFallBackToTheShopsSkuLookupAndAreReported() throws Exception {
    ApiClient.Answer r = api.postJson("/api/v1/stock",
        "{\"items\":[{\"sku\":\"SHOP-ONLY\",\"qty\":4},{\"sku\":\"NO-SUCH-SKU\",\"qty\":1},{\"sku\":\"Ботинки-38\",\"qty\":2}]}");
    assertEquals(200, r.status(), r.body());
    assertEquals(2, r.json().getInteger("updated"));
    assertEquals(new JsonArray().add("NO-SUCH-SKU"), r.json().getJsonArray("unknown"));
    shop.verify(1, postRequestedFor(urlPathEqualTo("/index.php")).withQueryParam("op", equalTo("products.stock_price"))
        .withRequestBody(matchingJsonPath("$.match_by", equalTo("sku")))
        .withRequestBody(matchingJsonPath("$.items[0].key", equalTo("SHOP-ONLY"))));
    shop.verify(1, postRequestedFor(urlPathEqualTo("/index.php")).withQueryParam("op", equalTo("products.stock_price"))
        .withRequestBody(matchingJsonPath("$.match_by", equalTo("product_id")))
        .withRequestBody(matchingJsonPath("$.items[0].key", equalTo("103"))));
  }

  @Test
  void theSameMessageIdIsAppliedOnce() throws Exception {
    String body = "{\"messageId\":\"1c-msg-42\",\"items\":[{\"sku\":\"ART-002\",\"qty\":42}]}";
    ApiClient.Answer first = api.postJson("/api/v1/stock", body);
    ApiClient.Answer second = api.postJson("/api/v1/stock", body);
    assertEquals(200, second.status(), second.body());
    assertEquals(first.json().getInteger("updated"), second.json().getInteger("updated"));
    assertTrue(second.json().getBoolean("duplicate"));
    assertEquals(1, stockCalls().size(), "applied once");
  }

  @Test
  void requestsThatDoNotMatchTheContractChangeNothing() throws Exception {
    for (String bad : List.of("[]", "{\"items\":[{\"qty\":1}]}", "\"stock\"", "[{\"sku\":\"ART-001\"}]",
        "[{\"sku\":\"ART-001\",\"qty\":\"many\"}]", "[{\"sku\":\"ART-001\",\"qty\":-1}]", "{not json")) {
      ApiClient.Answer r = api.postJson("/api/v1/stock", bad);
      assertEquals(400, r.status(), bad + " → " + r.body());
      assertEquals("bad_request", r.errorCode(), bad);
    }
    assertEquals(401, new ApiClient(app.httpPort(), "wrong-token").postJson("/api/v1/stock", "[{\"sku\":\"A\",\"qty\":1}]").status());
    assertEquals(0, stockCalls().size(), "nothing reached the shop");
  }

  @Test
  void aShopOutageQueuesTheUpdateDurablyAndItIsAppliedWhenTheShopIsBack() throws Exception {
    shop.resetAll();
    shop.stubFor(stockPrice().willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
        .withBody("<html><body>Service Unavailable</body></html>")));
    ApiClient.Answer r = api.postJson("/api/v1/stock", "{\"messageId\":\"outage-1\",\"items\":[{\"sku\":\"ART-001\",\"qty\":77}]}");
    assertEquals(202, r.status(), r.body());
    long queueId = r.json().getLong("queueId");
    assertTrue(r.json().getBoolean("queued"));
    ApiClient.Answer repeat = api.postJson("/api/v1/stock", "{\"messageId\":\"outage-1\",\"items\":[{\"sku\":\"ART-001\",\"qty\":77}]}");
    assertEquals(202, repeat.status());
    assertEquals(queueId, repeat.json().getLong("queueId"), "the repeat points at the same queued entry");

    healthyShop(); // the shop is back
    JsonObject entry = null;
    for (int i = 0; i < 100; i++) {
      JsonArray done = api.get("/api/v1/outbox?status=done").json().getJsonArray("entries");
      entry = done.stream().map(o -> (JsonObject) o).filter(e -> e.getLong("id") == queueId).findFirst().orElse(null);
      if (entry != null) break;
      Thread.sleep(200);
    }
    assertTrue(entry != null, "the queued update was delivered");
    JsonObject sent = new JsonObject(stockCalls().get(0).getBodyAsString());
    assertEquals(77, sent.getJsonArray("items").getJsonObject(0).getInteger("quantity"));
    assertEquals(0, new BigDecimal("77").compareTo(storedQuantity("ART-001")));
  }

  /**
   * Issue 13: a message queued while the shop refused it is delivered after a newer one was applied directly; the
   * queued (older) quantity must not overwrite the newer one, and its answer says so.
   */
  @Test
  void aQueuedOlderMessageNeverOverwritesANewerOneAppliedMeanwhile() throws Exception {
    shop.resetAll();
    healthyShop();
    // the shop refuses exactly the older message's request (its API user was being fixed), so it is queued while the
    // newer one goes through; a refusal, not an outage, so the stock lane's breaker stays closed for the other tests
    shop.stubFor(stockPrice().withRequestBody(containing("\"quantity\":11")).atPriority(1)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":\"unauthorized\",\"message\":\"API user disabled\",\"details\":{}}}")));
    ApiClient.Answer older = api.postJson("/api/v1/stock", "{\"messageId\":\"older-1\",\"items\":[{\"sku\":\"ART-002\",\"qty\":11}]}");
    assertEquals(202, older.status(), older.body());
    long queueId = older.json().getLong("queueId");

    ApiClient.Answer newer = api.postJson("/api/v1/stock", "{\"messageId\":\"newer-1\",\"items\":[{\"sku\":\"ART-002\",\"qty\":12}]}");
    assertEquals(200, newer.status(), newer.body());
    assertEquals(1, newer.json().getInteger("updated"));

    healthyShop(); // the shop takes everything again: the queued message is delivered now
    JsonObject entry = null;
    for (int i = 0; i < 150 && entry == null; i++) {
      JsonArray done = api.get("/api/v1/outbox?status=done").json().getJsonArray("entries");
      entry = done.stream().map(o -> (JsonObject) o).filter(e -> e.getLong("id") == queueId).findFirst().orElse(null);
      if (entry == null) Thread.sleep(200);
    }
    assertTrue(entry != null, "the queued message was delivered");
    assertEquals(new JsonArray().add("ART-002"), entry.getJsonObject("result").getJsonArray("older"), entry.encode());
    assertEquals(0, entry.getJsonObject("result").getInteger("updated"));
    assertTrue(stockCalls().stream().noneMatch(c -> c.getBodyAsString().contains("\"quantity\":11")),
        "the older quantity was never sent once the shop was back");
    assertEquals(0, new BigDecimal("12").compareTo(storedQuantity("ART-002")));
  }
}
