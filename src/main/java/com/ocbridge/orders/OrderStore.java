package com.ocbridge.orders;

import com.ocbridge.opencart.model.Order;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code shop_order} and the poll watermark: the orders as read from OpenCart. All SQL of the intake is here.
 */
final class OrderStore {

  /** What an upsert did to one order: {@code created}, or changed ({@code version} went up). */
  record Change(long orderId, int version, int statusId, boolean created) {}

  /** A stored order with the bookkeeping around it. */
  record Stored(Order order, int version, int deliveredVersion, OffsetDateTime dateModified) {}

  /** Where the poller continues: the newest {@code date_modified} seen, and the highest order id at that time. */
  record Watermark(OffsetDateTime dateModified, long orderId) {
    static final Watermark NONE = new Watermark(null, 0);
  }

  private final Pool pool;

  OrderStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /**
   * Inserts new orders and replaces changed ones (content hash differs), bumping their version. Orders whose hash
   * is unchanged are untouched, so re-reading the overlap window costs nothing. A read older than what is stored
   * (date_modified went backwards) is ignored. Answers only the orders that were created or changed.
   */
  Future<List<Change>> upsert(SqlClient tx, List<Order> orders) {
    if (orders.isEmpty()) return Future.succeededFuture(List.of());
    List<Tuple> rows = new ArrayList<>(orders.size());
    for (Order o : orders) {
      Order normalised = OrderJson.normalise(o);
      String json = OrderJson.write(normalised);
      OffsetDateTime added = o.dateAdded();
      rows.add(Tuple.of(o.orderId(), o.storeId() == null ? 0 : o.storeId(), o.orderStatusId(), added,
              added == null ? null : added.toLocalDate(), o.dateModified(), o.total())
          .addValue(new JsonObject(json)).addValue(OrderJson.sha256(json)));
    }
    return tx.preparedQuery("""
            INSERT INTO shop_order AS s (order_id, store_id, status_id, date_added, added_on, date_modified, total,
                                         content, content_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (order_id) DO UPDATE SET
              store_id = EXCLUDED.store_id, status_id = EXCLUDED.status_id, date_added = EXCLUDED.date_added,
              added_on = EXCLUDED.added_on, date_modified = EXCLUDED.date_modified, total = EXCLUDED.total,
              content = EXCLUDED.content, content_hash = EXCLUDED.content_hash,
              version = s.version + 1, changed_at = now()
            WHERE s.content_hash <> EXCLUDED.content_hash
              AND (s.date_modified IS NULL OR EXCLUDED.date_modified IS NULL OR EXCLUDED.date_modified >= s.date_modified)
            RETURNING order_id, version, status_id, (xmax = 0) AS created""")
        .executeBatch(rows)
        .map(OrderStore::changes);
  }

  private static List<Change> changes(RowSet<Row> first) {
    List<Change> changes = new ArrayList<>();
    for (RowSet<Row> rs = first; rs != null; rs = rs.next()) {
      for (Row r : rs) {
        changes.add(new Change(r.getLong("order_id"), r.getInteger("version"), r.getInteger("status_id"),
            r.getBoolean("created")));
      }
    }
    return changes;
  }

  Future<Watermark> watermark() {
    return pool.query("SELECT date_modified, order_id FROM order_poll_state WHERE id = 1").execute()
        .map(rows -> rows.size() == 0 ? Watermark.NONE : new Watermark(
            rows.iterator().next().getOffsetDateTime("date_modified"), rows.iterator().next().getLong("order_id")));
  }

  /** Moves the watermark forward only: a poll that saw nothing newer leaves it where it was. */
  Future<Void> saveWatermark(Watermark w) {
    return pool.preparedQuery("""
            INSERT INTO order_poll_state (id, date_modified, order_id, polled_at) VALUES (1, $1, $2, now())
            ON CONFLICT (id) DO UPDATE SET polled_at = now(),
              date_modified = GREATEST(order_poll_state.date_modified, EXCLUDED.date_modified),
              order_id = CASE WHEN order_poll_state.date_modified IS NULL
                                OR EXCLUDED.date_modified > order_poll_state.date_modified
                              THEN EXCLUDED.order_id
                              WHEN EXCLUDED.date_modified = order_poll_state.date_modified
                              THEN GREATEST(order_poll_state.order_id, EXCLUDED.order_id)
                              ELSE order_poll_state.order_id END""")
        .execute(Tuple.of(w.dateModified(), w.orderId())).mapEmpty();
  }

  Future<Optional<Stored>> find(long orderId) {
    return pool.preparedQuery("""
            SELECT content::text AS content, version, delivered_version, date_modified FROM shop_order WHERE order_id = $1""")
        .execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
  }

  /** Orders for the JSON API: added on or after {@code from} (shop's local date), never status 0. */
  Future<List<Order>> list(LocalDate from, Integer status, int limit) {
    return pool.preparedQuery("""
            SELECT content::text AS content FROM shop_order
             WHERE status_id <> 0 AND ($1::date IS NULL OR added_on >= $1) AND ($2::int IS NULL OR status_id = $2)
             ORDER BY order_id LIMIT $3""")
        .execute(Tuple.of(from, status, limit))
        .map(rows -> {
          List<Order> list = new ArrayList<>(rows.size());
          rows.forEach(r -> list.add(OrderJson.read(r.getString("content"))));
          return list;
        });
  }

  /** Distinct payment and shipping methods of stored orders, as code → name, for mode=info. */
  Future<List<Method>> methods(String field) {
    return pool.preparedQuery("""
            SELECT DISTINCT ON (code) content -> $1 ->> 'code' AS code, content -> $1 ->> 'name' AS name
              FROM shop_order WHERE content -> $1 ->> 'code' IS NOT NULL ORDER BY code, order_id DESC""")
        .execute(Tuple.of(field))
        .map(rows -> {
          List<Method> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Method(r.getString("code"), r.getString("name"))));
          return list;
        });
  }

  /** Statuses seen on stored orders (id → OpenCart's name), the fallback when the shop's list is unavailable. */
  Future<List<Method>> seenStatuses() {
    return pool.query("""
            SELECT DISTINCT ON (status_id) status_id::text AS code, content ->> 'order_status' AS name
              FROM shop_order WHERE status_id <> 0 ORDER BY status_id, order_id DESC""")
        .execute()
        .map(rows -> {
          List<Method> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Method(r.getString("code"), r.getString("name"))));
          return list;
        });
  }

  record Method(String code, String name) {}

  static Stored stored(Row r) {
    return new Stored(OrderJson.read(r.getString("content")), r.getInteger("version"),
        r.getInteger("delivered_version"), r.getOffsetDateTime("date_modified"));
  }
}
