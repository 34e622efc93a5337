package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Body of {@code category.upsert}; match by {@code external_id} or {@code category_id}. */
public record CategoryUpsert(EntityMatch match, boolean createIfMissing, CategoryWrite category) {

  public CategoryUpsert {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(category, "category");
  }
}
