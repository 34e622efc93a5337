package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Body of {@code option.upsert}; match by {@code external_id} or {@code name}. */
public record OptionUpsert(EntityMatch match, boolean createIfMissing, OptionWrite option) {

  public OptionUpsert {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(option, "option");
  }
}
