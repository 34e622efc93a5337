package com.ocbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Hand-written orders with variant lines for the characteristics tests, and the service with WireMock as 1C's orders
 * service (as in {@link OneCPushTest}), so one run shows both the query document and the push payload.
 */
final class VariantOrders implements AutoCloseable {
  static final String ORDERS_PATH = "/trade/hs/site/v1/orders";

  final WireMockServer onec;
  final OrdersHarness h;

  VariantOrders(Path dataDir) throws Exception {
    onec = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    onec.start();
    onec.stubFor(post(urlPathEqualTo(ORDERS_PATH)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"status\":\"created\",\"source\":\"opencart\",\"onec\":{\"ref\":\"41aa6331\","
            + "\"type\":\"ЗаказКлиента\",\"number\":\"ЦБ-000123\",\"posted\":false}}")));
    h = new OrdersHarness(dataDir, "windows-1251", new JsonObject().put("onec", new JsonObject().put("push",
        new JsonObject().put("enabled", true).put("baseUrl", "http://127.0.0.1:" + onec.port() + "/trade/hs/site/v1")
            .put("username", "Сайт").put("password", "p"))));
  }

  /** An option as the shop's order.get answers it; {@code link} = product_option_value_external_id (null: gone). */
  static JsonObject option(String name, String value, String link) {
    return new JsonObject().put("product_option_id", 7).put("product_option_value_id", 30).put("name", name)
        .put("value", value).put("type", "select").put("option_value_external_id", null)
        .put("product_option_value_external_id", link);
  }

  /** A line of product {@code productId}, 1C Ид {@code externalId} (null: made in the shop), with these options. */
  static JsonObject line(long lineId, long productId, String externalId, JsonObject... options) {
    JsonArray opts = new JsonArray();
    for (JsonObject o : options) opts.add(o);
    return new JsonObject().put("order_product_id", lineId).put("product_id", productId).put("master_id", 0)
        .put("external_id", externalId).put("name", "Сапоги " + productId).put("model", "M-" + productId)
        .put("sku", "ART-" + productId).put("quantity", 1).put("price", "100.0000").put("tax", "20.0000")
        .put("total", "100.0000").put("reward", 0).put("options", opts);
  }

  /** Places order {@code id} (status 1, handed over) with these lines. */
  void place(long id, JsonObject... lines) {
    JsonObject order = SampleOrders.order(id, 1, h.book.tick());
    JsonArray products = new JsonArray();
    for (JsonObject l : lines) products.add(l);
    order.put("products", products);
    SampleOrders.recomputeTotals(order);
    h.book.put(order);
  }

  /** The push bodies 1C received, by site order id (waits until {@code count} arrived). */
  Map<String, JsonObject> pushes(int count) throws InterruptedException {
    OrdersHarness.eventually(count + " pushes", () -> onec.findAll(postRequestedFor(urlPathEqualTo(ORDERS_PATH)))
        .size() >= count);
    return onec.findAll(postRequestedFor(urlPathEqualTo(ORDERS_PATH))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .collect(Collectors.toMap(b -> b.getString("siteOrderId"), b -> b, (a, b) -> b));
  }

  /** The stored order (shop_order.content) of this id. */
  JsonObject stored(long id) throws Exception {
    return new JsonObject(h.sql("SELECT content::text FROM shop_order WHERE order_id = $1", id).iterator().next()
        .getString(0));
  }

  @Override
  public void close() {
    h.close();
    onec.stop();
  }
}
