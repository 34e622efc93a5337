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
 *
 * @param idempotencyKey null = none; otherwise 1–64 characters of {@code [A-Za-z0-9._:-]}, the same for every
 *     repetition of one change: an extension that announces {@code order.history_add.idempotency_key} applies a
 *     key once and answers a repeat with the first result ({@link OrderHistoryAdded#replayed()}); older ones ignore it
 */
public record OrderHistoryAdd(long orderId, int orderStatusId, String comment, @JsonProperty("notify") boolean notifyCustomer,
                              boolean override, String idempotencyKey) {

  public static OrderHistoryAdd of(long orderId, int orderStatusId, String comment) {
    return new OrderHistoryAdd(orderId, orderStatusId, comment, false, false, null);
  }

  public OrderHistoryAdd withIdempotencyKey(String key) {
    return new OrderHistoryAdd(orderId, orderStatusId, comment, notifyCustomer, override, key);
  }
}
