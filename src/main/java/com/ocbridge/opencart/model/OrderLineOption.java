package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * A chosen option of an order line. {@code optionValueExternalId} is the shop-wide option value's id;
 * {@code productOptionValueExternalId} the product's own variant (the 1C offer "product#characteristic").
 */
public record OrderLineOption(Long productOptionId, Long productOptionValueId, String name, String value,
    String type, String optionValueExternalId, String productOptionValueExternalId) {
}
