package com.ocbridge.orders;

import com.ocbridge.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * Queues status changes for the shop in the durable outbox: type {@value #TYPE}, ordering key {@code order:<id>}
 * (two changes of one order reach the shop in the order they were made), unique key from {@link StatusChange}, so
 * the same change asked twice is queued once.
 */
final class StatusChanges {
  static final String TYPE = "order.status";

  /** The entry that holds a change: new, or the one queued earlier under the same key. */
  record Queued(long queueId, boolean duplicate) {}

  private final Outbox outbox;

  StatusChanges(Outbox outbox) {
    this.outbox = outbox;
  }

  Future<Queued> enqueue(StatusChange change) {
    return outbox.pool().withTransaction(tx -> outbox.enqueue(tx, TYPE, change.uniqueKey(), "order:" + change.orderId(),
            change.toJson())
        .compose(id -> id.isPresent() ? Future.succeededFuture(new Queued(id.get(), false))
            : tx.preparedQuery("SELECT id FROM outbox WHERE unique_key = $1").execute(Tuple.of(change.uniqueKey()))
                .map(rows -> new Queued(rows.iterator().next().getLong("id"), true))));
  }
}
