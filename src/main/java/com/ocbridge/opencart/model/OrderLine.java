package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * A line of an order. {@code price} = unit price net, {@code tax} = unit tax, {@code total} = line
 * total net, as OpenCart stores them.
 */
public record OrderLine(long orderProductId, long productId, Long masterId, String externalId, String name,
            String model, String sku, int quantity, BigDecimal price, BigDecimal tax,
            BigDecimal total, Integer reward, List<OrderLineOption> options) {
}
