package com.ocbridge.catalog;

import java.math.BigDecimal;

/**
 * A {@code catalog_product} row: what the shop was last told about one 1C product. {@code status} is the status the
 * catalog gives the product; {@code awaitingOffer}: the product was created hidden (status 0 in the shop) because its
 * price and stock had not arrived yet, and the first offer write shows it (when {@code status} is true).
 * {@code stockVersion}: when the bridge received the stock and price the fast stock API last wrote for the product as
 * a whole ({@link com.ocbridge.ordering.DataVersion}); null if it never did.
 */
record ProductState(String externalId, Long productId, String sku, String model, String name, String dataHash,
    String optionsHash, String optionStockHash, BigDecimal quantity, BigDecimal price, Boolean status,
    boolean awaitingOffer, Long stockVersion) {

  /** The fast stock API wrote this product's own stock or price from data newer than {@code version}. */
  boolean newerThan(long version) {
    return stockVersion != null && stockVersion > version;
  }

  boolean linked() {
    return productId != null;
  }
}
