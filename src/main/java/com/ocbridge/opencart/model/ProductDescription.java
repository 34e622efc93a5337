package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Texts of a product in one language. */
public record ProductDescription(String name, String description, String metaTitle, String metaDescription,
                 String metaKeyword, String tag) {

  public static ProductDescription named(String name) {
    return new ProductDescription(name, null, name, null, null, null);
  }
}
