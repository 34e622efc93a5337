package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * Body of {@code order.history_add}: the shop applies it through OpenCart's {@code addHistory()},
 * so stock, mails and events behave as in the admin.
 */
public record OrderHistoryAdd(long orderId, int orderStatusId, String comment, @JsonProperty("notify") boolean notifyCustomer, boolean override) {

  public static OrderHistoryAdd of(long orderId, int orderStatusId, String comment) {
    return new OrderHistoryAdd(orderId, orderStatusId, comment, false, false);
  }
}
