package com.ocbridge.orders;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The shop's time zone for {@code ДатаФормирования}: {@code orders.timeZone} when configured, else the offset of the
 * newest stored order (OpenCart's dates come with the offset of its config_timezone, so that is the shop's current
 * offset), else the service's own zone while no order has been stored yet.
 */
final class ShopZone {
  private final Pool pool;
  private final ZoneId configured;

  ShopZone(Pool pool, ZoneId configured) {
    this.pool = pool;
    this.configured = configured;
  }

  Future<ZoneId> current() {
    if (configured != null) return Future.succeededFuture(configured);
    return pool.query("SELECT content->>'date_added' AS added FROM shop_order ORDER BY order_id DESC LIMIT 1")
        .execute()
        .map(rows -> {
          String added = rows.size() == 0 ? null : rows.iterator().next().getString("added");
          return offsetOf(added);
        })
        .otherwise(e -> ZoneId.systemDefault());
  }

  static ZoneId offsetOf(String isoDateTime) {
    if (isoDateTime == null || isoDateTime.isBlank()) return ZoneId.systemDefault();
    try {
      return OffsetDateTime.parse(isoDateTime).getOffset();
    } catch (DateTimeParseException e) {
      return ZoneId.systemDefault();
    }
  }
}
