package com.ocbridge.stock;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SKU → OpenCart product through the link table the catalog sync keeps ({@code catalog_product}), with the stock
 * and price last sent, so that unchanged values are not sent again.
 */
final class StockLinks {
  /** {@code reveal}: the catalog created the product hidden until its price and stock came; this line shows it. */
  record Link(long productId, String externalId, String sku, BigDecimal quantity, BigDecimal price, boolean reveal,
      Long stockVersion) {
    /** The shop has this product's stock from data newer than {@code version}. */
    boolean newerThan(long version) {
      return stockVersion != null && stockVersion > version;
    }
  }

  record Sent(long productId, BigDecimal quantity, BigDecimal price, boolean revealed) {}

  private final Pool pool;

  StockLinks(Pool pool) {
    this.pool = pool;
  }

  /** Links by lower-cased SKU; one query for the whole message. A SKU linked to several products is left out. */
  Future<Map<String, Link>> find(List<String> skus) {
    String[] keys = skus.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    return pool.preparedQuery("""
            SELECT lower(sku) AS key, min(product_id) AS product_id, min(external_id) AS external_id, min(sku) AS sku,
                   min(quantity) AS quantity, min(price) AS price, max(stock_version) AS stock_version,
                   count(DISTINCT product_id) AS products,
                   bool_or(awaiting_offer AND coalesce(status, false)) AS reveal
            FROM catalog_product WHERE lower(sku) = ANY($1) AND product_id IS NOT NULL GROUP BY lower(sku)""")
        .execute(Tuple.of(keys))
        .map(rows -> {
          Map<String, Link> links = new HashMap<>();
          for (Row r : rows) {
            if (r.getLong("products") != 1) continue;
            links.put(r.getString("key"), new Link(r.getLong("product_id"), r.getString("external_id"), r.getString("sku"),
                r.getBigDecimal("quantity"), r.getBigDecimal("price"), Boolean.TRUE.equals(r.getBoolean("reveal")),
                r.getLong("stock_version")));
          }
          return links;
        });
  }

  /**
   * Remembers what the shop confirmed and the version of its data, so the next message and the next catalog import
   * see it as current, and older data is not written over it.
   */
  Future<Void> recordSent(List<Sent> sent, long version) {
    if (sent.isEmpty()) return Future.succeededFuture();
    Long[] ids = new Long[sent.size()];
    // decimals travel as text: the pg client has no BigDecimal[] binding for numeric[]
    String[] quantities = new String[sent.size()];
    String[] prices = new String[sent.size()];
    Boolean[] revealed = new Boolean[sent.size()];
    for (int i = 0; i < sent.size(); i++) {
      ids[i] = sent.get(i).productId();
      revealed[i] = sent.get(i).revealed();
      quantities[i] = plain(sent.get(i).quantity());
      prices[i] = plain(sent.get(i).price());
    }
    // one statement for the whole message (a batch of 10,000 single-row updates costs ten times as much)
    return pool.preparedQuery("""
            UPDATE catalog_product c SET quantity = COALESCE(v.quantity, c.quantity), price = COALESCE(v.price, c.price),
              awaiting_offer = c.awaiting_offer AND NOT v.revealed,
              stock_version = GREATEST(COALESCE(c.stock_version, 0), $5), updated_at = now()
            FROM unnest($1::bigint[], $2::text[]::numeric[], $3::text[]::numeric[], $4::bool[])
              AS v(product_id, quantity, price, revealed)
            WHERE c.product_id = v.product_id""")
        .execute(Tuple.of(ids, quantities, prices, revealed, version)).mapEmpty();
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
