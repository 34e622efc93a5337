package com.ocbridge.catalog;

import java.math.BigDecimal;

/**
 * A {@code catalog_product} row: what the shop was last told about one 1C product. {@code status} is the status the
 * catalog gives the product; {@code awaitingOffer}: the product was created hidden (status 0 in the shop) because its
 * price and stock had not arrived yet, and the first offer write shows it (when {@code status} is true).
 * {@code stockVersion}: when the bridge received the stock and price the fast stock API last wrote for the product as
 * a whole ({@link com.ocbridge.ordering.DataVersion}); null if it never did. {@code fieldHashes}: per field of what was
 * last sent, for the fields kept only hashed ({@link FieldHashes}); null for rows written before change plans.
 */
record ProductState(String externalId, Long productId, String sku, String model, String name, String dataHash,
    String optionsHash, String optionStockHash, BigDecimal quantity, BigDecimal price, Boolean status,
    boolean awaitingOffer, Long stockVersion, java.util.Map<String, String> fieldHashes) {

  /** Without per-field hashes (null: not known). */
  ProductState(String externalId, Long productId, String sku, String model, String name, String dataHash,
      String optionsHash, String optionStockHash, BigDecimal quantity, BigDecimal price, Boolean status,
      boolean awaitingOffer, Long stockVersion) {
    this(externalId, productId, sku, model, name, dataHash, optionsHash, optionStockHash, quantity, price, status,
        awaitingOffer, stockVersion, null);
  }

  /** The fast stock API wrote this product's own stock or price from data newer than {@code version}. */
  boolean newerThan(long version) {
    return stockVersion != null && stockVersion > version;
  }

  boolean linked() {
    return productId != null;
  }
}
