package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** An option reference: {@code {"external_id":…}} or {@code {"option_id":13}}. */
public record OptionRef(String externalId, Long optionId) {

  public static OptionRef externalId(String externalId) {
    return new OptionRef(externalId, null);
  }

  public static OptionRef id(long optionId) {
    return new OptionRef(null, optionId);
  }
}
