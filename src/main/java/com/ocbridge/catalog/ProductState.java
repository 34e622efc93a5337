package com.ocbridge.catalog;

import java.math.BigDecimal;

/**
 * A {@code catalog_product} row: what the shop was last told about one 1C product. {@code status} is the status the
 * catalog gives the product; {@code awaitingOffer}: the product was created hidden (status 0 in the shop) because its
 * price and stock had not arrived yet, and the first offer write shows it (when {@code status} is true).
 */
record ProductState(String externalId, Long productId, String sku, String model, String name, String dataHash,
    String optionsHash, String optionStockHash, BigDecimal quantity, BigDecimal price, Boolean status,
    boolean awaitingOffer) {

  boolean linked() {
    return productId != null;
  }
}
