package com.ocbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.ocbridge.orders.Dom.child;
import static com.ocbridge.orders.Dom.children;
import static com.ocbridge.orders.Dom.decimal;
import static com.ocbridge.orders.Dom.has;
import static com.ocbridge.orders.Dom.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Orders 1C can post as they come: a private person's and a company's order ({@link ForeignOrders}: euros in a
 * rouble shop, VAT, coupon, voucher, shipping) read back from the {@code mode=query} XML with the JDK's DOM parser,
 * field by field, and from the JSON push captured by WireMock as 1C, with discounts on the document and spread over
 * the lines, dates in the shop's zone and in a configured one.
 */
class OrdersForOneCTest {
  private static final String PUSH_PATH = "/trade/hs/site/v1/orders";

  @TempDir Path dataDir;
  WireMockServer onec;

  @BeforeEach
  void start() {
    onec = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    onec.start();
    onec.stubFor(post(urlPathEqualTo(PUSH_PATH)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"status\":\"created\",\"source\":\"opencart\",\"onec\":{\"ref\":\"r\",\"number\":\"ЦБ-1\"}}")));
  }

  @AfterEach
  void stop() {
    onec.stop();
  }

  @Test
  void discountsOnTheDocumentDatesInTheShopZone() throws Exception {
    check("document", null);
  }

  @Test
  void discountsSpreadOverTheLinesDatesInTheConfiguredZone() throws Exception {
    check("line", "Asia/Yekaterinburg");
  }

  private JsonObject config(String discounts, String zone) {
    JsonObject orders = new JsonObject().put("numberPrefix", "OC-").put("discounts", discounts)
        .put("company", new JsonObject().put("customerGroupIds", new JsonArray().add(2)).put("customField", "ИНН"))
        .put("delivery", new JsonObject().put("name", "Доставка курьером").put("sku", "DLV-01"));
    if (zone != null) orders.put("timeZone", zone);
    return new JsonObject().put("orders", orders).put("onec", new JsonObject().put("push", new JsonObject()
        .put("enabled", true).put("baseUrl", "http://127.0.0.1:" + onec.port() + "/trade/hs/site/v1")
        .put("username", "Сайт").put("password", "p")));
  }

  private void check(String discounts, String zone) throws Exception {
    boolean onLines = discounts.equals("line");
    try (OrdersHarness h = new OrdersHarness(dataDir, "windows-1251", config(discounts, zone))) {
      h.book.put(ForeignOrders.person());
      h.book.put(ForeignOrders.company());
      h.poll();
      OneCExchangeClient.Reply reply = h.sale(false).call("query", "");
      Element root = Dom.parse(reply.body());
      ZoneId shopZone = zone == null ? ZoneId.of("+03:00") : ZoneId.of(zone);
      LocalDateTime generated = LocalDateTime.parse(root.getAttribute("ДатаФормирования"));
      assertTrue(Duration.between(generated, LocalDateTime.now(shopZone)).abs().toMinutes() < 2,
          "ДатаФормирования " + generated + " is the time in " + shopZone);

      Map<String, Element> docs = new HashMap<>();
      children(root, "Документ").forEach(d -> docs.put(text(d, "Ид"), d));
      assertEquals(2, docs.size());
      for (Element d : docs.values()) {
        header(d, zone);
        lines(d, onLines);
      }
      person(child(child(docs.get("101"), "Контрагенты"), "Контрагент"));
      company(child(child(docs.get("102"), "Контрагенты"), "Контрагент"));

      // our own reader still takes the document (Налоги, Скидки and Представители included)
      List<OrderDocument> read = h.read(reply);
      assertEquals(2, read.size());
      for (OrderDocument d : read) {
        assertEquals(0, new BigDecimal("55.23").compareTo(d.sum()));
        assertEquals("OC-" + d.id(), d.number());
        assertEquals(ForeignOrders.PERSON == Long.parseLong(d.id()) ? "Петров Иван" : "ООО «Ромашка»",
            d.counterparties().get(0).name());
        assertEquals("20", d.lines().get(0).taxRates().get(0).rate());
      }

      pushes(h, onLines, zone);
    }
  }

  private static void header(Element d, String zone) {
    String id = text(d, "Ид");
    assertEquals("OC-" + id, text(d, "Номер"), "the prefix goes into Номер only");
    assertEquals(zone == null ? "2026-11-28" : "2026-11-29", text(d, "Дата"));
    assertEquals(zone == null ? "23:30:15" : "01:30:15", text(d, "Время"));
    assertEquals("EUR", text(d, "Валюта"));
    assertEquals("95.2381", text(d, "Курс"), "roubles per euro: 1 / currency_value 0.0105");
    assertEquals(new BigDecimal("55.23"), decimal(d, "Сумма"), "what the buyer paid, in euros");
  }

  private static void lines(Element d, boolean onLines) {
    List<Element> lines = children(child(d, "Товары"), "Товар");
    assertEquals(4, lines.size());
    BigDecimal sum = BigDecimal.ZERO;
    for (Element l : lines) {
      BigDecimal lineDiscounts = has(l, "Скидки") ? children(child(l, "Скидки"), "Скидка").stream()
          .map(s -> decimal(s, "Сумма")).reduce(BigDecimal.ZERO, BigDecimal::add) : BigDecimal.ZERO;
      assertEquals(decimal(l, "ЦенаЗаЕдиницу").multiply(decimal(l, "Количество")).subtract(lineDiscounts)
          .compareTo(decimal(l, "Сумма")), 0, "price × quantity − line discounts = line Сумма");
      sum = sum.add(decimal(l, "Сумма"));
    }
    Element boots = lines.get(0);
    assertEquals("bd72d8f9-55bc-11d9-848a-000000000041", text(boots, "Ид"));
    assertEquals(new BigDecimal("12.60"), decimal(boots, "ЦенаЗаЕдиницу"), "(1000 + 200 tax) × 0.0105");
    assertEquals(new BigDecimal("2"), decimal(boots, "Количество"));
    assertEquals("НДС", text(boots, "СтавкиНалогов/СтавкаНалога/Наименование"));
    assertEquals("20", text(boots, "СтавкиНалогов/СтавкаНалога/Ставка"));
    assertEquals("НДС", text(boots, "Налоги/Налог/Наименование"));
    assertEquals("true", text(boots, "Налоги/Налог/УчтеноВСумме"));
    assertEquals(new BigDecimal(onLines ? "3.12" : "4.20"), decimal(boots, "Налоги/Налог/Сумма"));
    List<String> order = Dom.names(boots);
    assertTrue(order.indexOf("Сумма") < order.indexOf("Налоги")
        && order.indexOf("Налоги") < order.lastIndexOf("ЗначенияРеквизитов"), order.toString());
    Element socks = lines.get(2);
    assertEquals("oc-product-43", text(socks, "Ид"));
    assertEquals("ART-43", text(socks, "Артикул"));
    assertEquals(new BigDecimal("3.50"), decimal(socks, "ЦенаЗаЕдиницу"), "333.3333 × 0.0105 rounded to cents");
    assertFalse(has(socks, "СтавкиНалогов") || has(socks, "Налоги"), "an untaxed line has no taxes");

    Element delivery = lines.get(3);
    assertEquals("ORDER_DELIVERY", text(delivery, "Ид"));
    assertEquals("Доставка курьером", text(delivery, "Наименование"));
    assertEquals("DLV-01", text(delivery, "Артикул"));
    assertEquals(new BigDecimal("5.25"), decimal(delivery, "Сумма"));
    assertFalse(has(delivery, "Скидки"));

    String coupon = text(d, "Ид").equals("101") ? "Купон (SALE10)" : "Купон (B2B10)";
    if (onLines) {
      assertFalse(has(d, "Скидки"), "no document discounts when they are on the lines");
      lineDiscounts(boots, coupon, "2.52", "3.94", "18.74");
      lineDiscounts(lines.get(1), coupon, "3.15", "4.92", "23.43");
      lineDiscounts(socks, coupon, "1.05", "1.64", "7.81");
      assertEquals(0, sum.compareTo(decimal(d, "Сумма")), "the lines add up to what was paid");
    } else {
      List<Element> docDiscounts = children(child(d, "Скидки"), "Скидка");
      assertEquals(2, docDiscounts.size());
      discount(docDiscounts.get(0), coupon, "6.72");
      discount(docDiscounts.get(1), "Подарочный сертификат (GIFT-500)", "10.50");
      assertEquals(new BigDecimal("25.20"), decimal(boots, "Сумма"));
      assertFalse(has(boots, "Скидки"));
      assertEquals(0, sum.subtract(new BigDecimal("17.22")).compareTo(decimal(d, "Сумма")),
          "lines less the document's discounts = what was paid");
      List<String> docOrder = Dom.names(d);
      assertTrue(docOrder.indexOf("Скидки") < docOrder.indexOf("Товары"), docOrder.toString());
    }
  }

  private static void lineDiscounts(Element line, String coupon, String couponShare, String voucherShare, String sum) {
    List<Element> parts = children(child(line, "Скидки"), "Скидка");
    assertEquals(2, parts.size());
    discount(parts.get(0), coupon, couponShare);
    discount(parts.get(1), "Подарочный сертификат (GIFT-500)", voucherShare);
    assertEquals(new BigDecimal(sum), decimal(line, "Сумма"));
  }

  private static void discount(Element s, String name, String amount) {
    assertEquals(name, text(s, "Наименование"));
    assertEquals(new BigDecimal(amount), decimal(s, "Сумма"));
    assertEquals("true", text(s, "УчтеноВСумме"), "the sum it belongs to already has it off");
  }

  private static void person(Element c) {
    assertEquals("oc-customer-601", text(c, "Ид"));
    assertEquals("Петров Иван", text(c, "Наименование"));
    assertEquals("Покупатель", text(c, "Роль"));
    assertEquals("Петров Иван", text(c, "ПолноеНаименование"));
    assertEquals("Петров", text(c, "Фамилия"));
    assertEquals("Иван", text(c, "Имя"));
    assertTrue(text(c, "АдресРегистрации/Представление").contains("ул. Ленина, д. 5"));
    assertFalse(has(c, "ИНН") || has(c, "КПП") || has(c, "ОфициальноеНаименование") || has(c, "ЮридическийАдрес"));
  }

  private static void company(Element c) {
    assertEquals("oc-customer-602", text(c, "Ид"));
    assertEquals("ООО «Ромашка»", text(c, "Наименование"));
    assertEquals("ООО «Ромашка»", text(c, "ОфициальноеНаименование"));
    assertEquals("Покупатель", text(c, "Роль"));
    assertEquals("7701234567", text(c, "ИНН"));
    assertEquals("770101001", text(c, "КПП"));
    assertEquals("125009, г. Москва, ул. Тверская, д. 1", text(c, "ЮридическийАдрес/Представление"));
    assertFalse(has(c, "Фамилия") || has(c, "Имя") || has(c, "ПолноеНаименование") || has(c, "АдресРегистрации"));
    List<Element> contacts = children(child(c, "Контакты"), "Контакт");
    assertEquals("Почта", text(contacts.get(0), "Тип"));
    assertEquals("buyer102@example.com", text(contacts.get(0), "Значение"));
    assertEquals("+79990001122", text(contacts.get(1), "Значение"));
    Element person = child(child(child(c, "Представители"), "Представитель"), "Контрагент");
    assertEquals("Контактное лицо", text(person, "Отношение"));
    assertEquals("Петров Иван", text(person, "Наименование"));
  }

  private void pushes(OrdersHarness h, boolean onLines, String zone) throws Exception {
    OrdersHarness.eventually("two pushes", () -> onec.findAll(postRequestedFor(urlPathEqualTo(PUSH_PATH))).size() == 2);
    Map<String, JsonObject> sent = new HashMap<>();
    onec.findAll(postRequestedFor(urlPathEqualTo(PUSH_PATH)))
        .forEach(r -> sent.put(new JsonObject(r.getBodyAsString()).getString("siteOrderId"),
            new JsonObject(r.getBodyAsString())));
    for (String id : List.of("101", "102")) {
      JsonObject o = sent.get(id);
      assertEquals("OC-" + id, o.getString("siteOrderNumber"));
      assertEquals("EUR", o.getString("currency"));
      assertEquals(zone == null ? "2026-11-28T23:30:15+03:00" : "2026-11-29T01:30:15+05:00", o.getString("createdAt"));
      JsonArray items = o.getJsonArray("items");
      assertEquals(3, items.size());
      JsonObject boots = items.getJsonObject(0);
      assertEquals("12.60", boots.getString("unitPrice"));
      assertEquals("2", boots.getString("quantity"));
      assertEquals(onLines ? "6.46" : "0.00", boots.getString("discount"));
      assertEquals(onLines ? "18.74" : "25.20", boots.getString("amount"));
      assertEquals("20", boots.getString("vatRate"));
      assertNull(items.getJsonObject(2).getString("vatRate"));
      assertEquals("5.25", o.getJsonObject("delivery").getString("cost"));
      assertEquals("55.23", o.getJsonObject("payment").getString("amount"));
      JsonObject totals = o.getJsonObject("totals");
      assertEquals("67.20", totals.getString("items"));
      assertEquals("17.22", totals.getString("discount"));
      assertEquals("5.25", totals.getString("delivery"));
      assertEquals("55.23", totals.getString("total"));
      BigDecimal amounts = BigDecimal.ZERO;
      for (int i = 0; i < items.size(); i++) amounts = amounts.add(new BigDecimal(items.getJsonObject(i).getString("amount")));
      assertEquals(0, (onLines ? amounts : amounts.subtract(new BigDecimal("17.22"))).add(new BigDecimal("5.25"))
          .compareTo(new BigDecimal("55.23")), "items add up to what was paid");
    }
    JsonObject person = sent.get("101").getJsonObject("customer");
    assertEquals("person", person.getString("kind"));
    assertEquals("Петров Иван", person.getString("name"));
    assertNull(person.getString("inn"));
    JsonObject company = sent.get("102").getJsonObject("customer");
    assertEquals("company", company.getString("kind"));
    assertEquals("ООО «Ромашка»", company.getString("name"));
    assertEquals("7701234567", company.getString("inn"));
    assertEquals("770101001", company.getString("kpp"));
    assertEquals("buyer102@example.com", company.getString("email"));
  }
}
