package com.ocbridge.orders;

import com.ocbridge.logging.LogContext;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.outbox.Backoff;
import com.ocbridge.outbox.Delivery;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.outbox.OutboxHandler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Locale;

/**
 * Delivers {@code order.note} entries: a history line that keeps the order's status. OpenCart's
 * {@code addHistory()} always sets a status, so the status is read from the shop ({@code order.get}) right before
 * the note is added with it; the status known from the last poll could be older than a change queued just before
 * (the ordering key keeps that one first) or made in the admin, and writing it would undo that change. The note
 * itself then goes exactly like a status change, through {@link OrderStatusDelivery}.
 */
final class OrderNoteDelivery implements OutboxHandler {
  private static final Backoff OUTAGE = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 2, 0.3);
  private static final Backoff CONFIG = Backoff.fixed(Duration.ofMinutes(5), 0.2);

  private final OpenCartClient shop;
  private final OrderStatusDelivery history;

  OrderNoteDelivery(OpenCartClient shop) {
    this.shop = shop;
    this.history = new OrderStatusDelivery(shop);
  }

  @Override
  public Future<Delivery> deliver(OutboxEntry entry) {
    StatusChange note = StatusChange.fromJson(entry.payload(), entry.uniqueKey());
    // every line of this delivery, also the shop client's retries, names the order
    return LogContext.runWith(LogContext.ORDER, Long.toString(note.orderId()), () -> deliver(entry, note));
  }

  private Future<Delivery> deliver(OutboxEntry entry, StatusChange note) {
    return shop.getOrder(note.orderId())
        .compose(order -> history.deliver(withStatus(entry, note.withStatus(order.orderStatusId()))))
        .recover(e -> Future.succeededFuture(whenUnread(entry.attempts(), e)));
  }

  private static OutboxEntry withStatus(OutboxEntry e, StatusChange change) {
    return new OutboxEntry(e.id(), e.type(), e.uniqueKey(), e.orderingKey(), change.toJson(), e.status(), e.attempts(),
        e.nextAttemptAt(), e.claimToken(), e.claimedBy(), e.lastError(), e.result(), e.createdAt(), e.lastAttemptAt(),
        e.processedAt());
  }

  /** The order could not be read (the history call itself never fails: it answers a Delivery). */
  private static Delivery whenUnread(int attempt, Throwable e) {
    if (!(e instanceof OpenCartException oc)) return Delivery.retry(OUTAGE.delay(attempt), String.valueOf(e.getMessage()));
    ErrorKind kind = oc.kind();
    String message = oc.shopMessage() != null ? oc.shopMessage() : oc.getMessage();
    if (kind == ErrorKind.CIRCUIT_OPEN) return Delivery.breakerOpen(OUTAGE.delay(1));
    if (kind.retryable() || kind == ErrorKind.NOT_JSON) return Delivery.retry(OUTAGE.delay(attempt), message);
    if (kind == ErrorKind.UNAUTHORIZED || kind == ErrorKind.FORBIDDEN_IP) return Delivery.retry(CONFIG.delay(attempt), message);
    return Delivery.failed(kind.name().toLowerCase(Locale.ROOT) + ": " + message);
  }
}
