package com.ocbridge.stock;

import java.math.BigDecimal;

/** One SKU's new stock and/or price, as 1C sent it; a null field is left as it is in the shop. */
public record StockLine(String sku, BigDecimal quantity, BigDecimal price) {}
