package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * The buyer of an order; {@code customerId} 0 = guest. {@code customField} is OpenCart's raw object
 * (custom_field_id → value); {@code customFields} the same fields merged with the payment address's, named and with
 * choice values resolved (null from an extension older than the field).
 */
public record OrderCustomer(Long customerId, Integer customerGroupId, String firstname, String lastname,
              String email, String telephone, JsonNode customField, List<OrderCustomField> customFields) {

  /** A buyer without the named custom fields (the shape before they existed). */
  public OrderCustomer(Long customerId, Integer customerGroupId, String firstname, String lastname, String email,
      String telephone, JsonNode customField) {
    this(customerId, customerGroupId, firstname, lastname, email, telephone, customField, null);
  }
}
