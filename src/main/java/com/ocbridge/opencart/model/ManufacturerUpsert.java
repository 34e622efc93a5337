package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Body of {@code manufacturer.upsert}; match by {@code external_id}, {@code name} or {@code manufacturer_id}. */
public record ManufacturerUpsert(EntityMatch match, boolean createIfMissing, ManufacturerWrite manufacturer) {

  public ManufacturerUpsert {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(manufacturer, "manufacturer");
  }
}
