package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/** An order with its lines, totals and history (contract §6.4). */
public record Order(long orderId, Integer invoiceNo, String invoicePrefix, Integer storeId, int orderStatusId,
          String orderStatus, OffsetDateTime dateAdded, OffsetDateTime dateModified, String currencyCode,
          BigDecimal currencyValue, BigDecimal total, String languageCode, String comment, String ip,
          OrderCustomer customer, OrderAddress paymentAddress, OrderAddress shippingAddress,
          OrderMethod paymentMethod, OrderMethod shippingMethod, List<OrderLine> products,
          List<OrderTotal> totals, List<OrderHistoryEntry> history) {
}
