package com.ocbridge.stock;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Remembers stock messages by {@code messageId}, so that 1C re-sending one (after a timeout, say) applies it once. */
final class StockMessages {
  /** A message stuck in 'applying' this long (its process died) may be applied again. */
  private static final int STALE_SECONDS = 300;

  /** What an earlier delivery of the same messageId left: its answer, or that it is being applied right now. */
  record Prior(String state, JsonObject result) {}

  private final Pool pool;

  StockMessages(Pool pool) {
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
}
