package com.ocbridge.orders;

import com.ocbridge.config.BridgeConfig;

/**
 * What the documents 1C sends back do to the shop beyond {@code orders.statusMap}.
 *
 * @param paidStatusId    status a payment from 1C sets ({@code orders.paidStatusId}); 0 = keep it, add the note only
 * @param shippedStatusId status a shipment from 1C sets ({@code orders.shippedStatusId}); 0 = likewise
 * @param numbers         reads {@code Номер}/{@code Основание} with {@code orders.numberPrefix}
 */
record DocumentRules(int paidStatusId, int shippedStatusId, OrderNumbers numbers) {
  static DocumentRules from(BridgeConfig.Orders orders) {
    return new DocumentRules(orders.paidStatusId(), orders.shippedStatusId(), new OrderNumbers(orders.numberPrefix()));
  }
}
