package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * A value of a product option. On write, {@code optionValue} references the dictionary value and
 * {@code externalId}/{@code sku} identify the 1C characteristic; on read the ids are filled too.
 */
public record ProductOptionValue(Long productOptionValueId, Long optionValueId, OptionValueRef optionValue,
                 String externalId, String sku, Integer quantity, Boolean subtract,
                 BigDecimal price, String pricePrefix) {

  public static ProductOptionValue of(OptionValueRef optionValue, String externalId, String sku, int quantity,
                    BigDecimal price, String pricePrefix) {
    return new ProductOptionValue(null, null, optionValue, externalId, sku, quantity, true, price, pricePrefix);
  }
}
