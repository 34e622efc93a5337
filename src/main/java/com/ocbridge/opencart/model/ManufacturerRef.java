package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** A manufacturer reference: {@code {"external_id":…}} or {@code {"manufacturer_id":8}}. */
public record ManufacturerRef(String externalId, Long manufacturerId) {

  public static ManufacturerRef externalId(String externalId) {
    return new ManufacturerRef(externalId, null);
  }

  public static ManufacturerRef id(long manufacturerId) {
    return new ManufacturerRef(null, manufacturerId);
  }
}
