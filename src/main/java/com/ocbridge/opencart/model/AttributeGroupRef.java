package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * The group of an attribute: {@code {"external_id":…}}, {@code {"attribute_group_id":6}} or, to
 * find or create it by name, {@code {"name":{"ru-ru":"Основные"}}}.
 */
public record AttributeGroupRef(String externalId, Long attributeGroupId, Map<String, String> name) {

  public static AttributeGroupRef externalId(String externalId) {
    return new AttributeGroupRef(externalId, null, null);
  }

  public static AttributeGroupRef id(long attributeGroupId) {
    return new AttributeGroupRef(null, attributeGroupId, null);
  }

  public static AttributeGroupRef named(Map<String, String> namesByLanguage) {
    return new AttributeGroupRef(null, null, Map.copyOf(namesByLanguage));
  }
}
