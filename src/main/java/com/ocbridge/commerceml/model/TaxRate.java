package com.ocbridge.commerceml.model;

import java.math.BigDecimal;

/**
 * {@code <СтавкаНалога>}: e.g. name "НДС", rate "20". The rate is kept as text because 1C also writes
 * values such as "Без НДС".
 */
public record TaxRate(String name, String rate) {

  /** The rate as a number (decimal comma accepted), or null when it is not numeric. */
  public BigDecimal percent() {
    return com.ocbridge.commerceml.internal.Values.decimalOrNull(rate);
  }
}
