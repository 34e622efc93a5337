package com.ocbridge.orders;

import com.ocbridge.commerceml.OrdersWriter;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.exchange.ExchangeStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two-phase hand-off of orders to 1C. {@code mode=query} records a batch: exactly which order versions went
 * into the answer. {@code mode=success} of the same exchange session confirms the latest unconfirmed batch:
 * {@code delivered_version = GREATEST(delivered_version, batch version)} — the version 1C received, never the
 * current one. So an order that arrives or changes between query and success stays pending; an unconfirmed batch
 * changes nothing and its orders are offered again; a repeated success is a no-op.
 *
 * <p>Public only for retention ({@link #purgeOrderRows}, {@link #purgeBatches}); the hand-off stays in the package.
 */
public final class SaleBatches {
  /**
   * Most orders in one answer. 1C parses the whole document in memory before it says success; the rest goes in the
   * next exchange (every few minutes), oldest first.
   */
  static final int BATCH_LIMIT = 20_000;
  private static final int FETCH = 200;

  /** A recorded batch and how many orders it holds. */
  record Batch(long id, int orders) {}

  /** A confirmed batch: how many of its orders became delivered (fewer if a later batch already confirmed them). */
  record Confirmed(long batchId, int orders, int delivered) {}

  private final Pool pool;
  private final HandOverPolicy policy;
  private final OrderSettings settings;

  /** {@code settings}: how each order is written ({@link OrderDocuments}). */
  SaleBatches(Pool pool, HandOverPolicy policy, OrderSettings settings) {
    this.pool = pool;
    this.policy = policy;
    this.settings = settings;
  }

  /**
   * Records a batch of the pending orders and writes them, oldest first, with {@code writer}. Everything happens in
   * one REPEATABLE READ transaction, so the content written is exactly the version recorded even while the poller
   * changes the order; the batch exists only if the transaction commits, which is before 1C gets the answer.
   */
  Future<Batch> record(ExchangeStore.Session session, OrdersWriter writer) {
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
        .compose(v -> tx.preparedQuery("INSERT INTO sale_batch (run_id, session_cookie) VALUES ($1, $2) RETURNING id")
            .execute(Tuple.of(session.run().id(), session.cookie())))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(batchId -> tx.preparedQuery("""
                INSERT INTO sale_batch_order (batch_id, order_id, version)
                SELECT $1, order_id, version FROM shop_order
                 WHERE version > delivered_version AND status_id <> 0 AND status_id = ANY($2)
                 ORDER BY order_id LIMIT $3""")
            .execute(Tuple.of(batchId, policy.asArray(), BATCH_LIMIT))
            .compose(inserted -> tx.preparedQuery("UPDATE sale_batch SET orders = $2 WHERE id = $1")
                .execute(Tuple.of(batchId, inserted.rowCount()))
                .map(new Batch(batchId, inserted.rowCount()))))
        .compose(batch -> writeBatch(tx, batch, writer).map(batch)));
  }

  private Future<Void> writeBatch(SqlConnection tx, Batch batch, OrdersWriter writer) {
    if (batch.orders() == 0) return writer.finish();
    return tx.prepare("""
            SELECT o.content::text AS content FROM sale_batch_order b JOIN shop_order o ON o.order_id = b.order_id
             WHERE b.batch_id = $1 ORDER BY b.order_id""")
        .compose(statement -> {
          Cursor cursor = statement.cursor(Tuple.of(batch.id()));
          return writeRows(cursor, writer).eventually(() -> cursor.close());
        })
        .compose(v -> writer.finish());
  }

  /** Reads the batch in slices so that the event loop is given back between them. */
  private Future<Void> writeRows(Cursor cursor, OrdersWriter writer) {
    return cursor.read(FETCH).compose(rows -> {
      List<OrderDocument> documents = new ArrayList<>(rows.size());
      rows.forEach(r -> documents.add(OrderDocuments.from(OrderJson.read(r.getString("content")), settings)));
      return writer.writeAll(documents.iterator());
    }).compose(v -> cursor.hasMore() ? writeRows(cursor, writer) : Future.succeededFuture());
  }

  /**
   * Confirms the latest unconfirmed batch of this session (of the run, for clients that send Basic credentials on
   * every call instead of the cookie). Empty when there is none: a success without a query, or a repeated success.
   */
  Future<Optional<Confirmed>> confirm(ExchangeStore.Session session) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE sale_batch SET confirmed_at = now()
                 WHERE id = (SELECT id FROM sale_batch
                              WHERE run_id = $1 AND confirmed_at IS NULL
                                AND ($2::text IS NULL OR session_cookie = $2)
                              ORDER BY id DESC LIMIT 1)
                RETURNING id, orders""")
            .execute(Tuple.of(session.run().id(), session.cookie()))
            .compose(rows -> {
              if (rows.size() == 0) return Future.succeededFuture(Optional.<Confirmed>empty());
              long id = rows.iterator().next().getLong("id");
              int orders = rows.iterator().next().getInteger("orders");
              return tx.preparedQuery("""
                      UPDATE shop_order o SET delivered_version = b.version
                        FROM sale_batch_order b
                       WHERE b.batch_id = $1 AND o.order_id = b.order_id AND o.delivered_version < b.version""")
                  .execute(Tuple.of(id))
                  .map(updated -> Optional.of(new Confirmed(id, orders, updated.rowCount())));
            }));
  }

  /**
   * What retention may remove ({@code $1} = days): a batch confirmed more than that ago (its versions are in
   * {@code shop_order.delivered_version} for good, and a repeated success confirms only unconfirmed batches), or
   * an unconfirmed one created more than that ago whose run is no longer open. 1C may confirm late, but only with
   * a session of that run: such a session lapses after 24 idle hours and the window is days. An unconfirmed
   * batch of an open run stays, however old.
   */
  private static final String PURGEABLE = """
      (s.confirmed_at < now() - make_interval(days => $1)
       OR (s.confirmed_at IS NULL AND s.created_at < now() - make_interval(days => $1)
           AND NOT EXISTS (SELECT 1 FROM exchange_run r WHERE r.id = s.run_id AND r.state = 'open')))""";

  /**
   * Retention, step one: deletes up to {@code limit} order rows of purgeable batches. A batch may hold 20,000
   * orders, so its rows go in slices of their own instead of in one cascade; answers how many were deleted.
   */
  public static Future<Integer> purgeOrderRows(SqlClient client, int olderThanDays, int limit) {
    return client.preparedQuery("""
            DELETE FROM sale_batch_order WHERE (batch_id, order_id) IN (
              SELECT b.batch_id, b.order_id FROM sale_batch s JOIN sale_batch_order b ON b.batch_id = s.id
               WHERE""" + PURGEABLE + """
               ORDER BY b.batch_id, b.order_id LIMIT $2
               FOR UPDATE OF s SKIP LOCKED)""")
        .execute(Tuple.of(olderThanDays, limit)).map(rows -> rows.rowCount());
  }

  /** Retention, step two: deletes up to {@code limit} purgeable batches that have no order rows left. */
  public static Future<Integer> purgeBatches(SqlClient client, int olderThanDays, int limit) {
    return client.preparedQuery("""
            DELETE FROM sale_batch WHERE id IN (
              SELECT s.id FROM sale_batch s
               WHERE""" + PURGEABLE + """
                 AND NOT EXISTS (SELECT 1 FROM sale_batch_order b WHERE b.batch_id = s.id)
               ORDER BY s.id LIMIT $2
               FOR UPDATE OF s SKIP LOCKED)""")
        .execute(Tuple.of(olderThanDays, limit)).map(rows -> rows.rowCount());
  }
}
