package com.ocbridge.orders;

import com.ocbridge.logging.LogContext;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.model.OrderHistoryAdd;
import com.ocbridge.outbox.Backoff;
import com.ocbridge.outbox.Delivery;
import com.ocbridge.outbox.OutboxEntry;
import com.ocbridge.outbox.OutboxHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code order.status} entries with OpenCart's {@code order.history_add} (OpenCart's own
 * {@code addHistory()}, so stock, mails and events behave as in the admin).
 * <ul>
 *   <li>shop down (5xx, timeout, connection) or not answering JSON (a maintenance page) → retry with backoff;
 *   <li>the client's breaker open → put back without counting an attempt;
 *   <li>wrong API key or IP → retry slowly: a configuration fix, not the change, is what is missing;
 *   <li>its own idempotency key refused as used for the same order with another status → done: this entry was
 *       applied before (see {@link #appliedEarlier});
 *   <li>unknown order (404) or unknown status (422), or any other refusal → dead letter with the shop's message.
 * </ul>
 * Every entry carries an idempotency key derived from the outbox entry ({@link #idempotencyKey}), the same for every
 * attempt and for a second worker after a lost lease; an extension that honours it applies the change once and
 * answers a repeat with the first result ({@code replayed}), so a retry after a lost answer adds no second line or
 * mail. (An extension older than the key ignores it; the client then repeats the call only when it surely never
 * reached the shop.)
 */
final class OrderStatusDelivery implements OutboxHandler {
  private static final Logger log = LoggerFactory.getLogger("orders");
  private static final Backoff OUTAGE = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 2, 0.3);
  private static final Backoff CONFIG = Backoff.fixed(Duration.ofMinutes(5), 0.2);

  private final OpenCartClient shop;

  OrderStatusDelivery(OpenCartClient shop) {
    this.shop = shop;
  }

  @Override
  public Future<Delivery> deliver(OutboxEntry entry) {
    StatusChange change = StatusChange.fromJson(entry.payload(), entry.uniqueKey());
    // every line of this delivery, also the shop client's retries, names the order
    return LogContext.runWith(LogContext.ORDER, Long.toString(change.orderId()), () -> deliver(entry, change));
  }

  private Future<Delivery> deliver(OutboxEntry entry, StatusChange change) {
    return shop.addOrderHistory(new OrderHistoryAdd(change.orderId(), change.statusId(), change.comment(),
            change.notifyCustomer(), false, idempotencyKey(entry)))
        .map(added -> {
          log.info("event=orders.status.applied order={} status={} history={} source={} replayed={}", change.orderId(),
              change.statusId(), added.orderHistoryId(), change.source(), added.replayed());
          return Delivery.done(new JsonObject().put("orderHistoryId", added.orderHistoryId()));
        })
        .recover(e -> Future.succeededFuture(decide(change, entry.attempts(), e)));
  }

  /**
   * {@code ocb-status-<outbox id>-<16 hex of the unique key's SHA-256>}: stable across attempts and leases of one
   * entry; the hash keeps entries of a recreated bridge database (ids counted from 1 again) from meeting the keys
   * its predecessor left in the shop. At most 47 characters of the contract's {@code [A-Za-z0-9._:-]}.
   */
  static String idempotencyKey(OutboxEntry entry) {
    String unique = entry.uniqueKey() == null ? "" : entry.uniqueKey();
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(unique.getBytes(StandardCharsets.UTF_8));
      return "ocb-status-" + entry.id() + "-" + HexFormat.of().formatHex(sha, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The shop refused this entry's key as used for the same order with another status. The key is this entry's own,
   * so it was this entry, applied before with the status the order had then: a note reads the status at delivery,
   * and the order may have moved on between a lost answer and the repeat. Done, unless that first request is still
   * unfinished in the shop.
   */
  private static Delivery appliedEarlier(StatusChange change, Map<?, ?> usedBy, int attempt) {
    if (!(usedBy.get("order_history_id") instanceof Number historyId)) {
      return Delivery.retry(OUTAGE.delay(attempt), "the shop is still applying an earlier delivery of this entry");
    }
    log.info("event=orders.status.applied order={} status={} history={} source={} replayed=true appliedWithStatus={}",
        change.orderId(), change.statusId(), historyId, change.source(), usedBy.get("order_status_id"));
    return Delivery.done(new JsonObject().put("orderHistoryId", historyId.longValue()));
  }

  private static Delivery decide(StatusChange change, int attempt, Throwable e) {
    if (!(e instanceof OpenCartException oc)) {
      return Delivery.retry(OUTAGE.delay(attempt), String.valueOf(e.getMessage()));
    }
    ErrorKind kind = oc.kind();
    String message = oc.shopMessage() != null ? oc.shopMessage() : oc.getMessage();
    if (kind == ErrorKind.CIRCUIT_OPEN) return Delivery.breakerOpen(OUTAGE.delay(1));
    if (kind.retryable() || kind == ErrorKind.NOT_JSON) return Delivery.retry(OUTAGE.delay(attempt), message);
    if (kind == ErrorKind.UNAUTHORIZED || kind == ErrorKind.FORBIDDEN_IP) return Delivery.retry(CONFIG.delay(attempt), message);
    if (kind == ErrorKind.VALIDATION && oc.details().get("used_by") instanceof Map<?, ?> usedBy
        && usedBy.get("order_id") instanceof Number order && order.longValue() == change.orderId()) {
      return appliedEarlier(change, usedBy, attempt);
    }
    log.warn("event=orders.status.refused order={} status={} kind={} reason=\"{}\"", change.orderId(),
        change.statusId(), kind, message);
    return Delivery.failed(kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
  }
}
