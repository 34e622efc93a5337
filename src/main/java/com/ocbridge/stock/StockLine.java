package com.ocbridge.stock;

import java.math.BigDecimal;

/**
 * One line of a stock message, as 1C sent it; a null quantity or price is left as it is in the shop. It names a
 * product by {@code sku}, or a characteristic by its own SKU, by {@code id} (the 1C offer Ид
 * {@code product#characteristic}, or the product Ид with {@code characteristic}), or by the product SKU plus
 * {@code characteristic} (its Ид or its values, "40, белый").
 */
public record StockLine(String sku, String id, String characteristic, BigDecimal quantity, BigDecimal price) {

  public StockLine(String sku, BigDecimal quantity, BigDecimal price) {
    this(sku, null, null, quantity, price);
  }

  /** How the line is named in answers ({@code unknown}, {@code rejected}): what 1C sent. */
  public String label() {
    String who = id != null ? id : sku;
    return characteristic == null ? who : who + " / " + characteristic;
  }

  /** Addresses a characteristic or a 1C Ид, which only the catalog's staged offers can resolve. */
  boolean needsCatalog() {
    return id != null || characteristic != null;
  }
}
