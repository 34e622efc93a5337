package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.StubShopServer;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service with a shop that is not there, then comes back: /health stays ready but names the shop as DOWN
 * with reason and since, /health/live answers, /api/v1/status says unreachable with an attention item, /metrics has
 * the ocbridge_* series, and once a shop listens on that port the status turns reachable within seconds. Also: no
 * "Gauge has been already registered" warning at start.
 */
class StatusAndHealthTest {
  @TempDir Path dataDir;

  @Test
  void shopDownThenBack() throws Exception {
    int port = freePort();
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + port + "/")
            .put("apiUsername", "bridge").put("apiKey", "secret-key"));
    BridgeApp app = new BridgeApp(TestConfig.load(json)).withShopProbeInterval(Duration.ofMillis(300));
    String startLog = captured(() -> app.start().await(60, TimeUnit.SECONDS));
    StubShopServer shop = null;
    try {
      assertFalse(startLog.contains("already registered"), startLog);
      ApiClient http = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);

      JsonObject down = waitFor(http, s -> !s.getJsonArray("attention").isEmpty()
          && "shop_unreachable".equals(s.getJsonArray("attention").getJsonObject(0).getString("code")));
      JsonObject shopState = down.getJsonObject("shop");
      assertTrue(shopState.getBoolean("configured"));
      assertFalse(shopState.getBoolean("reachable"));
      assertNotNull(Instant.parse(shopState.getString("since")));
      assertNull(shopState.getString("lastOkAt"));
      String reason = shopState.getString("reason");
      assertTrue(reason.contains("подключиться"), reason);
      assertFalse(reason.matches(".*[A-Za-z]+\\.[A-Za-z]+Exception.*"), reason);
      JsonObject alert = down.getJsonArray("attention").getJsonObject(0);
      assertEquals("critical", alert.getString("severity"));
      assertEquals(shopState.getString("since"), alert.getString("since"));
      assertTrue(alert.getString("message").startsWith("Магазин недоступен."), alert.getString("message"));
      assertEquals(reason, alert.getJsonObject("params").getString("reason"));
      JsonArray breakers = down.getJsonArray("breakers");
      assertTrue(breakers.stream().map(b -> ((JsonObject) b).getString("name")).toList()
          .containsAll(java.util.List.of("opencart.catalog", "opencart.stock", "opencart.order-reads",
              "opencart.order-writes")), breakers.encode());
      assertNull(down.getJsonObject("imports").getValue("running"));
      assertTrue(down.getJsonObject("orders").getBoolean("enabled"));
      assertNull(down.getJsonObject("oneC").getJsonObject("lastContact").getString("stock"));

      // the service stays ready while the shop is down; the opencart check says why
      ApiClient.Answer health = http.get("/health");
      assertEquals(200, health.status(), health.body());
      assertEquals("UP", health.json().getString("status"));
      JsonObject opencart = check(health.json(), "opencart");
      assertEquals("DOWN", opencart.getString("status"), health.body());
      assertEquals(reason, opencart.getJsonObject("data").getString("reason"));
      assertNotNull(opencart.getJsonObject("data").getString("since"));
      assertEquals("UP", check(health.json(), "database").getString("status"));
      assertEquals(200, http.get("/health/ready").status());
      ApiClient.Answer live = http.get("/health/live");
      assertEquals(200, live.status(), live.body());
      assertEquals("UP", live.json().getString("status"));

      // without a token the status is refused like the rest of /api/v1
      ApiClient.Answer anonymous = new ApiClient(app.httpPort(), null).get("/api/v1/status");
      assertEquals(401, anonymous.status(), anonymous.body());

      // an empty order list says whether the shop was read at all: the last poll, failed, with its reason
      JsonObject poll = http.get("/api/v1/orders").json().getJsonObject("poll");
      for (long deadline = System.nanoTime() + 30_000_000_000L; poll.getString("lastPollAt") == null
          && System.nanoTime() < deadline; poll = http.get("/api/v1/orders").json().getJsonObject("poll")) {
        Thread.sleep(200);
      }
      assertTrue(poll.getBoolean("enabled"), poll.encode());
      assertEquals(Boolean.FALSE, poll.getBoolean("lastPollOk"), poll.encode());
      assertNotNull(poll.getString("lastPollError"), poll.encode());

      // 1C pushes stock while the shop is down: queued, counted, and the contact is recorded
      ApiClient.Answer queued = http.postJson("/api/v1/stock", "[{\"sku\":\"ART-1\",\"qty\":3}]");
      assertEquals(202, queued.status(), queued.body());
      JsonObject afterStock = http.get("/api/v1/status").json();
      assertNotNull(afterStock.getJsonObject("oneC").getJsonObject("lastContact").getString("stock"));
      assertTrue(afterStock.getJsonObject("outbox").getLong("pending") >= 1, afterStock.encode());

      String metrics = http.get("/metrics").body();
      for (String series : new String[] {"ocbridge_shop_reachable 0.0",
          "ocbridge_breaker_state{breaker=\"opencart.stock\"}", "ocbridge_import_progress_percent 0.0",
          "ocbridge_onec_last_contact_age_seconds{type=\"stock\"}", "ocbridge_onec_last_contact_age_seconds{type=\"catalog\"} NaN",
          "ocbridge_shop_errors_total{kind=\"connection\",op=\"ping\"}", "ocbridge_shop_request_seconds_count{op=\"ping\",outcome=\"error\"}",
          "ocbridge_stock_messages_received_total 1.0", "ocbridge_stock_messages_queued_total 1.0",
          "ocbridge_import_jobs{state=\"paused\"} 0.0", "ocbridge_outbox_depth{status=\"pending\"}",
          "ocbridge_outbox_oldest_pending_seconds", "ocbridge_orders_poll_ok"}) {
        assertTrue(metrics.contains(series), () -> series + " missing from /metrics: " + metrics.lines()
            .filter(l -> l.startsWith("ocbridge_")).toList());
      }

      // the shop comes back on the same port: known within seconds, without any traffic of our own
      shop = new StubShopServer(port);
      JsonObject up = waitFor(http, s -> s.getJsonObject("shop").getBoolean("reachable"));
      assertNull(up.getJsonObject("shop").getString("reason"));
      assertNotNull(up.getJsonObject("shop").getString("lastOkAt"));
      assertTrue(up.getJsonArray("attention").stream()
          .noneMatch(a -> "shop_unreachable".equals(((JsonObject) a).getString("code"))), up.encode());
      ApiClient.Answer healthUp = http.get("/health");
      assertEquals(200, healthUp.status());
      assertEquals("UP", check(healthUp.json(), "opencart").getString("status"), healthUp.body());
      assertTrue(http.get("/metrics").body().contains("ocbridge_shop_reachable 1.0"));
    } finally {
      if (shop != null) shop.close();
      app.stop(Duration.ofSeconds(30));
    }
  }

  private static JsonObject waitFor(ApiClient http, Predicate<JsonObject> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      ApiClient.Answer answer = http.get("/api/v1/status");
      assertEquals(200, answer.status(), answer.body());
      last = answer.json();
      if (condition.test(last)) return last;
      Thread.sleep(100);
    }
    throw new AssertionError("status never reached the expected state; last: " + last);
  }

  private static JsonObject check(JsonObject health, String id) {
    return health.getJsonArray("checks").stream().map(o -> (JsonObject) o)
        .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " missing: "
            + health.encode()));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs {@code action} with the log (slf4j-simple writes to System.out) copied into a string as well. */
  private static String captured(ThrowingRunnable action) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        copy.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        copy.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    try {
      action.run();
      Thread.sleep(500); // the pools open their first connections right after the start
    } finally {
      System.setOut(original);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
