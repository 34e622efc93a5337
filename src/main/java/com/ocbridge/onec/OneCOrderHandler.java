package com.ocbridge.onec;

import com.ocbridge.outbox.Delivery;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.outbox.OutboxHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;

/**
 * Outbox handler for {@value #TYPE}: pushes one {@link OneCOrder} to 1C and turns 1C's classified reply into what
 * the outbox does next (doc §2.2 "Middleware classification"):
 * <ul>
 *   <li>DELIVERED → done, 1C's answer (document ref and number) kept as the entry's result;
 *   <li>REJECTED (400/409/422) → dead letter with 1C's message, for an operator to fix and replay;
 *   <li>BUSY (406) → retry soon; MAINTENANCE (403 locked) → retry after minutes; neither ever dead-letters;
 *   <li>TRANSIENT (5xx, HTML, timeouts, refused) → exponential backoff with jitter, no limit;
 *   <li>INTERNAL (1C's own 500 envelope) → backoff, dead letter after {@code maxInternalAttempts};
 *   <li>CONFIG (401/403/404/405) → the breaker is open now; retry when it may have been fixed;
 *   <li>BREAKER_OPEN → put back uncounted until the breaker lets a probe through.
 * </ul>
 */
public final class OneCOrderHandler implements OutboxHandler {
  public static final String TYPE = "onec.order.push";

  private final OneCOrdersClient client;
  private final OneCPushSettings settings;

  public OneCOrderHandler(OneCOrdersClient client) {
    this.client = client;
    this.settings = client.settings();
  }

  /**
   * Queues an order for 1C inside the caller's transaction. The unique key is the idempotency key, so an order is
   * queued once whatever calls this how often; a changed order under the same key is not queued again (1C would
   * answer 409 ORDER_CHANGED to it anyway).
   */
  public static Future<Optional<Long>> enqueue(Outbox outbox, SqlConnection tx, OneCOrder order) {
    return outbox.enqueue(tx, TYPE, TYPE + ":" + order.idempotencyKey(), JsonObject.mapFrom(order));
  }

  @Override
  public Future<Delivery> deliver(OutboxEntry entry) {
    OneCOrder order;
    try {
      order = entry.payload().mapTo(OneCOrder.class);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Delivery.failed("payload is not an order for 1C: " + e.getMessage()));
    }
    return client.pushOrder(order, order.idempotencyKey()).map(reply -> decide(reply, entry.attempts()));
  }

  private Delivery decide(OneCReply reply, int attempt) {
    return switch (reply.kind()) {
      case DELIVERED -> Delivery.done(reply.body() == null ? new JsonObject() : reply.body());
      case REJECTED -> Delivery.failed(reply.message());
      case BUSY -> Delivery.retry(settings.busyBackoff().delay(attempt), reply.message());
      case MAINTENANCE -> Delivery.retry(settings.maintenanceBackoff().delay(attempt), reply.message());
      case TRANSIENT -> Delivery.retry(settings.transientBackoff().delay(attempt), reply.message());
      case INTERNAL -> attempt >= settings.maxInternalAttempts()
          ? Delivery.failed(reply.message() + " (after " + attempt + " attempts)")
          : Delivery.retry(settings.transientBackoff().delay(attempt), reply.message());
      case CONFIG -> Delivery.retry(settings.breaker().openFor(), reply.message());
      case BREAKER_OPEN -> Delivery.breakerOpen(reply.retryAfter());
    };
  }
}
