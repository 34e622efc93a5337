package com.ocbridge.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.model.ProductUpsert;
import com.ocbridge.opencart.model.ProductUpsertItemResult;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.testing.StubShopServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Items the shop answers {@code busy} (a database lock conflict it rolled back) are sent again within the same
 * import, over a real socket to a shop that answers like the extension does, and never become refusals.
 */
class ProductUpsertsTest {
  Vertx vertx;
  StubShopServer shop;
  OpenCartClient client;
  /** external id → how many more times the shop answers it busy */
  final Map<String, AtomicInteger> busyFor = new ConcurrentHashMap<>();
  final List<Integer> requestSizes = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    shop = new StubShopServer().answer("products.upsert", this::answer);
    client = OpenCartClients.create(vertx, "bridge-v1", OpenCartSettings.of(shop.baseUrl(), "u", "k"));
  }

  @AfterEach
  void stop() {
    client.close();
    shop.close();
    vertx.close().await();
  }

  private synchronized JsonObject answer(JsonObject request) {
    JsonArray items = request.getJsonArray("items");
    requestSizes.add(items.size());
    JsonArray results = new JsonArray();
    for (int i = 0; i < items.size(); i++) {
      String id = items.getJsonObject(i).getJsonObject("match").getString("value");
      AtomicInteger left = busyFor.get(id);
      if (left != null && left.getAndDecrement() > 0) {
        results.add(new JsonObject().put("index", i).put("error", new JsonObject().put("code", "busy")
            .put("message", "The shop database is busy (deadlock, MySQL error 1213); send the request again")
            .put("details", new JsonObject().put("retryable", true))));
      } else if (id.equals("bad")) {
        results.add(new JsonObject().put("index", i).put("error", new JsonObject().put("code", "validation")
            .put("message", "Invalid product").put("details", new JsonObject().put("fields", new JsonObject().put("model", "too long")))));
      } else {
        results.add(new JsonObject().put("index", i).put("product_id", 100 + Integer.parseInt(id.substring(1))).put("created", true));
      }
    }
    return new JsonObject().put("results", results);
  }

  private static List<ProductUpsert> items(String... ids) {
    List<ProductUpsert> out = new ArrayList<>();
    for (String id : ids) out.add(ProductUpsert.byExternalId(id, ProductWrite.builder().model(id).build()));
    return out;
  }

  @Test
  void busyItemsAreSentAgainAloneUntilApplied() {
    busyFor.put("p2", new AtomicInteger(2));
    busyFor.put("p4", new AtomicInteger(1));
    ImportStats stats = new ImportStats(10);
    List<ProductUpsertItemResult> results = new ProductUpserts(vertx, client, stats)
        .send(items("p1", "p2", "p3", "p4", "bad")).await();

    assertEquals(5, results.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(i, results.get(i).index());
      assertNull(results.get(i).error(), "item " + i + " applied");
      assertEquals(101L + i, results.get(i).productId());
    }
    assertEquals(ErrorKind.VALIDATION, results.get(4).error().kind(), "a real refusal stays a refusal");
    assertEquals(List.of(5, 2, 1), requestSizes, "first all, then only the busy ones, then the one still busy");
    assertEquals(3, stats.get(ImportStats.BUSY_RETRIES));
  }

  @Test
  void stillBusyAfterAllRoundsFailsAsRetryableNotAsRefusal() {
    busyFor.put("p1", new AtomicInteger(1_000));
    ImportStats stats = new ImportStats(10);
    Throwable failure = new ProductUpserts(vertx, client, stats).send(items("p1", "p2"))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())).await();

    assertTrue(failure instanceof OpenCartException, String.valueOf(failure));
    assertEquals(ErrorKind.BUSY, ((OpenCartException) failure).kind());
    assertTrue(((OpenCartException) failure).isRetryable());
    assertEquals(ProductUpserts.MAX_ROUNDS, requestSizes.size());
    assertEquals(0, stats.get(ImportStats.FAILED), "nothing was recorded as refused");
  }
}
