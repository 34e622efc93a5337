package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * One line of {@code products.stock_price}: the key (per the call's match-by) and whatever of
 * quantity, price, status and option-value stock should change; null fields are not sent.
 */
public record StockItem(String key, Integer quantity, BigDecimal price, Boolean status,
            List<OptionValueStock> optionValues) {

  public StockItem {
    Objects.requireNonNull(key, "key");
  }

  public static StockItem of(String key, int quantity, BigDecimal price) {
    return new StockItem(key, quantity, price, null, null);
  }
}
