package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Body of {@code attribute.upsert}; match by {@code external_id} or {@code name}. */
public record AttributeUpsert(EntityMatch match, boolean createIfMissing, AttributeWrite attribute) {

  public AttributeUpsert {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(attribute, "attribute");
  }
}
