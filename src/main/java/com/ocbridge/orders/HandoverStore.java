package com.ocbridge.orders;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the hand-over view ({@link OrderHandovers}): stored orders with their sale batches and 1C push entry,
 * and the status changes received for them (outbox {@code order.status}/{@code order.note}, found by their ordering
 * key {@code order:<id>}).
 */
final class HandoverStore {
  private final Pool pool;
  private final String numberPrefix;

  HandoverStore(Pool pool, String numberPrefix) {
    this.pool = pool;
    this.numberPrefix = numberPrefix == null ? "" : numberPrefix;
  }

  /** The newest {@code limit} orders as the API shows them, in order. */
  Future<java.util.Collection<JsonObject>> list(int limit) {
    return orders(limit).compose(this::withChanges).map(Map::values);
  }

  private Future<Map<Long, JsonObject>> orders(int limit) {
    return pool.preparedQuery("""
            SELECT o.order_id, o.status_id, o.date_added, o.version, o.delivered_version, o.changed_at,
                   h.handed_at, c.confirmed_at, p.status AS push_status, p.processed_at AS pushed_at,
                   p.last_error AS push_error
              FROM shop_order o
              LEFT JOIN LATERAL (SELECT max(b.created_at) AS handed_at FROM sale_batch_order bo
                                   JOIN sale_batch b ON b.id = bo.batch_id
                                  WHERE bo.order_id = o.order_id AND bo.version = o.version) h ON true
              LEFT JOIN LATERAL (SELECT max(b.confirmed_at) AS confirmed_at FROM sale_batch_order bo
                                   JOIN sale_batch b ON b.id = bo.batch_id
                                  WHERE bo.order_id = o.order_id AND bo.version = o.delivered_version) c ON true
              LEFT JOIN LATERAL (SELECT status, processed_at, last_error FROM outbox
                                  WHERE unique_key = 'onec.order.push:opencart:' || o.store_id || ':' || o.order_id) p
                     ON true
             WHERE o.status_id <> 0
             ORDER BY o.order_id DESC LIMIT $1""")
        .execute(Tuple.of(limit))
        .map(rows -> {
          Map<Long, JsonObject> byId = new LinkedHashMap<>();
          for (Row r : rows) byId.put(r.getLong("order_id"), order(r));
          return byId;
        });
  }

  private JsonObject order(Row r) {
    long id = r.getLong("order_id");
    String state;
    OffsetDateTime at;
    if ("done".equals(r.getString("push_status"))) {
      state = "pushed";
      at = r.getOffsetDateTime("pushed_at");
    } else if (r.getInteger("delivered_version") >= r.getInteger("version")) {
      state = "confirmed";
      at = r.getOffsetDateTime("confirmed_at");
    } else if (r.getOffsetDateTime("handed_at") != null) {
      state = "handed";
      at = r.getOffsetDateTime("handed_at");
    } else {
      state = "waiting";
      at = r.getOffsetDateTime("changed_at");
    }
    return new JsonObject().put("id", id).put("number", numberPrefix + id)
        .put("date", iso(r.getOffsetDateTime("date_added"))).put("status", r.getInteger("status_id"))
        .put("state", state).put("at", iso(at))
        .put("version", r.getInteger("version")).put("deliveredVersion", r.getInteger("delivered_version"))
        .put("push", r.getString("push_status") == null ? null : new JsonObject()
            .put("status", r.getString("push_status")).put("lastError", r.getString("push_error")))
        .put("statusChanges", new JsonArray());
  }

  private Future<Map<Long, JsonObject>> withChanges(Map<Long, JsonObject> orders) {
    if (orders.isEmpty()) return Future.succeededFuture(orders);
    List<String> keys = orders.keySet().stream().map(id -> "order:" + id).toList();
    return pool.preparedQuery("""
            SELECT id, type, status, payload, attempts, last_error, result, created_at, processed_at FROM outbox
             WHERE ordering_key = ANY($1) AND type IN ($2, $3) ORDER BY id""")
        .execute(Tuple.of(keys.toArray(new String[0]), StatusChanges.TYPE, StatusChanges.NOTE_TYPE))
        .map(rows -> {
          addChanges(orders, rows);
          return orders;
        });
  }

  private static void addChanges(Map<Long, JsonObject> orders, RowSet<Row> rows) {
    for (Row r : rows) {
      JsonObject payload = r.getJsonObject("payload");
      JsonObject order = orders.get(payload.getLong("orderId"));
      if (order == null) continue;
      order.getJsonArray("statusChanges").add(new JsonObject().put("outboxId", r.getLong("id"))
          .put("statusId", payload.getInteger("statusId", 0)).put("comment", payload.getString("comment"))
          .put("source", payload.getString("source")).put("result", r.getString("status"))
          .put("attempts", r.getInteger("attempts")).put("lastError", r.getString("last_error"))
          .put("shopResult", r.getJsonObject("result"))
          .put("receivedAt", iso(r.getOffsetDateTime("created_at")))
          .put("processedAt", iso(r.getOffsetDateTime("processed_at"))));
    }
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
