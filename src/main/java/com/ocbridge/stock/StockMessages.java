package com.ocbridge.stock;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Remembers stock messages by {@code messageId}, so that 1C re-sending one (after a timeout, say) applies it once
 * and answers the first result.
 */
public final class StockMessages {
  /** A message stuck in 'applying' this long (its process died) may be applied again. */
  private static final int STALE_SECONDS = 300;

  /** What an earlier delivery of the same messageId left: its answer, or that it is being applied right now. */
  record Prior(String state, JsonObject result) {}

  private final Pool pool;

  public StockMessages(Pool pool) {
    this.pool = pool;
  }

  /** Claims the id for this request; empty means "first time, go on", otherwise what happened before. */
  Future<Optional<Prior>> claim(String messageId) {
    return pool.preparedQuery("""
            INSERT INTO stock_message (message_id, state) VALUES ($1, 'applying')
            ON CONFLICT (message_id) DO UPDATE SET state = 'applying', updated_at = now()
              WHERE stock_message.state = 'applying' AND stock_message.updated_at < now() - make_interval(secs => $2)
            RETURNING message_id""")
        .execute(Tuple.of(messageId, STALE_SECONDS))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(Optional.<Prior>empty())
            : pool.preparedQuery("SELECT state, result FROM stock_message WHERE message_id = $1").execute(Tuple.of(messageId))
                .map(r -> Optional.of(new Prior(r.iterator().next().getString("state"),
                    (JsonObject) r.iterator().next().getValue("result")))));
  }

  Future<Void> finish(SqlClient client, String messageId, String state, JsonObject result) {
    return client.preparedQuery("UPDATE stock_message SET state = $2, result = $3, updated_at = now() WHERE message_id = $1")
        .execute(Tuple.of(messageId, state, result)).mapEmpty();
  }

  /** Lets a message that could not be applied nor queued be sent again. */
  Future<Void> release(String messageId) {
    return pool.preparedQuery("DELETE FROM stock_message WHERE message_id = $1 AND state = 'applying'")
        .execute(Tuple.of(messageId)).mapEmpty();
  }

  /**
   * Retention: deletes up to {@code limit} messages answered more than {@code olderThanDays} ago and answers how
   * many. A repeat of a deleted messageId is applied again, which ends in the same state (stock and price values
   * are absolute). Kept whatever their age: {@code queued} messages (their outbox entry is not delivered yet, or is
   * a dead letter; a repeat must still answer "queued"), and messages whose outbox entry ({@code stock:<id>})
   * still exists, because a repeat while the shop is down would meet that entry's unique key and fail instead of
   * being queued. {@code applying} ones this old belong to a process that died; claim() would take them over.
   */
  public Future<Integer> purgeAnswered(int olderThanDays, int limit) {
    return pool.preparedQuery("""
            DELETE FROM stock_message WHERE message_id IN (
              SELECT m.message_id FROM stock_message m
               WHERE m.created_at < now() - make_interval(days => $1)
                 AND m.updated_at < now() - make_interval(days => $1)
                 AND m.state IN ('applied', 'applying')
                 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.unique_key = $3 || m.message_id)
               ORDER BY m.created_at LIMIT $2
               FOR UPDATE SKIP LOCKED)""")
        .execute(Tuple.of(olderThanDays, limit, StockService.OUTBOX_KEY_PREFIX)).map(rows -> rows.rowCount());
  }
}
