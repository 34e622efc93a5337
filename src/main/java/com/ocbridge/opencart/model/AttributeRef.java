package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** An attribute reference: {@code {"external_id":…}} or {@code {"attribute_id":12}}. */
public record AttributeRef(String externalId, Long attributeId) {

  public static AttributeRef externalId(String externalId) {
    return new AttributeRef(externalId, null);
  }

  public static AttributeRef id(long attributeId) {
    return new AttributeRef(null, attributeId);
  }
}
