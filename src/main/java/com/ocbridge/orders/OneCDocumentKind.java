package com.ocbridge.orders;

import java.util.Locale;
import java.util.Set;

/**
 * What a {@code Документ} 1C uploads is, by its {@code ХозОперация}. The 1C-Bitrix exchange (which 1C's site
 * exchange speaks) names payments "Выплата наличных денег", "Выплата безналичных денег", "Эквайринговая операция"
 * and shipments "Отпуск товара" (Bitrix's sale export language file); the other names are what 1C configurations
 * and hand-made exchanges call the same documents. A document without {@code ХозОперация} is an order: that is
 * what old exchanges send.
 */
enum OneCDocumentKind {
  ORDER, PAYMENT, SHIPMENT, OTHER;

  private static final Set<String> ORDERS = Set.of("заказ товара", "заказ товаров", "заказ клиента", "заказ покупателя");
  private static final Set<String> PAYMENTS = Set.of("выплата наличных денег", "выплата безналичных денег",
      "эквайринговая операция", "оплата", "оплата заказа", "поступление оплаты", "поступление денежных средств",
      "поступление безналичных денежных средств", "приходный кассовый ордер", "операция по платежной карте");
  private static final Set<String> SHIPMENTS = Set.of("отпуск товара", "отпуск товаров", "отгрузка", "отгрузка товаров",
      "реализация товаров", "реализация товаров и услуг");

  static OneCDocumentKind of(String operation) {
    if (operation == null || operation.isBlank()) return ORDER;
    String s = operation.trim().toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ");
    if (ORDERS.contains(s)) return ORDER;
    if (PAYMENTS.contains(s)) return PAYMENT;
    if (SHIPMENTS.contains(s)) return SHIPMENT;
    return OTHER;
  }
}
