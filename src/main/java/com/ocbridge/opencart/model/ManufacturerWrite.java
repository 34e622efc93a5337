package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Manufacturer fields of {@code manufacturer.upsert}; null fields are not sent. */
public record ManufacturerWrite(String name, String image, Integer sortOrder, List<Integer> storeIds,
                Map<String, Map<String, String>> seoKeywords) {
}
