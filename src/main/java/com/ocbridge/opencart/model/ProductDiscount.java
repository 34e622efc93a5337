package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** A quantity discount; dates as in {@link ProductSpecial}. */
public record ProductDiscount(Integer customerGroupId, Integer quantity, BigDecimal price, Integer priority,
               String dateStart, String dateEnd) {
}
