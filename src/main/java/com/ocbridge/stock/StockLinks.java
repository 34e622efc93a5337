package com.ocbridge.stock;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SKU → OpenCart product through the link table the catalog sync keeps ({@code catalog_product}), with the stock
 * and price last sent, so that unchanged values are not sent again.
 */
final class StockLinks {
  record Link(long productId, String sku, BigDecimal quantity, BigDecimal price) {}

  record Sent(long productId, BigDecimal quantity, BigDecimal price) {}

  private final Pool pool;

  StockLinks(Pool pool) {
    this.pool = pool;
  }

  /** Links by lower-cased SKU; one query for the whole message. A SKU linked to several products is left out. */
  Future<Map<String, Link>> find(List<String> skus) {
    String[] keys = skus.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    return pool.preparedQuery("""
            SELECT lower(sku) AS key, min(product_id) AS product_id, min(sku) AS sku, min(quantity) AS quantity,
                   min(price) AS price, count(DISTINCT product_id) AS products
            FROM catalog_product WHERE lower(sku) = ANY($1) AND product_id IS NOT NULL GROUP BY lower(sku)""")
        .execute(Tuple.of(keys))
        .map(rows -> {
          Map<String, Link> links = new HashMap<>();
          for (Row r : rows) {
            if (r.getLong("products") != 1) continue;
            links.put(r.getString("key"), new Link(r.getLong("product_id"), r.getString("sku"),
                r.getBigDecimal("quantity"), r.getBigDecimal("price")));
          }
          return links;
        });
  }

  /** Remembers what the shop confirmed, so the next message and the next catalog import see it as current. */
  Future<Void> recordSent(List<Sent> sent) {
    if (sent.isEmpty()) return Future.succeededFuture();
    List<Tuple> batch = new ArrayList<>(sent.size());
    for (Sent s : sent) batch.add(Tuple.of(s.productId(), s.quantity(), s.price()));
    return pool.preparedQuery("""
            UPDATE catalog_product SET quantity = COALESCE($2, quantity), price = COALESCE($3, price), updated_at = now()
            WHERE product_id = $1""")
        .executeBatch(batch).mapEmpty();
  }
}
