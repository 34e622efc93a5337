package com.ocbridge.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;

/**
 * Orders in the shape of the OCBridge v1 contract (§6.4), varied by id: registered and guest buyers, Cyrillic and
 * Latin names, characters windows-1251 lacks (₽), 1–3 lines with and without 1C GUIDs and characteristic options,
 * with and without shipping, a coupon now and then.
 */
final class SampleOrders {
  private SampleOrders() {}

  static JsonObject order(long id, int status, OffsetDateTime at) {
    boolean guest = id % 4 == 0;
    boolean pickup = id % 5 == 0;
    String first = id % 2 == 0 ? "Иван" : "Anna";
    String last = id % 2 == 0 ? "Петров-" + id : "O'Neil & Sons <" + id + ">";
    JsonObject address = new JsonObject().put("firstname", first).put("lastname", last).put("company", "")
        .put("address_1", "ул. Ленина, д. " + (id % 90 + 1)).put("address_2", id % 3 == 0 ? "кв. 7" : "")
        .put("city", "Москва").put("postcode", "1010" + (id % 100)).put("zone", "Москва").put("zone_id", 2761)
        .put("country", "Российская Федерация").put("country_id", 176).put("iso_code_2", "RU")
        .put("custom_field", new JsonObject());
    JsonArray products = new JsonArray();
    int lines = (int) (id % 3) + 1;
    for (int i = 0; i < lines; i++) {
      long productId = 40 + (id + i) % 17;
      boolean fromOneC = (id + i) % 4 != 3;
      boolean withSize = i == 1;
      BigDecimal price = new BigDecimal(100 + (id * 7 + i * 13) % 900).add(new BigDecimal("0.5000"));
      BigDecimal tax = price.multiply(new BigDecimal("0.20")).setScale(4, RoundingMode.HALF_UP);
      int qty = (int) ((id + i) % 3) + 1;
      JsonArray options = new JsonArray();
      if (withSize) {
        options.add(new JsonObject().put("product_option_id", 7).put("product_option_value_id", 30 + i)
            .put("name", "Размер").put("value", "4" + (id % 6)).put("type", "select")
            // the shop-wide value's id is not the 1C characteristic; the product's variant link is
            .put("option_value_external_id", "cv-0123456789abcdef0123456789abcdef")
            // as the catalog sync links a variant: "<short product id>#<1C characteristic Ид>"
            .put("product_option_value_external_id", fromOneC
                ? "vNj4-VW8EdmEigAAAAAA" + productId + "#c0ffee00-0000-4000-8000-" + String.format("%012d", productId) : null));
      }
      products.add(new JsonObject().put("order_product_id", id * 10 + i).put("product_id", productId)
          .put("master_id", 0)
          .put("external_id", fromOneC ? "bd72d8f9-55bc-11d9-848a-" + String.format("%012d", productId) : null)
          .put("name", i == 0 ? "Сапоги «Зима» №" + productId : "Product " + productId + " & Co")
          .put("model", "M-" + productId).put("sku", i == 2 ? "" : "ART-" + productId).put("quantity", qty)
          .put("price", price.toPlainString()).put("tax", tax.toPlainString())
          .put("total", price.multiply(BigDecimal.valueOf(qty)).setScale(4).toPlainString())
          .put("reward", 0).put("options", options));
    }
    JsonObject order = new JsonObject().put("order_id", id).put("invoice_no", 0).put("invoice_prefix", "INV-2026-00")
        .put("store_id", 0).put("order_status_id", status).put("order_status", OrderBook.STATUSES.getOrDefault(status, ""))
        .put("date_added", OrderBook.ISO.format(at)).put("date_modified", OrderBook.ISO.format(at))
        .put("currency_code", "RUB").put("currency_value", "1.00000000").put("total", "0")
        .put("language_code", "ru-ru").put("comment", id % 3 == 0 ? "Позвонить за час ₽" : "")
        .put("ip", "127.0.0.1")
        .put("customer", new JsonObject().put("customer_id", guest ? 0 : 500 + id).put("customer_group_id", 1)
            .put("firstname", first).put("lastname", last).put("email", "buyer" + id + "@example.com")
            .put("telephone", "7999000" + String.format("%04d", id % 10000)).put("custom_field", new JsonObject()))
        .put("payment_address", address)
        .put("shipping_address", pickup ? null : address.copy())
        .put("payment_method", id % 2 == 0 ? new JsonObject().put("name", "Оплата при получении").put("code", "cod.cod")
            : new JsonObject().put("name", "Bank Transfer").put("code", "bank_transfer.bank_transfer"))
        .put("shipping_method", pickup ? null : new JsonObject().put("name", "Курьер").put("code", "flat.flat"))
        .put("products", products)
        .put("history", new JsonArray().add(new JsonObject().put("order_status_id", status).put("notify", false)
            .put("comment", "").put("date_added", OrderBook.ISO.format(at))));
    recomputeTotals(order);
    return order;
  }

  /** sub_total, shipping, a coupon on every seventh order, tax, total — from the lines. */
  static void recomputeTotals(JsonObject o) {
    BigDecimal sub = BigDecimal.ZERO;
    BigDecimal tax = BigDecimal.ZERO;
    for (Object p : o.getJsonArray("products")) {
      JsonObject line = (JsonObject) p;
      BigDecimal qty = BigDecimal.valueOf(line.getInteger("quantity"));
      sub = sub.add(new BigDecimal(line.getString("price")).multiply(qty));
      tax = tax.add(new BigDecimal(line.getString("tax")).multiply(qty));
    }
    long id = o.getLong("order_id");
    JsonArray totals = new JsonArray().add(total("sub_total", "Сумма", sub, 1));
    BigDecimal total = sub.add(tax);
    if (o.getValue("shipping_method") != null) {
      BigDecimal shipping = new BigDecimal("350.0000");
      totals.add(total("shipping", "Курьер", shipping, 3));
      total = total.add(shipping);
    }
    if (id % 7 == 0) {
      BigDecimal coupon = new BigDecimal("-50.0000");
      totals.add(total("coupon", "Купон (-50)", coupon, 4));
      total = total.add(coupon);
    }
    totals.add(total("tax", "НДС 20%", tax, 5));
    totals.add(total("total", "Итого", total, 9));
    o.put("totals", totals).put("total", total.setScale(4, RoundingMode.HALF_UP).toPlainString());
  }

  private static JsonObject total(String code, String title, BigDecimal value, int sort) {
    return new JsonObject().put("code", code).put("title", title)
        .put("value", value.setScale(4, RoundingMode.HALF_UP).toPlainString()).put("sort_order", sort);
  }
}
