package com.ocbridge.catalog;

import com.ocbridge.commerceml.model.Characteristic;
import java.math.BigDecimal;
import java.util.List;

/**
 * One offer as staged in {@code catalog_offer}: the aspects a file carried (null = this file did not say).
 *
 * @param price    the configured price type's amount
 * @param quantity the stock that counts (all warehouses, or the configured one)
 * @param deleted  null when the record carries no identity (prices/rests-only files)
 */
record OfferRow(String offerId, String productId, String characteristicId, String sku, String name,
    List<Characteristic> characteristics, BigDecimal price, BigDecimal quantity, Boolean deleted) {

  OfferRow {
    characteristics = characteristics == null ? List.of() : List.copyOf(characteristics);
  }
}
