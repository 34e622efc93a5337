package com.ocbridge.orders;

import com.ocbridge.testing.ApiClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code onec.push.enabled} the intake also queues each new order that is to be handed over for 1C's orders HTTP
 * service (WireMock as 1C, answering as onec-http-services.md §2.2 proposes), in the transaction that stores it.
 */
class OneCPushTest {
  @TempDir Path dataDir;
  WireMockServer onec;
  OrdersHarness h;

  @BeforeEach
  void start() throws Exception {
    onec = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    onec.start();
    onec.stubFor(post(urlPathEqualTo("/trade/hs/site/v1/orders")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"status\":\"created\",\"source\":\"opencart\",\"onec\":{\"ref\":\"41aa6331\",\"type\":\"ЗаказКлиента\","
            + "\"number\":\"ЦБ-000123\",\"posted\":false}}")));
    h = new OrdersHarness(dataDir, "windows-1251", new JsonObject().put("onec", new JsonObject().put("push",
        new JsonObject().put("enabled", true).put("baseUrl", "http://127.0.0.1:" + onec.port() + "/trade/hs/site/v1")
            .put("username", "Сайт").put("password", "p"))));
  }

  @AfterEach
  void stop() {
    h.close();
    onec.stop();
  }

  private List<LoggedRequest> pushes() {
    return onec.findAll(postRequestedFor(urlPathEqualTo("/trade/hs/site/v1/orders")));
  }

  @Test
  void newOrdersInTheHandedOverStatusesArePushedOnce() throws Exception {
    h.book.place(1, 1);
    h.book.place(2, 0);
    h.book.place(3, 5);
    h.book.place(4, 2);
    h.poll();
    OrdersHarness.eventually("two pushes", () -> pushes().size() == 2);
    Map<String, JsonObject> sent = pushes().stream().map(r -> new JsonObject(r.getBodyAsString()))
        .collect(Collectors.toMap(b -> b.getString("siteOrderId"), b -> b));
    assertEquals(List.of("1", "4"), sent.keySet().stream().sorted().toList());
    JsonObject one = sent.get("1");
    JsonObject shop = h.book.get(1);
    assertEquals(shop.getJsonArray("products").size(), one.getJsonArray("items").size());
    assertEquals(0, new BigDecimal(shop.getString("total")).compareTo(new BigDecimal(one.getJsonObject("totals")
        .getString("total"))));
    assertEquals(shop.getJsonObject("customer").getString("email"), one.getJsonObject("customer").getString("email"));
    assertEquals("opencart:0:1", pushes().stream().filter(r -> r.getBodyAsString().contains("\"siteOrderId\":\"1\""))
        .findFirst().orElseThrow().getHeader("Idempotency-Key"));

    // a later change of order 1 is not pushed again (1C would answer 409 ORDER_CHANGED to the same key)
    h.book.addOneOfFirstLine(1);
    h.poll();
    OrdersHarness.eventually("push entries done", () -> {
      try {
        return h.sql("SELECT count(*) FROM outbox WHERE type = 'onec.order.push' AND status = 'done'").iterator().next()
            .getLong(0) == 2;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(2, pushes().size());

    // operators see the 1C side: breaker state in /metrics and /health
    ApiClient.Answer metrics = h.api().get("/metrics");
    assertTrue(metrics.body().contains("ocbridge_onec_breaker_state"), "breaker state metric");
    assertTrue(metrics.body().contains("ocbridge_outbox_depth"), "outbox depth metric");
    ApiClient.Answer health = h.api().get("/health");
    assertEquals(200, health.status(), health.body());
    assertTrue(health.body().contains("\"onec\""), health.body());
  }
}
