package com.ocbridge.orders;

import com.ocbridge.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Queues history entries for the shop in the durable outbox, ordering key {@code order:<id>} (two changes of one
 * order reach the shop in the order they were made), unique key from {@link StatusChange}, so the same change asked
 * twice is queued once. An entry that sets a status is {@value #TYPE} ({@link OrderStatusDelivery}); a note that
 * keeps the status is {@value #NOTE_TYPE} ({@link OrderNoteDelivery}, which reads the status at delivery time).
 *
 * <p>For documents from 1C, {@link #record} also remembers the facts behind an entry ({@code order_fact}) in the
 * same transaction, so each fact reaches the shop once however often and in whatever form 1C repeats it.
 */
final class StatusChanges {
  static final String TYPE = "order.status";
  static final String NOTE_TYPE = "order.note";

  /** The entry that holds a change: new, or the one queued earlier under the same key. */
  record Queued(long queueId, boolean duplicate) {}

  /** What {@link #record} did: the facts that were new, and the entry they became (none when nothing was new). */
  record Recorded(List<OrderFact> fresh, Optional<Queued> queued) {}

  private final Outbox outbox;

  StatusChanges(Outbox outbox) {
    this.outbox = outbox;
  }

  Future<Queued> enqueue(StatusChange change) {
    return outbox.pool().withTransaction(tx -> enqueue(tx, change));
  }

  /**
   * Remembers {@code facts} of one order and queues {@code compose(new facts)} if any was new. A fact counts as
   * known when it is in {@code order_fact} or when an outbox entry has its key: status changes queued before facts
   * were remembered used the status fact's key as their unique key, so they are not applied again.
   */
  Future<Recorded> record(long orderId, List<OrderFact> facts, Function<List<OrderFact>, StatusChange> compose) {
    String[] keys = facts.stream().map(OrderFact::key).distinct().toArray(String[]::new);
    return outbox.pool().withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO order_fact (order_id, fact_key)
            SELECT $1, k FROM unnest($2::text[]) AS k
             WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.unique_key = k)
            ON CONFLICT (order_id, fact_key) DO NOTHING
            RETURNING fact_key""")
        .execute(Tuple.of(orderId, (Object) keys)) // one text[] parameter, not varargs
        .compose(rows -> {
          Set<String> inserted = new HashSet<>();
          for (Row r : rows) inserted.add(r.getString("fact_key"));
          List<OrderFact> fresh = facts.stream().filter(f -> inserted.remove(f.key())).toList();
          if (fresh.isEmpty()) return Future.succeededFuture(new Recorded(List.of(), Optional.empty()));
          StatusChange change = compose.apply(fresh);
          return enqueue(tx, change).compose(queued -> tx.preparedQuery(
                  "UPDATE order_fact SET outbox_id = $3 WHERE order_id = $1 AND fact_key = ANY($2::text[])")
              .execute(Tuple.of(orderId, fresh.stream().map(OrderFact::key).toArray(String[]::new), queued.queueId()))
              .map(v -> new Recorded(fresh, Optional.of(queued))));
        }));
  }

  private Future<Queued> enqueue(SqlConnection tx, StatusChange change) {
    String type = change.keepsStatus() ? NOTE_TYPE : TYPE;
    return outbox.enqueue(tx, type, change.uniqueKey(), "order:" + change.orderId(), change.toJson())
        .compose(id -> id.isPresent() ? Future.succeededFuture(new Queued(id.get(), false))
            : tx.preparedQuery("SELECT id FROM outbox WHERE unique_key = $1").execute(Tuple.of(change.uniqueKey()))
                .map(rows -> new Queued(rows.iterator().next().getLong("id"), true)));
  }
}
