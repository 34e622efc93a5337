package com.ocbridge.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Two orders as the extension answers them (contract §6.4 plus {@code customer.custom_fields}), placed in euros in
 * a rouble shop, with the arithmetic of OpenCart's own totals: a private person's and a company's, each with three
 * lines (two with 20 % VAT, one without), a 10 % coupon, a gift voucher and flat-rate shipping.
 *
 * <p>In roubles (the shop's default currency): lines 2 × (1000 + 200 tax), 1 × (2500 + 500 tax), 3 × 333.3333;
 * sub_total 5499.9999; the coupon takes 10 % of the goods net (−550.0000) and its 90.0000 of tax off the tax total
 * (900 → 810), as OpenCart's coupon total does; voucher −1000.0000; shipping 500.0000; total 5259.9999. At
 * currency_value 0.0105 the buyer saw: units 12.60, 31.50, 3.50; shipping 5.25; coupon 5.78 (+ 0.94 of tax = 6.72
 * off the gross lines); voucher 10.50; total 55.23.
 */
final class ForeignOrders {
  static final long PERSON = 101;
  static final long COMPANY = 102;
  static final String ADDED = "2026-11-28T23:30:15+03:00";

  private ForeignOrders() {}

  static JsonObject person() {
    return order(PERSON, 1, new JsonArray(), "SALE10");
  }

  /** Customer group 2 (a company group in the tests' config) with ИНН, КПП, company name and legal address. */
  static JsonObject company() {
    JsonArray fields = new JsonArray()
        .add(field(3, "ИНН", "account", "7701234567"))
        .add(field(5, "Организация", "account", "ООО «Ромашка»"))
        .add(field(4, "КПП", "address", "770101001"))
        .add(field(6, "Юридический адрес", "address", "125009, г. Москва, ул. Тверская, д. 1"));
    return order(COMPANY, 2, fields, "B2B10");
  }

  static JsonObject field(int id, String name, String location, String value) {
    return new JsonObject().put("custom_field_id", id).put("name", name).put("location", location).put("value", value);
  }

  private static JsonObject order(long id, int group, JsonArray customFields, String coupon) {
    JsonObject address = new JsonObject().put("firstname", "Иван").put("lastname", "Петров").put("company", "")
        .put("address_1", "ул. Ленина, д. 5").put("address_2", "").put("city", "Москва").put("postcode", "101000")
        .put("zone", "Москва").put("zone_id", 2761).put("country", "Российская Федерация").put("country_id", 176)
        .put("iso_code_2", "RU").put("custom_field", new JsonObject());
    JsonArray products = new JsonArray()
        .add(line(id * 10, 41, "bd72d8f9-55bc-11d9-848a-000000000041", "Сапоги", "ART-41", 2, "1000.0000", "200.0000"))
        .add(line(id * 10 + 1, 42, "bd72d8f9-55bc-11d9-848a-000000000042", "Куртка", "ART-42", 1, "2500.0000",
            "500.0000"))
        .add(line(id * 10 + 2, 43, null, "Носки", "ART-43", 3, "333.3333", "0.0000"));
    JsonArray totals = new JsonArray()
        .add(total("sub_total", "Сумма", "5499.9999", 1))
        .add(total("shipping", "Фиксированная стоимость доставки", "500.0000", 3))
        .add(total("coupon", "Купон (" + coupon + ")", "-550.0000", 4))
        .add(total("tax", "НДС 20%", "810.0000", 5))
        .add(total("voucher", "Подарочный сертификат (GIFT-500)", "-1000.0000", 8))
        .add(total("total", "Итого", "5259.9999", 9));
    return new JsonObject().put("order_id", id).put("invoice_no", 0).put("invoice_prefix", "INV-2026-00")
        .put("store_id", 0).put("order_status_id", 1).put("order_status", OrderBook.STATUSES.get(1))
        .put("date_added", ADDED).put("date_modified", ADDED)
        .put("currency_code", "EUR").put("currency_value", "0.01050000").put("total", "5259.9999")
        .put("language_code", "ru-ru").put("comment", "").put("ip", "127.0.0.1")
        .put("customer", new JsonObject().put("customer_id", 500 + id).put("customer_group_id", group)
            .put("firstname", "Иван").put("lastname", "Петров").put("email", "buyer" + id + "@example.com")
            .put("telephone", "+79990001122").put("custom_field", new JsonObject())
            .put("custom_fields", customFields))
        .put("payment_address", address)
        .put("shipping_address", address.copy())
        .put("payment_method", new JsonObject().put("name", "Банковский перевод").put("code", "bank_transfer.bank_transfer"))
        .put("shipping_method", new JsonObject().put("name", "Фиксированная стоимость доставки").put("code", "flat.flat"))
        .put("products", products).put("totals", totals)
        .put("history", new JsonArray().add(new JsonObject().put("order_status_id", 1).put("notify", false)
            .put("comment", "").put("date_added", ADDED)));
  }

  private static JsonObject line(long orderProductId, long productId, String externalId, String name, String sku,
      int qty, String price, String tax) {
    return new JsonObject().put("order_product_id", orderProductId).put("product_id", productId).put("master_id", 0)
        .put("external_id", externalId).put("name", name).put("model", "M-" + productId).put("sku", sku)
        .put("quantity", qty).put("price", price).put("tax", tax)
        .put("total", new java.math.BigDecimal(price).multiply(java.math.BigDecimal.valueOf(qty)).toPlainString())
        .put("reward", 0).put("options", new JsonArray());
  }

  private static JsonObject total(String code, String title, String value, int sort) {
    return new JsonObject().put("code", code).put("title", title).put("value", value).put("sort_order", sort);
  }
}
