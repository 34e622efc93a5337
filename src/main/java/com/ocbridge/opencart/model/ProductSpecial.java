package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * A special price. Dates are passed through as the shop writes them ({@code YYYY-MM-DD} or null):
 * they are DATE columns in OpenCart, not instants.
 */
public record ProductSpecial(Integer customerGroupId, BigDecimal price, Integer priority, String dateStart,
               String dateEnd) {
}
