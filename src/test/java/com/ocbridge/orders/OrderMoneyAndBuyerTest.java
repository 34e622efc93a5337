package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderTotal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules behind the order documents, case by case: amounts, discounts, buyer, number, dates. */
class OrderMoneyAndBuyerTest {
  private static final OrderSettings COMPANY_GROUP_2 = new OrderSettings(
      new OrderSettings.Company(Set.of(2), "ИНН"), OrderSettings.RequisiteFields.DEFAULTS,
      OrderSettings.Discounts.DOCUMENT, new OrderSettings.Delivery("", ""), "OC-", null);

  private static Order order(JsonObject json) {
    return OrderJson.read(json.encode());
  }

  private static List<BigDecimal> decimals(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void proportionalSharesAddUpWithTheRemainderOnTheLargestLine() {
    assertEquals(decimals("0.34", "0.33", "0.33"),
        OrderMoney.proportional(new BigDecimal("1.00"), decimals("5.00", "5.00", "5.00")), "first of equals");
    assertEquals(decimals("0.33", "0.34", "0.33"),
        OrderMoney.proportional(new BigDecimal("1.00"), decimals("3.00", "3.01", "3.00")));
    // rounding up everywhere: the largest gives the cent back
    assertEquals(decimals("0.00", "0.01", "0.01"),
        OrderMoney.proportional(new BigDecimal("0.02"), decimals("1.00", "1.00", "1.00")));
    assertEquals(decimals("0", "0"), OrderMoney.proportional(BigDecimal.TEN, decimals("0", "0")));
  }

  /** {@link ForeignOrders#person()} in roubles without the socks line: 2 × 1200 and 1 × 3000 gross, shipping 500. */
  private static JsonObject roubles(JsonArray totals, String total) {
    JsonObject json = ForeignOrders.person().put("currency_code", "RUB").put("currency_value", "1.00000000");
    json.getJsonArray("products").remove(2);
    return json.put("totals", totals).put("total", total);
  }

  @Test
  void theTaxACouponTookOffBelongsToTheCoupon() {
    // OpenCart: coupon 10 % of 4500 net = −450 and its 90 of tax off the tax total (900 → 810); voucher −1000
    JsonObject json = roubles(new JsonArray().add(total("sub_total", "4500.0000")).add(total("shipping", "500.0000"))
        .add(total("coupon", "-450.0000")).add(total("tax", "810.0000")).add(total("voucher", "-1000.0000"))
        .add(total("total", "4360.0000")), "4360.0000");
    OrderMoney.Amounts m = OrderMoney.of(order(json), OrderSettings.Discounts.DOCUMENT);
    assertEquals(new BigDecimal("4360.00"), m.total());
    assertEquals(new BigDecimal("1200.00"), m.goods().get(0).unitPrice());
    assertEquals(new BigDecimal("400.00"), m.goods().get(0).tax());
    assertEquals(new BigDecimal("540.00"), m.discounts().get(0).amount(), "450 net + 90 tax: what the lines lose");
    assertEquals(new BigDecimal("1000.00"), m.discounts().get(1).amount(), "a voucher carries no tax");
    assertEquals(new BigDecimal("500.00"), m.delivery().gross());
    assertEquals(0, m.goodsGross().add(m.delivery().gross()).subtract(m.discountTotal()).compareTo(m.total()));
  }

  @Test
  void taxOnShippingGoesToTheDeliveryLine() {
    // no discounts; shipping 500 net + 100 tax in the tax total (900 of the lines + 100)
    JsonObject json = roubles(new JsonArray().add(total("sub_total", "4500.0000")).add(total("shipping", "500.0000"))
        .add(total("tax", "1000.0000")).add(total("total", "6000.0000")), "6000.0000");
    OrderMoney.Amounts m = OrderMoney.of(order(json), OrderSettings.Discounts.DOCUMENT);
    assertEquals(new BigDecimal("600.00"), m.delivery().gross());
    assertTrue(m.discounts().isEmpty());
    assertEquals(new BigDecimal("6000.00"), m.total());
  }

  @Test
  void aVoucherBeyondTheGoodsTakesThePartOfTheDeliveryItPaid() {
    JsonObject json = roubles(new JsonArray().add(total("sub_total", "4500.0000")).add(total("shipping", "500.0000"))
        .add(total("tax", "900.0000")).add(total("voucher", "-5500.0000")).add(total("total", "400.0000")), "400.0000");
    OrderMoney.Amounts m = OrderMoney.of(order(json), OrderSettings.Discounts.LINE);
    assertTrue(m.onLines());
    assertTrue(m.goods().stream().allMatch(l -> l.sum().signum() == 0), "the goods are paid in full by the voucher");
    assertEquals(new BigDecimal("5400.00"), m.goods().get(0).discount().add(m.goods().get(1).discount()));
    assertEquals(new BigDecimal("100.00"), m.delivery().discount());
    assertEquals(new BigDecimal("400.00"), m.delivery().sum());
    assertEquals(new BigDecimal("400.00"), m.total());
  }

  @Test
  void discountNamesAreRussianWithTheCode() {
    assertEquals("Купон (SALE10)", OrderMoney.discountName(new OrderTotal("coupon", "Coupon (SALE10)", null, 4)));
    assertEquals("Подарочный сертификат (G-1)",
        OrderMoney.discountName(new OrderTotal("voucher", "Gift Certificate (G-1)", null, 8)));
    assertEquals("Бонусные баллы (150)", OrderMoney.discountName(new OrderTotal("reward", "Reward Points (150)", null, 2)));
    assertEquals("Купон", OrderMoney.discountName(new OrderTotal("coupon", "", null, 4)));
    assertEquals("Скидка постоянным", OrderMoney.discountName(new OrderTotal("loyalty", "Скидка постоянным", null, 4)));
  }

  @Test
  void companyByGroupOrByTheNamedFieldWithFallbacks() {
    OrderBuyers.Buyer company = OrderBuyers.of(order(ForeignOrders.company()), COMPANY_GROUP_2);
    assertTrue(company.company());
    assertEquals("ООО «Ромашка»", company.companyName());
    assertEquals("7701234567", company.inn());
    assertEquals("770101001", company.kpp());
    assertEquals("125009, г. Москва, ул. Тверская, д. 1", company.legalAddress());

    // group 1, but the ИНН field is filled in; no company field: OpenCart's address Company, no legal address field
    JsonObject byField = ForeignOrders.person();
    byField.getJsonObject("customer").put("custom_fields",
        new JsonArray().add(ForeignOrders.field(3, " инн ", "account", " 500100732259 ")));
    byField.getJsonObject("payment_address").put("company", "ИП Петров");
    OrderBuyers.Buyer ip = OrderBuyers.of(order(byField), COMPANY_GROUP_2);
    assertTrue(ip.company());
    assertEquals("ИП Петров", ip.companyName());
    assertEquals("500100732259", ip.inn(), "names match ignoring case and blanks; values are trimmed");
    assertNull(ip.kpp());
    assertEquals(ip.address(), ip.legalAddress(), "no legal address field: the payment address");

    // the requisites by custom_field_id
    OrderSettings byId = new OrderSettings(new OrderSettings.Company(Set.of(), "3"),
        new OrderSettings.RequisiteFields("3", "4", "5", "6"), OrderSettings.Discounts.DOCUMENT,
        new OrderSettings.Delivery("", ""), "", null);
    JsonObject renamed = ForeignOrders.company();
    renamed.getJsonObject("customer").put("customer_group_id", 1);
    renamed.getJsonObject("customer").getJsonArray("custom_fields").forEach(f -> ((JsonObject) f).put("name", "x"));
    OrderBuyers.Buyer viaIds = OrderBuyers.of(order(renamed), byId);
    assertTrue(viaIds.company());
    assertEquals("7701234567", viaIds.inn());
    assertEquals("ООО «Ромашка»", viaIds.companyName());

    // neither group nor field: a person, whatever custom fields there are
    assertFalse(OrderBuyers.of(order(ForeignOrders.person()), COMPANY_GROUP_2).company());
    assertFalse(OrderBuyers.of(order(renamed), OrderSettings.DEFAULTS).company(), "defaults: every buyer a person");
    // an order stored before custom fields existed
    JsonObject old = ForeignOrders.person();
    old.getJsonObject("customer").remove("custom_fields");
    assertFalse(OrderBuyers.of(order(old), COMPANY_GROUP_2).company());
  }

  @Test
  void numberPrefixReadBackAndDatesInAZone() {
    Order o = order(ForeignOrders.person());
    assertEquals("OC-101", OrderDocuments.number(o, COMPANY_GROUP_2));
    assertEquals(101L, OrderDocuments.orderIdFromNumber("OC-101", "OC-"));
    assertEquals(101L, OrderDocuments.orderIdFromNumber(" oc-101 ", "OC-"), "1C operators retype numbers");
    assertEquals(101L, OrderDocuments.orderIdFromNumber("101", "OC-"), "written before the prefix was set");
    assertNull(OrderDocuments.orderIdFromNumber("OC-", "OC-"));
    assertNull(OrderDocuments.orderIdFromNumber("ЦБ-000123", "OC-"));
    assertEquals("2026-11-28T23:30:15", OrderDocuments.localTime(o.dateAdded(), null).toString(), "the shop's offset");
    assertEquals("2026-11-28T20:30:15", OrderDocuments.localTime(o.dateAdded(), ZoneId.of("UTC")).toString());
    assertEquals(new BigDecimal("95.2381"), OrderDocuments.rate(o));
  }

  private static JsonObject total(String code, String value) {
    return new JsonObject().put("code", code).put("title", code).put("value", value).put("sort_order", 1);
  }
}
