package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** An option of a product with its values; ids are filled on read. */
public record ProductOption(Long productOptionId, Long optionId, OptionRef option, Boolean required,
              List<ProductOptionValue> values) {

  public static ProductOption of(OptionRef option, boolean required, List<ProductOptionValue> values) {
    return new ProductOption(null, null, option, required, values);
  }
}
