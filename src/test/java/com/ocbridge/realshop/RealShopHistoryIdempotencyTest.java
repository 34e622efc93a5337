package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.model.OrderHistoryAdd;
import com.ocbridge.opencart.model.OrderHistoryAdded;
import com.ocbridge.testing.AnswerLosingProxy;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.RealShop;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code order.history_add} with an idempotency key on real OpenCart 4.1 and 3.0 shops (issue 13): a status change
 * whose first answer is lost (a proxy forwards the request, the shop applies it, the bridge gets a 500) is retried
 * and adds exactly one {@code oc_order_history} row, and its outbox entry ends done; the same key sent twice adds one
 * row and the second answer is a replay. Each shop starts without {@code oc_ocbridge_history_key}, as a shop that
 * updated the extension without reinstalling it: the first keyed request creates it.
 */
class RealShopHistoryIdempotencyTest extends RealShopScenario {
  static final int PROCESSING = 2;

  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() {
    vertx.close().await();
  }

  /** Resets the shop, removes the key table and places a storefront order of one demo product; its order id. */
  private long freshOrder(String key, String what) throws Exception {
    begin(key, what);
    shop.execute("DROP TABLE IF EXISTS {p}ocbridge_history_key");
    long productId = shop.count("SELECT MIN(p.product_id) FROM {p}product p WHERE p.status = 1 AND p.quantity >= 3"
        + " AND p.price > 0 AND NOT EXISTS (SELECT 1 FROM {p}product_option po WHERE po.product_id = p.product_id AND po.required = 1)");
    JsonObject placed = timed("place the storefront order", () -> shop.placeOrder(List.of(RealShop.OrderLine.of(productId, 1))));
    System.out.println("[realshop] " + shop.key() + " order " + placed.getLong("order_id") + " of demo product " + productId);
    return placed.getLong("order_id");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aStatusChangeWhoseFirstAnswerIsLostAddsOneHistoryRowAndEndsDone(String key) throws Exception {
    lostAnswers(key, 1);
  }

  /** The client's three attempts all lose their answer: the outbox delivers the entry again later, same key. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41"})
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aStatusChangeWhoseAnswersAreLostUntilTheOutboxRepeatsItAddsOneHistoryRow(String key) throws Exception {
    lostAnswers(key, 3);
  }

  private void lostAnswers(String key, int lost) throws Exception {
    long orderId = freshOrder(key, "status change, " + lost + " answer(s) lost → one history row");
    try (AnswerLosingProxy proxy = AnswerLosingProxy.start(vertx, shop.baseUrl(), "order.history_add", lost)) {
      openCartBaseUrl = proxy.baseUrl();
      startBridge(2, new JsonObject().put("pollSeconds", 1).put("statusIds", new JsonArray().add(1)));
      awaitBridgeHas(orderId);
      long before = shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ?", orderId);

      ApiClient.Answer queued = api.postJson("/api/v1/orders/" + orderId + "/status", new JsonObject()
          .put("status", Integer.toString(PROCESSING)).put("comment", "Принят в 1С (answers lost: " + lost + ")").encode());
      assertEquals(202, queued.status(), queued.body());
      JsonObject entry = timed("the delivery ends", () -> awaitOutboxEntryEnds(queued.json().getLong("queueId")));
      System.out.println("[realshop] " + shop.key() + " outbox entry: " + entry.encode());

      assertEquals("done", entry.getString("status"), "the delivery ended done: " + entry.encode());
      List<Map<String, Object>> history = shop.rows("SELECT order_history_id, order_status_id, comment FROM {p}order_history"
          + " WHERE order_id = ? ORDER BY order_history_id", orderId);
      assertEquals(before + 1, history.size(), "exactly one new history row after the retries: " + history);
      Map<String, Object> added = history.get(history.size() - 1);
      assertEquals(PROCESSING, ((Number) added.get("order_status_id")).intValue(), "the new row's status: " + history);
      assertTrue(String.valueOf(added.get("comment")).contains("answers lost: " + lost), "the new row's comment: " + history);
      if (lost >= 3) assertTrue(entry.getInteger("attempts") >= 2, "the outbox delivered the entry again: " + entry.encode());
      assertEquals(lost + 1, proxy.seen(), "every request reached the shop (answers lost: " + lost + "), the last one too");
      long rowId = ((Number) added.get("order_history_id")).longValue();
      assertEquals(rowId, entry.getJsonObject("result").getLong("orderHistoryId"), "the delivery's result names the row");
      assertTrue(shop.hasTable("ocbridge_history_key"), "the first keyed request created the key table");
      assertEquals(1L, shop.count("SELECT COUNT(*) FROM {p}ocbridge_history_key WHERE order_id = ? AND order_history_id = ?"
          + " AND idempotency_key LIKE 'ocb-status-%'", orderId, rowId), "the key records the row");
      assertEquals(PROCESSING, shop.count("SELECT order_status_id FROM {p}order WHERE order_id = ?", orderId));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void theSameKeyTwiceAddsOneRowAndTheSecondAnswerIsAReplay(String key) throws Exception {
    long orderId = freshOrder(key, "the same idempotency key twice → one history row");
    OpenCartClient client = OpenCartClients.create(vertx, "bridge-v1",
        OpenCartSettings.of(shop.baseUrl(), shop.apiUsername(), shop.apiKey()));
    try {
      long before = shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ?", orderId);
      OrderHistoryAdd entry = OrderHistoryAdd.of(orderId, PROCESSING, "Принят в 1С (sent twice)")
          .withIdempotencyKey("realshop-" + orderId + "-" + System.nanoTime());

      OrderHistoryAdded first = client.addOrderHistory(entry).await();
      OrderHistoryAdded second = client.addOrderHistory(entry).await();

      assertFalse(first.replayed(), "the first answer: " + first);
      assertTrue(second.replayed(), "the second answer: " + second);
      assertEquals(first.orderHistoryId(), second.orderHistoryId(), "the replay answers the first row");
      assertEquals(before + 1, shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ?", orderId), "one new row");
      assertEquals(first.orderHistoryId(), shop.count("SELECT MAX(order_history_id) FROM {p}order_history WHERE order_id = ?", orderId));

      OpenCartException refused = refusal(client, new OrderHistoryAdd(orderId, 3, "other status", false, false,
          entry.idempotencyKey()));
      assertEquals(ErrorKind.VALIDATION, refused.kind(), refused.getMessage());
      assertTrue(refused.fieldErrors().containsKey("idempotency_key"), refused.fieldErrors().toString());
      Map<?, ?> usedBy = (Map<?, ?>) refused.details().get("used_by");
      assertEquals(List.of(orderId, (long) PROCESSING, first.orderHistoryId()),
          List.of(((Number) usedBy.get("order_id")).longValue(), ((Number) usedBy.get("order_status_id")).longValue(),
              ((Number) usedBy.get("order_history_id")).longValue()), "details.used_by names the first use: " + usedBy);
      assertEquals(before + 1, shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ?", orderId),
          "the refused request added nothing");
    } finally {
      client.close().await();
    }
  }

  private static OpenCartException refusal(OpenCartClient client, OrderHistoryAdd entry) throws InterruptedException {
    try {
      OrderHistoryAdded unexpected = client.addOrderHistory(entry).toCompletionStage().toCompletableFuture().get();
      throw new AssertionError("expected a refusal, the shop answered " + unexpected);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OpenCartException oc) return oc;
      throw new AssertionError(e.getCause());
    }
  }

  private void awaitBridgeHas(long orderId) throws Exception {
    boolean seen = timed("the bridge has the order", () -> RealShop.await(Duration.ofSeconds(90), () -> {
      try {
        return api.get("/api/v1/orders").json().getJsonArray("orders").stream().map(JsonObject.class::cast)
            .anyMatch(o -> o.getLong("id") == orderId);
      } catch (Exception e) {
        return false;
      }
    }));
    assertTrue(seen, "GET /api/v1/orders never listed order " + orderId + " (orders.pollSeconds=1)");
  }

  /** The outbox entry once it is done or failed (GET /api/v1/outbox lists both). */
  private JsonObject awaitOutboxEntryEnds(long id) throws Exception {
    JsonObject[] found = new JsonObject[1];
    boolean ended = RealShop.await(Duration.ofSeconds(90), () -> {
      found[0] = ended(id, "done").or(() -> ended(id, "failed")).orElse(null);
      return found[0] != null;
    });
    assertTrue(ended, "outbox entry " + id + " did not end: " + api.get("/api/v1/outbox").body());
    return found[0];
  }

  private Optional<JsonObject> ended(long id, String status) {
    try {
      return api.get("/api/v1/outbox?status=" + status).json().getJsonArray("entries").stream()
          .map(JsonObject.class::cast).filter(e -> e.getLong("id") == id).findFirst();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
