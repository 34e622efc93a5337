package com.ocbridge.commerceml.model;

import com.ocbridge.commerceml.internal.Values;

import java.math.BigDecimal;

/**
 * {@code <Налог>} of a line (CommerceML's НалогВДокументе): name ("НДС"), whether the line's {@code Сумма} already
 * includes it ({@code УчтеноВСумме}), the tax amount of the whole line and the rate as text ("20").
 */
public record Tax(String name, Boolean includedInSum, BigDecimal sum, String rate) {

  public static final String VAT = "НДС";

  public Tax {
    name = Values.clean(name);
    rate = Values.clean(rate);
  }
}
