package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** A line of {@code category.list}; {@code parentId} 0 = top level. */
public record Category(long categoryId, String externalId, long parentId, Boolean status, Integer sortOrder,
            Map<String, CategoryDescription> descriptions) {
}
