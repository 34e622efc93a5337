package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** A category reference: {@code {"external_id":…}} or {@code {"category_id":20}}. */
public record CategoryRef(String externalId, Long categoryId) {

  public static CategoryRef externalId(String externalId) {
    return new CategoryRef(externalId, null);
  }

  public static CategoryRef id(long categoryId) {
    return new CategoryRef(null, categoryId);
  }

  /** The top level, as a {@code parent}. */
  public static CategoryRef root() {
    return new CategoryRef(null, 0L);
  }
}
