package com.ocbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.opencart.BridgeStubs;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.outbox.Delivery;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.outbox.OutboxStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotency key a status delivery sends (one per outbox entry, whoever delivers it and how often) and what the
 * delivery makes of the shop's answers to it, against the WireMock stand-in of the extension.
 */
class OrderStatusDeliveryIdempotencyTest {
  private static Vertx vertx;
  private static WireMockServer shop;
  private OpenCartClient client;

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
    shop.stubFor(BridgeStubs.get("ping").willReturn(BridgeStubs.data(
        "{\"bridge_version\":\"1.0.0\",\"capabilities\":[\"order.history_add\",\"order.get\"],"
            + "\"features\":[\"order.history_add.idempotency_key\"]}")));
    client = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(shop));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private static OutboxEntry statusEntry(long id, long orderId) {
    return new OutboxEntry(id, StatusChanges.TYPE, "order.status:" + orderId + ":2:api:aa", "order:" + orderId,
        new StatusChange(orderId, 2, "Принят", false, "api", null).toJson(), OutboxStatus.PROCESSING, 2, Instant.now(),
        UUID.randomUUID(), "w", null, null, Instant.now(), null, null);
  }

  private static String usedBy(long orderId, int status, Long historyId) {
    return "{\"fields\":{\"idempotency_key\":\"already used\"},\"used_by\":{\"order_id\":" + orderId
        + ",\"order_status_id\":" + status + ",\"order_history_id\":" + historyId + "}}";
  }

  @Test
  void sendsTheEntrysKeyAndEndsDoneOnAReplay() {
    OutboxEntry entry = statusEntry(42, 7);
    shop.stubFor(BridgeStubs.post("order.history_add")
        .withRequestBody(matchingJsonPath("$.idempotency_key", equalTo(OrderStatusDelivery.idempotencyKey(entry))))
        .willReturn(BridgeStubs.data("{\"order_id\":7,\"order_status_id\":2,\"order_history_id\":88,\"replayed\":true}")));

    Delivery d = new OrderStatusDelivery(client).deliver(entry).await();

    assertEquals(Delivery.Outcome.DONE, d.outcome(), String.valueOf(d));
    assertEquals(88L, d.result().getLong("orderHistoryId"));
  }

  @Test
  void theKeyUsedForTheSameOrderWithAnotherStatusMeansThisEntryWasAppliedBefore() {
    // a note read status 1, was applied, its answer lost; the order moved to 5 in the admin; the repeat reads 5
    shop.stubFor(BridgeStubs.post("order.history_add")
        .willReturn(BridgeStubs.error(422, "validation", "Idempotency key already used for another history entry", usedBy(7, 1, 88L))));

    Delivery d = new OrderStatusDelivery(client).deliver(statusEntry(42, 7)).await();

    assertEquals(Delivery.Outcome.DONE, d.outcome(), String.valueOf(d));
    assertEquals(88L, d.result().getLong("orderHistoryId"));
  }

  @Test
  void anUnfinishedEarlierUseIsRetriedAndAnotherOrdersUseIsRefused() {
    shop.stubFor(BridgeStubs.post("order.history_add")
        .willReturn(BridgeStubs.error(422, "validation", "Idempotency key already used for another history entry", usedBy(7, 1, null))));
    assertEquals(Delivery.Outcome.RETRY, new OrderStatusDelivery(client).deliver(statusEntry(42, 7)).await().outcome());

    closeClient();
    newClient();
    shop.stubFor(BridgeStubs.post("order.history_add")
        .willReturn(BridgeStubs.error(422, "validation", "Idempotency key already used for another history entry", usedBy(8, 2, 90L))));
    Delivery d = new OrderStatusDelivery(client).deliver(statusEntry(42, 7)).await();
    assertEquals(Delivery.Outcome.FAILED, d.outcome(), String.valueOf(d));
    assertTrue(d.reason().contains("Idempotency key already used"), d.reason());
  }

  private static OutboxEntry entry(long id, String uniqueKey, int attempts, UUID claim) {
    return new OutboxEntry(id, StatusChanges.TYPE, uniqueKey, "order:7", new JsonObject(), OutboxStatus.PROCESSING,
        attempts, Instant.now(), claim, "worker-" + attempts, null, null, Instant.now(), null, null);
  }

  @Test
  void theKeyIsTheSameForEveryAttemptAndEveryClaimOfOneEntry() {
    String unique = "order.status:7:2:api:9ae02108e67c0d138b353d3c4b9e2916";
    String first = OrderStatusDelivery.idempotencyKey(entry(42, unique, 1, UUID.randomUUID()));
    String afterLostLease = OrderStatusDelivery.idempotencyKey(entry(42, unique, 3, UUID.randomUUID()));

    assertEquals(first, afterLostLease);
    assertTrue(first.startsWith("ocb-status-42-"), first);
    assertTrue(first.matches("[A-Za-z0-9._:-]{1,64}"), "the contract's key alphabet and length: " + first);
  }

  @Test
  void entriesOfARecreatedBridgeDatabaseGetOtherKeys() {
    // the same id again (ids counted from 1 again) for another change must not meet the old key in the shop
    assertNotEquals(OrderStatusDelivery.idempotencyKey(entry(1, "order.status:7:2:api:aa", 1, null)),
        OrderStatusDelivery.idempotencyKey(entry(1, "order.status:8:5:api:bb", 1, null)));
    assertTrue(OrderStatusDelivery.idempotencyKey(entry(Long.MAX_VALUE, null, 1, null)).length() <= 64);
  }
}
