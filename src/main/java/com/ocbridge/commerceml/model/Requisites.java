package com.ocbridge.commerceml.model;

/**
 * Names of the {@code <ЗначениеРеквизита>} entries that 1C and the reference site (1C-Bitrix) read and write on
 * order documents and order lines (protocol reference §8.5, §8.6).
 */
public final class Requisites {
  private Requisites() {
  }

  // site → 1C (mode=query)
  public static final String PAYMENT_METHOD = "Метод оплаты";
  public static final String PAYMENT_DATE = "Дата оплаты";
  public static final String ORDER_PAID = "Заказ оплачен";
  public static final String DELIVERY_ALLOWED = "Доставка разрешена";
  public static final String DELIVERY_METHOD = "Способ доставки";
  public static final String DELIVERY_ADDRESS = "Адрес доставки";
  public static final String CANCELLED = "Отменен";
  public static final String FINAL_STATUS = "Финальный статус";
  public static final String ORDER_STATUS = "Статус заказа";
  public static final String ORDER_STATUS_ID = "Статуса заказа ИД";
  public static final String STATUS_CHANGED_AT = "Дата изменения статуса";
  public static final String CUSTOMER_COMMENT = "Комментарии покупателя";
  public static final String SITE = "Сайт";

  // 1C → site (mode=file)
  public static final String POSTED = "Проведен";
  public static final String PAID = "Оплачен";
  public static final String SHIPPED = "Отгружен";
  public static final String DELETION_MARK = "ПометкаУдаления";
  public static final String NUMBER_1C = "Номер по 1С";
  public static final String DATE_1C = "Дата по 1С";
  public static final String PAYMENT_NUMBER_1C = "Номер оплаты по 1С";
  public static final String PAYMENT_DATE_1C = "Дата оплаты по 1С";
  public static final String SHIPMENT_NUMBER_1C = "Номер отгрузки по 1С";
  public static final String SHIPMENT_DATE_1C = "Дата отгрузки по 1С";

  // order lines
  public static final String NOMENCLATURE_KIND = "ВидНоменклатуры";
  public static final String NOMENCLATURE_TYPE = "ТипНоменклатуры";
  public static final String GOODS = "Товар";
  public static final String SERVICE = "Услуга";
}
