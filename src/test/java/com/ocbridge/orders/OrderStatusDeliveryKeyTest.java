package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.outbox.OutboxStatus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The idempotency key a status delivery sends: one per outbox entry, whoever delivers it and how often. */
class OrderStatusDeliveryKeyTest {

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
