package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** The buyer of an order; {@code customerId} 0 = guest. */
public record OrderCustomer(Long customerId, Integer customerGroupId, String firstname, String lastname,
              String email, String telephone, JsonNode customField) {
}
