package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Category fields of {@code category.upsert}; null fields are not sent. */
public record CategoryWrite(CategoryRef parent, Boolean status, Integer sortOrder, String image,
              List<Integer> storeIds, Map<String, CategoryDescription> descriptions,
              Map<String, Map<String, String>> seoKeywords) {
}
