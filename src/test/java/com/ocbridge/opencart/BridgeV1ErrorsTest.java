package com.ocbridge.opencart;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.ocbridge.opencart.model.OrderHistoryAdd;
import com.ocbridge.opencart.model.ProductRef;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.ShopInfo;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.ocbridge.opencart.Await.openCartFailure;
import static com.ocbridge.opencart.Await.result;
import static com.ocbridge.opencart.BridgeStubs.awaitServed;
import static com.ocbridge.opencart.BridgeStubs.data;
import static com.ocbridge.opencart.BridgeStubs.error;
import static com.ocbridge.opencart.BridgeStubs.get;
import static com.ocbridge.opencart.BridgeStubs.json;
import static com.ocbridge.opencart.BridgeStubs.post;
import static com.ocbridge.opencart.BridgeStubs.resource;
import static com.ocbridge.opencart.BridgeStubs.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error envelopes (contract §3, §7), answers that are not the bridge's JSON, timeouts, refused
 * connections, and which of them are retried.
 */
class BridgeV1ErrorsTest {

  private static Vertx vertx;
  private static WireMockServer shop;
  private OpenCartClient client;
  private String baseUrl;

  @BeforeAll
  static void startShop() {
    vertx = Vertx.vertx();
    shop = BridgeStubs.startServer();
  }

  @AfterAll
  static void stopShop() {
    shop.stop();
    vertx.close().await();
  }

  @BeforeEach
  void newClient() {
    shop.resetAll();
    OpenCartSettings settings = BridgeStubs.settings(shop);
    baseUrl = settings.baseUrl();
    client = OpenCartClients.create(vertx, "bridge-v1", settings);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  // ------------------------------------------------------------------ error envelopes

  @Test
  void badRequest400() {
    shop.stubFor(post("products.upsert").willReturn(error(400, "bad_request", "items must be an array", "{}")));

    OpenCartException e = openCartFailure(client.upsertProducts(List.of(anyUpsert())));

    assertKind(e, ErrorKind.BAD_REQUEST, 400, "bad_request");
    assertEquals(1, served(shop, "products.upsert").size(), "400 is not retried");
  }

  @Test
  void unauthorized401NamesTheSettingsButNeverTheKey() {
    shop.stubFor(get("ping").willReturn(error(401, "unauthorized", "Unknown API user or wrong key", "{}")));

    OpenCartException e = openCartFailure(client.ping());

    assertKind(e, ErrorKind.UNAUTHORIZED, 401, "unauthorized");
    assertEquals("Unknown API user or wrong key", e.shopMessage());
    assertTrue(e.getMessage().contains("opencart.apiUsername"), e.getMessage());
    assertFalse(e.getMessage().contains(BridgeStubs.KEY), "the API key must never appear in messages");
    assertEquals(1, served(shop, "ping").size(), "401 is not retried");
  }

  @Test
  void forbiddenIp403TellsWhichIp() {
    shop.stubFor(get("ping").willReturn(error(403, "forbidden_ip", "IP not allowed", "{\"ip\":\"203.0.113.7\"}")));

    OpenCartException e = openCartFailure(client.ping());

    assertKind(e, ErrorKind.FORBIDDEN_IP, 403, "forbidden_ip");
    assertEquals("203.0.113.7", e.details().get("ip"));
    assertTrue(e.getMessage().contains("203.0.113.7"), e.getMessage());
  }

  @Test
  void notFound404() {
    shop.stubFor(get("product.get").willReturn(error(404, "not_found", "No product with sku NOPE", "{}")));

    OpenCartException e = openCartFailure(client.getProduct(ProductRef.sku("NOPE")));

    assertKind(e, ErrorKind.NOT_FOUND, 404, "not_found");
    assertFalse(e.isRetryable());
  }

  @Test
  void methodNotAllowed405IsABadRequest() {
    shop.stubFor(get("ping").willReturn(error(405, "method_not_allowed", "Use GET", "{}")));

    assertKind(openCartFailure(client.ping()), ErrorKind.BAD_REQUEST, 405, "method_not_allowed");
  }

  @Test
  void ambiguous409CarriesProductIds() {
    shop.stubFor(get("product.get").willReturn(error(409, "ambiguous", "2 products have sku ART-200",
        "{\"product_ids\":[51,77]}")));

    OpenCartException e = openCartFailure(client.getProduct(ProductRef.sku("ART-200")));

    assertKind(e, ErrorKind.AMBIGUOUS, 409, "ambiguous");
    assertEquals(List.of(51L, 77L), e.productIds());
    assertTrue(e.getMessage().contains("[51, 77]"), e.getMessage());
  }

  @Test
  void payloadTooLarge413() {
    shop.stubFor(post("products.upsert").willReturn(error(413, "payload_too_large", "Body over 8 MiB", "{}")));

    OpenCartException e = openCartFailure(client.upsertProducts(List.of(anyUpsert())));

    assertKind(e, ErrorKind.PAYLOAD_TOO_LARGE, 413, "payload_too_large");
    assertEquals(1, served(shop, "products.upsert").size());
  }

  @Test
  void validation422CarriesFieldMessagesAndIsNotRetried() {
    shop.stubFor(post("product.upsert").willReturn(error(422, "validation", "Invalid product",
        "{\"fields\":{\"descriptions.ru-ru.name\":\"1 to 255 characters\",\"seo_keywords.0.ru-ru\":\"already used by product 12\"}}")));

    OpenCartException e = openCartFailure(client.upsertProduct(anyUpsert()));

    assertKind(e, ErrorKind.VALIDATION, 422, "validation");
    assertEquals(Map.of("descriptions.ru-ru.name", "1 to 255 characters",
        "seo_keywords.0.ru-ru", "already used by product 12"), e.fieldErrors());
    assertTrue(e.getMessage().contains("descriptions.ru-ru.name: 1 to 255 characters"), e.getMessage());
    assertEquals(1, served(shop, "product.upsert").size(), "422 must not be retried");
  }

  @Test
  void internal500IsRetriedUpToTheConfiguredAttempts() {
    shop.stubFor(get("ping").willReturn(error(500, "internal", "Deadlock found", "{}")));

    OpenCartException e = openCartFailure(client.ping());

    assertKind(e, ErrorKind.SERVER, 500, "internal");
    assertTrue(e.isRetryable());
    assertEquals(3, served(shop, "ping").size(), "3 attempts configured");
  }

  @Test
  void twice503Then200SucceedsWithExactlyThreeRequests() {
    String scenario = "flaky";
    shop.stubFor(get("ping").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(error(503, "internal", "busy", "{}")).willSetStateTo("second"));
    shop.stubFor(get("ping").inScenario(scenario).whenScenarioStateIs("second")
        .willReturn(error(503, "internal", "busy", "{}")).willSetStateTo("healthy"));
    shop.stubFor(get("ping").inScenario(scenario).whenScenarioStateIs("healthy")
        .willReturn(data(resource("ping.json"))));

    ShopInfo info = result(client.ping());

    assertEquals("1.0.0", info.bridgeVersion());
    assertEquals(3, served(shop, "ping").size());
  }

  @Test
  void unknownErrorCodeFallsBackToStatus() {
    shop.stubFor(get("ping").willReturn(error(502, "gateway", "upstream", "{}")));

    assertKind(openCartFailure(client.ping()), ErrorKind.SERVER, 502, "gateway");
  }

  // ------------------------------------------------------------------ not the bridge's JSON

  @Test
  void htmlWithStatus200IsAnErrorThatExplainsItself() {
    shop.stubFor(get("product.get").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<!DOCTYPE html><html><head><title>Page not found</title></head><body>…</body></html>")));

    OpenCartException e = openCartFailure(client.getProduct(ProductRef.sku("ART-200")));

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertEquals(200, e.httpStatus());
    assertTrue(e.getMessage().startsWith("OpenCart answered HTML instead of JSON for op=product.get (HTTP 200): "
        + "is the OCBridge extension installed at " + baseUrl + "?"), e.getMessage());
    assertTrue(e.getMessage().contains("Page not found"), "shows the start of the body: " + e.getMessage());
    assertEquals(1, served(shop, "product.get").size(), "not retried");
  }

  @Test
  void htmlWithoutContentTypeIsRecognised() {
    shop.stubFor(get("ping").willReturn(aResponse().withStatus(200).withBody("<html><body>Login</body></html>")));

    OpenCartException e = openCartFailure(client.ping());

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertTrue(e.getMessage().contains("answered HTML"), e.getMessage());
  }

  @Test
  void phpWarningBeforeJsonIsAnError() {
    shop.stubFor(get("ping").willReturn(json(200,
        "<br />\n<b>Warning</b>: Undefined array key \"x\" in ... on line 12<br />\n{\"data\":{}}")));

    OpenCartException e = openCartFailure(client.ping());

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertTrue(e.getMessage().contains("Warning"), e.getMessage());
  }

  @Test
  void plainTextIsAnError() {
    shop.stubFor(get("ping").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/plain").withBody("OK")));

    OpenCartException e = openCartFailure(client.ping());

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertTrue(e.getMessage().contains("text/plain"), e.getMessage());
  }

  @Test
  void jsonWithoutEnvelopeIsAnError() {
    // what OpenCart's core API answers for some auth failures
    shop.stubFor(get("ping").willReturn(json(200, "[]")));

    OpenCartException e = openCartFailure(client.ping());

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertTrue(e.getMessage().contains("without the bridge's {\"data\":…} envelope"), e.getMessage());
  }

  @Test
  void dataNotMatchingTheContractIsAnError() {
    shop.stubFor(post("product.upsert").willReturn(data("{\"created\":true}")));

    OpenCartException e = openCartFailure(client.upsertProduct(anyUpsert()));

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertTrue(e.getMessage().contains("product_id"), e.getMessage());
  }

  @Test
  void redirectedWriteExplainsWhichBaseUrlToUse() {
    shop.stubFor(post("product.upsert").willReturn(aResponse().withStatus(301)
        .withHeader("Location", "https://shop.example/index.php").withBody("<html>Moved</html>")));

    OpenCartException e = openCartFailure(client.upsertProduct(anyUpsert()));

    assertEquals(ErrorKind.NOT_JSON, e.kind());
    assertEquals(301, e.httpStatus());
    assertTrue(e.getMessage().contains("redirected op=product.upsert (HTTP 301) to https://shop.example/index.php"),
        e.getMessage());
    assertEquals(1, served(shop, "product.upsert").size());
  }

  @Test
  void proxyErrorPageIsAServerErrorAndRetried() {
    shop.stubFor(get("ping").willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "text/html").withBody("<html><h1>502 Bad Gateway</h1></html>")));

    OpenCartException e = openCartFailure(client.ping());

    assertEquals(ErrorKind.SERVER, e.kind());
    assertEquals(3, served(shop, "ping").size());
  }

  // ------------------------------------------------------------------ timeouts and connections

  @Test
  void slowAnswerTimesOutAndIsRetried() throws Exception {
    OpenCartClient impatient = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop)
        .withRequestTimeout(Duration.ofMillis(300)).withRetry(2, Duration.ofMillis(20), Duration.ofMillis(20)));
    shop.stubFor(get("ping").willReturn(data(resource("ping.json")).withFixedDelay(2000)));
    try {
      OpenCartException e = openCartFailure(impatient.ping());

      assertEquals(ErrorKind.TIMEOUT, e.kind());
      assertTrue(e.isRetryable());
      assertTrue(e.getMessage().contains("within 300 ms for op=ping"), e.getMessage());
      assertEquals(2, awaitServed(shop, "ping", 2, Duration.ofSeconds(5)), "2 attempts configured");
    } finally {
      impatient.close();
    }
  }

  @Test
  void orderHistoryIsNotRepeatedAfterATimeout() throws Exception {
    // the first attempt may have been applied; a second would add a second entry and mail again
    OpenCartClient impatient = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop)
        .withRequestTimeout(Duration.ofMillis(300)));
    shop.stubFor(post("order.history_add").willReturn(
        data("{\"order_id\":1,\"order_status_id\":2,\"order_history_id\":3}").withFixedDelay(1000)));
    try {
      OpenCartException e = openCartFailure(impatient.addOrderHistory(OrderHistoryAdd.of(1, 2, "x")));

      assertEquals(ErrorKind.TIMEOUT, e.kind());
      Thread.sleep(300); // a wrongly scheduled retry (backoff ≤ 100 ms) would arrive in this time
      assertEquals(1, served(shop, "order.history_add").size());
    } finally {
      impatient.close();
    }
  }

  /** ping.json with the extension's additions list, as extensions with idempotency keys answer it. */
  private static String pingAnnouncingKeys() throws IOException {
    String ping = resource("ping.json");
    return ping.substring(0, ping.lastIndexOf('}')) + ",\"features\":[\"order.history_add.idempotency_key\"]}";
  }

  /** order.history_add answers 500 first (the shop applied it, the answer was lost), then the replay. */
  private static void historyAddLosesFirstAnswer() {
    String scenario = "lost answer";
    shop.stubFor(post("order.history_add").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(error(500, "internal", "gateway lost the answer", "{}")).willSetStateTo("applied"));
    shop.stubFor(post("order.history_add").inScenario(scenario).whenScenarioStateIs("applied")
        .willReturn(data("{\"order_id\":1,\"order_status_id\":2,\"order_history_id\":3,\"replayed\":true}")));
  }

  @Test
  void keyedOrderHistoryIsRepeatedAfterA500WhenTheShopAnnouncedKeys() throws IOException {
    shop.stubFor(get("ping").willReturn(data(pingAnnouncingKeys())));
    historyAddLosesFirstAnswer();

    var added = result(client.addOrderHistory(OrderHistoryAdd.of(1, 2, "x").withIdempotencyKey("ocb-status-7-ab")));

    assertTrue(added.replayed());
    assertEquals(3, added.orderHistoryId());
    assertEquals(1, served(shop, "ping").size(), "a shop not pinged yet is asked once, before the write");
    assertEquals(2, served(shop, "order.history_add").size());
    assertTrue(served(shop, "order.history_add").get(1).getRequest().getBodyAsString().contains("\"idempotency_key\":\"ocb-status-7-ab\""));
  }

  @Test
  void keyedOrderHistoryIsRepeatedAfterATimeoutWhenTheShopAnnouncedKeys() throws Exception {
    OpenCartClient impatient = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop)
        .withRequestTimeout(Duration.ofMillis(300)));
    shop.stubFor(get("ping").willReturn(data(pingAnnouncingKeys())));
    shop.stubFor(post("order.history_add").willReturn(
        data("{\"order_id\":1,\"order_status_id\":2,\"order_history_id\":3}").withFixedDelay(1000)));
    try {
      result(impatient.ping());
      OpenCartException e = openCartFailure(impatient.addOrderHistory(OrderHistoryAdd.of(1, 2, "x").withIdempotencyKey("k")));

      assertEquals(ErrorKind.TIMEOUT, e.kind());
      assertEquals(3, awaitServed(shop, "order.history_add", 3, Duration.ofSeconds(5)), "3 attempts configured");
    } finally {
      impatient.close();
    }
  }

  @Test
  void keyedOrderHistoryToAnOlderExtensionIsNotRepeated() throws Exception {
    // the key is sent, but a shop that did not announce it may ignore it: a repeat could add a second line
    shop.stubFor(get("ping").willReturn(data(resource("ping.json"))));
    historyAddLosesFirstAnswer();

    OpenCartException e = openCartFailure(client.addOrderHistory(OrderHistoryAdd.of(1, 2, "x").withIdempotencyKey("k")));

    assertEquals(ErrorKind.SERVER, e.kind());
    Thread.sleep(300); // a wrongly scheduled retry (backoff ≤ 100 ms) would arrive in this time
    assertEquals(1, served(shop, "order.history_add").size());
  }

  @Test
  void orderHistoryWithoutKeyIsNotRepeatedEvenWhenTheShopAnnouncedKeys() throws Exception {
    shop.stubFor(get("ping").willReturn(data(pingAnnouncingKeys())));
    historyAddLosesFirstAnswer();
    result(client.ping());

    OpenCartException e = openCartFailure(client.addOrderHistory(OrderHistoryAdd.of(1, 2, "x")));

    assertEquals(ErrorKind.SERVER, e.kind());
    Thread.sleep(300);
    assertEquals(1, served(shop, "order.history_add").size());
    assertFalse(served(shop, "order.history_add").get(0).getRequest().getBodyAsString().contains("idempotency_key"));
  }

  @Test
  void refusedConnectionIsAConnectionError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    OpenCartClient nowhere = OpenCartClients.create(vertx, "bridge-v1",
        OpenCartSettings.of("http://127.0.0.1:" + closedPort, BridgeStubs.USER, BridgeStubs.KEY)
            .withRetry(2, Duration.ofMillis(10), Duration.ofMillis(10)));
    try {
      OpenCartException e = openCartFailure(nowhere.ping());

      assertEquals(ErrorKind.CONNECTION, e.kind());
      assertTrue(e.isRetryable());
      assertTrue(e.getMessage().startsWith("Could not connect to OpenCart at http://127.0.0.1:" + closedPort),
          e.getMessage());
    } finally {
      nowhere.close();
    }
  }

  // ------------------------------------------------------------------ circuit breaker

  @Test
  void breakerOpensAfterRepeatedServerFailuresAndStopsSending() {
    OpenCartClient oneShot = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop)
        .withRetry(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    shop.stubFor(get("ping").willReturn(error(500, "internal", "down", "{}")));
    try {
      List<ErrorKind> kinds = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        kinds.add(openCartFailure(oneShot.ping()).kind());
      }

      // the breaker looks at the last 20 calls once 10 were made, and opens at 50 % failures
      assertEquals(List.of(ErrorKind.SERVER, ErrorKind.SERVER, ErrorKind.SERVER, ErrorKind.SERVER,
          ErrorKind.SERVER, ErrorKind.SERVER, ErrorKind.SERVER, ErrorKind.SERVER, ErrorKind.SERVER,
          ErrorKind.SERVER, ErrorKind.CIRCUIT_OPEN, ErrorKind.CIRCUIT_OPEN), kinds);
      assertEquals(10, served(shop, "ping").size(), "an open breaker sends nothing");
    } finally {
      oneShot.close();
    }
  }

  @Test
  void refusalsOfOurDataDoNotOpenTheBreaker() {
    OpenCartClient oneShot = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop)
        .withRetry(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    shop.stubFor(post("product.upsert").willReturn(error(422, "validation", "Invalid product", "{\"fields\":{}}")));
    try {
      for (int i = 0; i < 15; i++) {
        assertEquals(ErrorKind.VALIDATION, openCartFailure(oneShot.upsertProduct(anyUpsert())).kind(),
            "call " + i);
      }
      assertEquals(15, served(shop, "product.upsert").size());
    } finally {
      oneShot.close();
    }
  }

  private static ProductUpsert anyUpsert() {
    return ProductUpsert.byExternalId("g-1", ProductWrite.builder().model("M").quantity(1).build());
  }

  private static void assertKind(OpenCartException e, ErrorKind kind, int status, String code) {
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(status, e.httpStatus(), e.getMessage());
    assertEquals(code, e.shopCode(), e.getMessage());
  }
}
