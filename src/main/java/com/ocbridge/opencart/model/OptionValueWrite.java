package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** A value of an option dictionary entry, identified by its 1C id. */
public record OptionValueWrite(String externalId, Integer sortOrder, String image,
                Map<String, LocalizedName> descriptions) {
}
