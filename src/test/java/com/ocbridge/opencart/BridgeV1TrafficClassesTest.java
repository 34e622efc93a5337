package com.ocbridge.opencart;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.opencart.bridgev1.BridgeV1Client;
import com.ocbridge.opencart.model.ImageUpload;
import com.ocbridge.opencart.model.OrderQuery;
import com.ocbridge.opencart.model.ProductKey;
import com.ocbridge.opencart.model.StockItem;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.ocbridge.opencart.Await.failure;
import static com.ocbridge.opencart.Await.result;
import static com.ocbridge.opencart.BridgeStubs.data;
import static com.ocbridge.opencart.BridgeStubs.error;
import static com.ocbridge.opencart.BridgeStubs.get;
import static com.ocbridge.opencart.BridgeStubs.post;
import static com.ocbridge.opencart.BridgeStubs.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traffic classes (issue 13): catalog, fast stock, order reads and order writes each have their own in-flight limit
 * and breaker, so a busy or failing import neither queues nor refuses the others. Asserted by order of completion
 * and breaker state, never by elapsed time.
 */
class BridgeV1TrafficClassesTest {

  private static Vertx vertx;
  private static WireMockServer shop;

  @BeforeAll
  static void startShop() {
    vertx = Vertx.vertx();
    shop = BridgeStubs.startServer(new BatchEchoTransformer());
  }

  @AfterAll
  static void stopShop() {
    shop.stop();
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    shop.resetAll();
    shop.stubFor(get("ping").willReturn(data(resource("ping.json"))));
    shop.stubFor(post("products.stock_price").willReturn(data("{}").withTransformers(BatchEchoTransformer.NAME)));
    shop.stubFor(get("order.list").willReturn(data("{\"items\":[],\"total\":0,\"page\":1,\"limit\":50}")));
  }

  @Test
  void fastStockAndOrderReadsDoNotQueueBehindAFullCatalogLane() {
    // every catalog request takes 600 ms: 12 of them at concurrency 2 keep the catalog lane busy for 3.6 s
    shop.stubFor(post("products.stock_price").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
            .containing("\"ext-1"))
        .willReturn(data("{}").withTransformers(BatchEchoTransformer.NAME).withFixedDelay(600)));
    OpenCartClient client = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop)
        .withConcurrency(2).withRequestTimeout(Duration.ofSeconds(10)));
    try {
      ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
      List<Future<?>> catalog = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String name = "catalog-" + i;
        catalog.add(client.updateStockPrices(ProductKey.EXTERNAL_ID, List.of(StockItem.of("ext-" + (100 + i), 1, BigDecimal.ONE)))
            .onSuccess(r -> finished.add(name)));
      }
      Future<?> stock = client.inClass(TrafficClass.STOCK)
          .updateStockPrices(ProductKey.SKU, List.of(StockItem.of("ext-7", 5, BigDecimal.TEN)))
          .onSuccess(r -> finished.add("stock"));
      Future<?> orders = client.listOrders(OrderQuery.all()).onSuccess(r -> finished.add("orders"));

      result(Future.all(List.of(stock, orders)));
      int catalogDoneBefore = finished.size() - 2;
      result(Future.all(catalog));

      assertTrue(catalogDoneBefore <= 2, "stock and order reads were answered while the catalog lane was full, after"
          + " at most the first two catalog requests; finished in this order: " + finished);
      assertEquals(14, finished.size(), "every request was answered: " + finished);
    } finally {
      client.close();
    }
  }

  @Test
  void aBreakerOpenedByFailingPicturesDoesNotRefuseStockOrStatuses() {
    shop.stubFor(post("image.put").willReturn(error(503, "unavailable", "overloaded", "{}")));
    shop.stubFor(post("order.history_add").willReturn(
        data("{\"order_id\":5,\"order_status_id\":2,\"order_history_id\":77}")));
    BridgeV1Client client = (BridgeV1Client) OpenCartClients.create(vertx, "bridge-v1",
        BridgeStubs.settings(shop).withRetry(1, Duration.ofMillis(10), Duration.ofMillis(10)));
    try {
      OpenCartException last = null;
      for (int i = 0; i < 12 && client.resilience(TrafficClass.CATALOG).state() != CircuitBreaker.State.OPEN; i++) {
        last = assertInstanceOf(OpenCartException.class, failure(client.putImage("catalog/x" + i + ".jpg",
            new byte[] {1, 2, 3}, true)));
      }
      assertEquals(CircuitBreaker.State.OPEN, client.resilience(TrafficClass.CATALOG).state(),
          "ten failing picture uploads opened the catalog breaker (last: " + last + ")");
      OpenCartException refused = assertInstanceOf(OpenCartException.class,
          failure(client.putImages(List.of(new ImageUpload("catalog/y.jpg", new byte[] {1})))));
      assertEquals(ErrorKind.CIRCUIT_OPEN, refused.kind(), refused.getMessage());
      assertTrue(refused.getMessage().contains("catalog traffic"), refused.getMessage());

      assertEquals(1, result(client.inClass(TrafficClass.STOCK).updateStockPrices(ProductKey.SKU,
          List.of(StockItem.of("ext-3", 2, BigDecimal.ONE)))).size(), "fast stock still reaches the shop");
      assertEquals(77L, result(client.addOrderHistory(new com.ocbridge.opencart.model.OrderHistoryAdd(5, 2, "", false,
          false, null))).orderHistoryId(), "a status change still reaches the shop");
      assertEquals(CircuitBreaker.State.CLOSED, client.resilience(TrafficClass.STOCK).state());
      assertEquals(CircuitBreaker.State.CLOSED, client.resilience(TrafficClass.ORDER_WRITES).state());
    } finally {
      client.close();
    }
  }
}
