package com.ocbridge.onec;

import java.util.List;

/** Sample orders as the orders module will map them from OpenCart. */
final class Orders {
  private Orders() {}

  static OneCOrder order(int id) {
    return order(id, "A-100");
  }

  static OneCOrder order(int id, String sku) {
    String number = String.valueOf(id);
    return new OneCOrder(OneCOrder.SCHEMA_VERSION, OneCOrder.SOURCE_OPENCART, "0", number, number,
        "2025-05-01T12:34:56+03:00", "RUB", null,
        new OneCOrder.Customer("881", "person", "Иванов Иван", "i@example.com", "+79990000000", null, null),
        new OneCOrder.Shipping("courier", "350.00", new OneCOrder.Address("101000", "Москва", "ул. Тверская, 1")),
        new OneCOrder.Payment("card", "paid", "1850.00", "tx-" + id),
        "позвонить за час\u0002",
        List.of(new OneCOrder.Item(1, sku, "3ca886b6-aabd-11e7-80c4-000c29b9c7a1", null, "Чайник", "2", "750.00",
            "0.00", "1500.00", "20")),
        new OneCOrder.Totals("1500.00", "0.00", "350.00", "1850.00"));
  }

  static String key(int id) {
    return "opencart:0:" + id;
  }
}
