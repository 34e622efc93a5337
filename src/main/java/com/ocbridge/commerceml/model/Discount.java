package com.ocbridge.commerceml.model;

import com.ocbridge.commerceml.internal.Values;

import java.math.BigDecimal;

/**
 * {@code <Скидка>} of a document or a line: e.g. "Купон (SALE10)", 150.00. {@code includedInSum} is
 * {@code УчтеноВСумме}: true = the {@code Сумма} it belongs to (the line's, or the document's) already has the
 * discount taken off, so 1C must not take it off again; false = 1C still has to apply it.
 */
public record Discount(String name, BigDecimal sum, Boolean includedInSum) {

  public Discount {
    name = Values.clean(name);
  }

  /** A discount already taken off the sum it belongs to (what the site writes: sums are what the buyer pays). */
  public static Discount included(String name, BigDecimal sum) {
    return new Discount(name, sum, Boolean.TRUE);
  }
}
