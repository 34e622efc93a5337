package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Texts of a category in one language. */
public record CategoryDescription(String name, String description, String metaTitle, String metaDescription,
                 String metaKeyword) {

  public static CategoryDescription named(String name) {
    return new CategoryDescription(name, "", name, "", "");
  }
}
