package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * Stock of one option value (1C characteristic) inside a {@link StockItem}; with {@code price} (absolute, a
 * decimal string on the wire) and {@code pricePrefix} ("+"/"-") also its price difference from the product
 * price, which is how a characteristic's own price reaches the cart. Null price = leave the difference alone.
 */
public record OptionValueStock(String externalId, Integer quantity, BigDecimal price, String pricePrefix) {

  public OptionValueStock(String externalId, Integer quantity) {
    this(externalId, quantity, null, null);
  }

  /** The value's stock and its signed difference from the product price. */
  public static OptionValueStock of(String externalId, int quantity, BigDecimal signedDifference) {
    return new OptionValueStock(externalId, quantity, signedDifference.abs(), signedDifference.signum() < 0 ? "-" : "+");
  }
}
