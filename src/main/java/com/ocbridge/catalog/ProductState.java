package com.ocbridge.catalog;

import java.math.BigDecimal;

/** A {@code catalog_product} row: what the shop was last told about one 1C product. */
record ProductState(String externalId, Long productId, String sku, String model, String name, String dataHash,
    String optionsHash, String optionStockHash, BigDecimal quantity, BigDecimal price, Boolean status) {

  boolean linked() {
    return productId != null;
  }
}
