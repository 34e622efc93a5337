package com.ocbridge.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/** The lookups {@link VariantStock} needs on the staged 1C data: products and characteristics by SKU. */
final class VariantStockStore {
  /** A characteristic found by its SKU. */
  record OfferRef(String offerId, String productId) {}

  /** New values of one staged offer; null = unchanged. */
  record OfferValues(String offerId, BigDecimal quantity, BigDecimal price) {}

  private final Pool pool;

  VariantStockStore(Pool pool) {
    this.pool = pool;
  }

  /** Lower-cased SKU → the 1C products with that SKU (more than one = ambiguous). */
  Future<Map<String, List<String>>> productsBySku(List<String> skus) {
    if (skus.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery("SELECT lower(sku) AS key, external_id FROM catalog_product WHERE lower(sku) = ANY($1)")
        .execute(Tuple.of((Object) lower(skus))).map(VariantStockStore::byKey);
  }

  /** Lower-cased SKU → the live characteristics with that SKU. */
  Future<Map<String, List<OfferRef>>> characteristicsBySku(List<String> skus) {
    if (skus.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery("""
            SELECT lower(sku) AS key, offer_id, product_external_id FROM catalog_offer
            WHERE characteristic_id IS NOT NULL AND NOT deleted AND lower(sku) = ANY($1)""")
        .execute(Tuple.of((Object) lower(skus)))
        .map(rows -> {
          Map<String, List<OfferRef>> map = new HashMap<>();
          for (Row r : rows) {
            map.computeIfAbsent(r.getString("key"), k -> new ArrayList<>())
                .add(new OfferRef(r.getString("offer_id"), r.getString("product_external_id")));
          }
          return map;
        });
  }

  /** What 1C said last, so that the next catalog import compares with it (one statement for the message). */
  /** Offers of these products whose values are from data newer than {@code version}. */
  Future<Set<String>> newerOffers(List<String> productIds, long version) {
    return pool.preparedQuery("""
            SELECT offer_id FROM catalog_offer WHERE product_external_id = ANY($1) AND data_version > $2""")
        .execute(Tuple.of(productIds.toArray(String[]::new), version))
        .map(rows -> {
          Set<String> ids = new HashSet<>();
          rows.forEach(r -> ids.add(r.getString("offer_id")));
          return ids;
        });
  }

  /** What a stock message said about each offer, and the message's version (never lowering an offer's). */
  Future<Void> saveOffers(List<OfferValues> values, long version) {
    if (values.isEmpty()) return Future.succeededFuture();
    int n = values.size();
    String[] ids = new String[n];
    String[] quantities = new String[n];
    String[] prices = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = values.get(i).offerId();
      quantities[i] = values.get(i).quantity() == null ? null : values.get(i).quantity().toPlainString();
      prices[i] = values.get(i).price() == null ? null : values.get(i).price().toPlainString();
    }
    return pool.preparedQuery("""
            UPDATE catalog_offer o SET quantity = COALESCE(u.q::numeric, o.quantity),
              price = COALESCE(u.p::numeric, o.price), data_version = GREATEST(COALESCE(o.data_version, 0), $4),
              updated_at = now()
            FROM UNNEST($1::text[], $2::text[], $3::text[]) AS u(id, q, p) WHERE o.offer_id = u.id""")
        .execute(Tuple.of(ids, quantities, prices, version)).mapEmpty();
  }

  private static Map<String, List<String>> byKey(RowSet<Row> rows) {
    Map<String, List<String>> map = new HashMap<>();
    for (Row r : rows) map.computeIfAbsent(r.getString("key"), k -> new ArrayList<>()).add(r.getString("external_id"));
    return map;
  }

  private static String[] lower(List<String> skus) {
    return skus.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
  }
}
