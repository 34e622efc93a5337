package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** Option fields of {@code option.upsert}: type ({@code select}, {@code radio}, …), names, values. */
public record OptionWrite(String type, Integer sortOrder, Map<String, LocalizedName> descriptions,
             List<OptionValueWrite> values) {
}
