package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** An option value reference: {@code {"external_id":…}} or {@code {"option_value_id":46}}. */
public record OptionValueRef(String externalId, Long optionValueId) {

  public static OptionValueRef externalId(String externalId) {
    return new OptionValueRef(externalId, null);
  }

  public static OptionValueRef id(long optionValueId) {
    return new OptionValueRef(null, optionValueId);
  }
}
