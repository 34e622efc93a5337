package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * Answer of {@code order.history_add}.
 *
 * @param replayed the request carried an idempotency key the shop had applied before: nothing was added, the ids are
 *     those of the first application (false from extensions without idempotency keys)
 */
public record OrderHistoryAdded(long orderId, int orderStatusId, long orderHistoryId, boolean replayed) {
}
