package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import com.ocbridge.testing.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Orders and fast stock against real OpenCart 4.1 and 3.0 shops, after a small generated catalog (60 products, sized
 * ones among them) came in through the exchange:
 *
 * <ul>
 *   <li>a storefront order (OpenCart's own cart and checkout model, through the harness's test endpoint) of one plain
 *       product and one size reaches 1C through {@code type=sale} query with its number and lines, the size's line
 *       as {@code product#characteristic}; after {@code mode=success} the next query no longer has it; a status from
 *       1C ({@code POST /api/v1/orders/{id}/status}) reaches {@code oc_order} and {@code oc_order_history};</li>
 *   <li>{@code POST /api/v1/stock} by SKU (the message form with a decimal comma, the bare array, a repeated
 *       messageId, an unknown SKU) changes {@code oc_product.quantity} and price in the shop.</li>
 * </ul>
 */
class RealShopOrdersAndStockTest extends RealShopCatalogScenario {
  static final int SHIPPED = 5;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void storefrontOrderReaches1CAsCommerceMlAndTheStatusFrom1CReachesTheShop(String key) throws Exception {
    smallCatalog(key, 60, "storefront order → type=sale → status from 1C",
        new JsonObject().put("pollSeconds", 1).put("statusIds", new JsonArray().add(1)));

    // one plain product and one size of a sized product, with the ids the shop gave them
    ExpectedCatalog.Product plain = plainProduct(0);
    long plainId = snapshot.link("product", plain.id());
    ExpectedCatalog.Product sized = catalog.products.values().stream()
        .filter(p -> p.hasVariants() && p.singleKind() && p.variants().values().stream()
            .anyMatch(v -> v.quantity() >= 3)).findFirst().orElseThrow();
    long sizedId = snapshot.link("product", sized.id());
    ExpectedCatalog.Value size = sized.variants().values().stream()
        .filter(v -> v.quantity() >= 3).findFirst().orElseThrow();
    ShopSnapshot.OptionValueRow row = snapshot.optionValues.get(sizedId).stream()
        .filter(r -> size.value().equals(r.valueName())).findFirst().orElseThrow();

    JsonObject placed = timed("place the storefront order", () -> shop.placeOrder(List.of(
        RealShop.OrderLine.of(plainId, 1),
        new RealShop.OrderLine(sizedId, 2, Map.of(row.productOptionId(), row.productOptionValueId())))));
    long orderId = placed.getLong("order_id");
    System.out.println("[realshop] " + shop.key() + " order " + orderId + ": " + placed.encode());
    JsonArray lines = placed.getJsonArray("lines");
    assertEquals(2, lines.size(), "the shop's order lines: " + placed.encode());
    JsonObject sizedLine = lines.stream().map(JsonObject.class::cast)
        .filter(l -> l.getLong("product_id") == sizedId).findFirst().orElseThrow();
    assertTrue(sizedLine.getJsonArray("options", new JsonArray()).stream().map(JsonObject.class::cast)
        .anyMatch(o -> size.value().equals(o.getString("value"))), "the size is on the order line: " + sizedLine.encode());
    assertEquals(1L, shop.value("SELECT order_status_id FROM {p}order WHERE order_id = ?", orderId) instanceof Number n
        ? n.longValue() : -1L, "the order is placed with status 1");

    awaitBridgeHas(orderId);

    // type=sale as 1C: checkauth, init, query, success, query
    OneCExchangeClient sale = new OneCExchangeClient(exchangeUrl, "sale", true);
    assertEquals("success", sale.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    OneCExchangeClient.Reply init = sale.init();
    assertTrue(init.first().startsWith("zip="), init.text());
    OneCExchangeClient.Reply query = sale.call("query", "");
    assertEquals(200, query.status(), query.text());
    Map<String, List<String[]>> documents = documents(query.body());
    List<String[]> got = documents.get(Long.toString(orderId));
    assertNotNull(got, "mode=query lacks order " + orderId + "; it has " + documents.keySet() + ":\n"
        + clip(query.text(), 4000));
    Map<String, String> quantities = new LinkedHashMap<>();
    for (String[] l : got) quantities.put(l[0], l[1]);
    String variantId = sized.id() + "#" + size.characteristicId();
    assertEquals(1, new BigDecimal(quantities.getOrDefault(plain.id(), "-1")).intValue(),
        "the plain product's line Ид is its 1C Ид " + plain.id() + ", quantity 1: " + quantities);
    assertEquals(2, new BigDecimal(quantities.getOrDefault(variantId, "-1")).intValue(),
        "the size's line Ид is product#characteristic " + variantId + ", quantity 2: " + quantities);
    assertEquals("success", sale.call("success", "").first());
    OneCExchangeClient.Reply again = sale.call("query", "");
    assertFalse(documents(again.body()).containsKey(Long.toString(orderId)),
        "after mode=success the next query still offers order " + orderId);

    // a status from 1C reaches the shop: oc_order and a new oc_order_history row
    long historyBefore = shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ?", orderId);
    ApiClient.Answer status = api.postJson("/api/v1/orders/" + orderId + "/status",
        new JsonObject().put("status", Integer.toString(SHIPPED)).put("comment", "Отгружен из 1С (real-shop test)").encode());
    assertEquals(202, status.status(), status.body());
    boolean applied = timed("the status reaches the shop", () -> RealShop.await(Duration.ofSeconds(90), () ->
        shop.count("SELECT COUNT(*) FROM {p}order WHERE order_id = ? AND order_status_id = ?", orderId, SHIPPED) == 1
            && shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ? AND order_status_id = ?", orderId, SHIPPED) >= 1));
    assertTrue(applied, "oc_order / oc_order_history of order " + orderId + " never got status " + SHIPPED + ": "
        + shop.rows("SELECT order_status_id, comment, date_added FROM {p}order_history WHERE order_id = ?", orderId)
        + "; outbox " + api.get("/api/v1/outbox").body());
    assertEquals(historyBefore + 1, shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ?", orderId),
        "one new history row");
    Object comment = shop.value("SELECT comment FROM {p}order_history WHERE order_id = ? AND order_status_id = ?"
        + " ORDER BY order_history_id DESC LIMIT 1", orderId, SHIPPED);
    assertTrue(String.valueOf(comment).contains("Отгружен из 1С"), "the history row carries 1C's comment: " + comment);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void fastStockBySkuReachesTheShopsQuantityAndPrice(String key) throws Exception {
    smallCatalog(key, 60, "POST /api/v1/stock", null);
    ExpectedCatalog.Product a = plainProduct(0);
    ExpectedCatalog.Product b = plainProduct(1);
    long aId = snapshot.link("product", a.id());
    long bId = snapshot.link("product", b.id());
    String messageId = "realshop-" + System.nanoTime();
    String message = new JsonObject().put("messageId", messageId).put("items", new JsonArray()
        .add(new JsonObject().put("sku", a.sku()).put("qty", "4321,0").put("price", "99,90"))
        .add(new JsonObject().put("sku", "НЕТ-ТАКОГО-АРТИКУЛА").put("qty", 1))).encode();

    ApiClient.Answer first = timed("POST /api/v1/stock", () -> api.postJson("/api/v1/stock", message));
    assertEquals(200, first.status(), first.body());
    JsonObject result = first.json();
    assertEquals(1, result.getInteger("updated"), first.body());
    assertEquals(new JsonArray().add("НЕТ-ТАКОГО-АРТИКУЛА"), result.getJsonArray("unknown"), first.body());
    assertEquals(4321L, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", aId), "oc_product.quantity of " + a.sku());
    assertEquals(0, new BigDecimal("99.90").compareTo((BigDecimal) shop.value("SELECT price FROM {p}product WHERE product_id = ?", aId)),
        "oc_product.price of " + a.sku());

    ApiClient.Answer bare = api.postJson("/api/v1/stock", "[{\"sku\":\"" + b.sku() + "\",\"qty\":17}]");
    assertEquals(200, bare.status(), bare.body());
    assertEquals(17L, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", bId), "oc_product.quantity of " + b.sku());
    assertEquals(0, b.price().compareTo((BigDecimal) shop.value("SELECT price FROM {p}product WHERE product_id = ?", bId)),
        "a stock line without a price leaves the price alone");

    shop.execute("UPDATE {p}product SET quantity = 5 WHERE product_id = ?", aId);
    ApiClient.Answer repeated = api.postJson("/api/v1/stock", message);
    assertEquals(200, repeated.status(), repeated.body());
    assertEquals(Boolean.TRUE, repeated.json().getBoolean("duplicate"), repeated.body());
    assertEquals(5L, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", aId),
        "the same messageId twice is applied once");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void twoKindVariantsSellOrderAndTakeStockPerCombination(String key) throws Exception {
    smallCatalog(key, 60, "two-kind variants: order, offers change, stock per combination",
        new JsonObject().put("pollSeconds", 1).put("statusIds", new JsonArray().add(1)));
    List<ExpectedCatalog.Product> pairs = catalog.products.values().stream()
        .filter(p -> p.hasVariants() && !p.singleKind() && !p.source().deleted() && p.variants().size() >= 3
            && p.variants().values().stream().allMatch(v -> v.quantity() >= 1)).limit(2).toList();
    assertEquals(2, pairs.size(), "the generated catalog has sized and coloured products");
    ExpectedCatalog.Product pair = pairs.get(0);
    long pairId = snapshot.link("product", pair.id());
    List<ExpectedCatalog.Value> combos = List.copyOf(pair.variants().values());

    // 1. a storefront order of the second combination: OpenCart's cart charges 1C's price for it
    ExpectedCatalog.Value sold = combos.get(1);
    ShopSnapshot.OptionValueRow soldRow = row(pairId, sold.value());
    JsonObject placed = timed("place the storefront order", () -> shop.placeOrder(List.of(
        new RealShop.OrderLine(pairId, 1, Map.of(soldRow.productOptionId(), soldRow.productOptionValueId())))));
    long orderId = placed.getLong("order_id");
    JsonObject line = placed.getJsonArray("lines").getJsonObject(0);
    assertEquals(0, sold.price().compareTo(new BigDecimal(line.getValue("price").toString())),
        "the order line's price is 1C's price of " + sold.value() + ": " + line.encode());
    awaitBridgeHas(orderId);
    OneCExchangeClient sale = new OneCExchangeClient(exchangeUrl, "sale", true);
    assertEquals("success", sale.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    sale.init();
    OneCExchangeClient.Reply query = sale.call("query", "");
    List<String[]> got = documents(query.body()).get(Long.toString(orderId));
    assertNotNull(got, "mode=query lacks order " + orderId + ":\n" + clip(query.text(), 4000));
    String[] soldLine = got.stream().filter(l -> !"ORDER_DELIVERY".equals(l[0])).findFirst().orElseThrow();
    assertEquals(pair.id() + "#" + sold.characteristicId(), soldLine[0], "the line Ид is product#characteristic");
    assertEquals("Размер=" + sold.kinds().get("Размер") + "; Цвет=" + sold.kinds().get("Цвет"), soldLine[2],
        "the line carries the characteristic's values");

    // 2. 1C changes the stock of one combination of the other product: one line of one bulk stock call
    ExpectedCatalog.Product other = pairs.get(1);
    long otherId = snapshot.link("product", other.id());
    ExpectedCatalog.Value changed = other.variants().values().iterator().next();
    Path offers = work.resolve("1c/offers-one-change.xml");
    Files.writeString(offers, withStock(Files.readString(work.resolve("1c/offers.xml")),
        other.id() + "#" + changed.characteristicId(), 5));
    Exchange x = exchange("offers with one combination changed", List.of(Step.upload(offers, "offers.xml"),
        Step.importFile("offers.xml")));
    Problems p = new Problems();
    checkReplies(x, p);
    checkJobs(x, p, NO_ERRORS);
    JsonObject counts = x.job("offers.xml").getJsonObject("counts");
    p.equal(1L, counts.getLong("stockUpdates"), "stock lines sent", counts.encode());
    p.equal(0L, counts.getLong("updated", 0L), "option writes", counts.encode());
    p.equal(changed.quantity() + 5L, (long) row(otherId, changed.value()).quantity(), "combination quantity",
        other.name() + " (" + changed.value() + ") in oc_product_option_value");
    assertNoProblems(Map.of("offers change", p));

    // 3. POST /api/v1/stock by a characteristic's SKU, by product#characteristic with a price, by SKU + values
    ExpectedCatalog.Value a = combos.get(0);
    ExpectedCatalog.Value b = combos.get(1);
    ExpectedCatalog.Value c = combos.get(2);
    BigDecimal newPrice = pair.price().add(new BigDecimal("77.50"));
    String message = new JsonArray()
        .add(new JsonObject().put("sku", a.sku()).put("qty", 7))
        .add(new JsonObject().put("id", pair.id() + "#" + b.characteristicId()).put("price", newPrice.toPlainString()))
        .add(new JsonObject().put("sku", pair.sku()).put("characteristic", c.value()).put("qty", 0))
        .add(new JsonObject().put("sku", pair.sku()).put("characteristic", "99, фиолетовый").put("qty", 1)).encode();
    ApiClient.Answer answer = timed("POST /api/v1/stock by characteristic", () -> api.postJson("/api/v1/stock", message));
    assertEquals(200, answer.status(), answer.body());
    assertEquals(3, answer.json().getInteger("updated"), answer.body());
    assertEquals(new JsonArray().add(pair.sku() + " / 99, фиолетовый"), answer.json().getJsonArray("unknown"), answer.body());
    int expectedTotal = 0;
    for (ExpectedCatalog.Value v : combos) {
      ShopSnapshot.OptionValueRow r = row(pairId, v.value());
      // 1C's stock is the truth: the line for the product carries every combination's 1C quantity, so the one
      // sold in step 1 is 1C's figure again (1C subtracts it when it posts the order)
      int q = v == a ? 7 : v == c ? 0 : v.quantity();
      expectedTotal += q;
      assertEquals(q, r.quantity(), "oc_product_option_value.quantity of " + v.value());
      BigDecimal difference = (v == b ? newPrice : v.price()).subtract(pair.price());
      assertEquals(0, difference.compareTo(r.signedPrice()), "price difference of " + v.value() + ": " + r.prefix() + r.price());
    }
    assertEquals((long) expectedTotal, shop.count("SELECT quantity FROM {p}product WHERE product_id = ?", pairId),
        "oc_product.quantity is the sum of 1C's combinations");
    JsonObject quote = shop.quote(List.of(new RealShop.OrderLine(pairId, 1,
        Map.of(row(pairId, b.value()).productOptionId(), row(pairId, b.value()).productOptionValueId()))));
    assertEquals(0, newPrice.compareTo(new BigDecimal(quote.getJsonArray("lines").getJsonObject(0).getString("price"))),
        "the cart charges the new price of " + b.value() + ": " + quote.encode());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aCompanyOrderWithCustomFieldsReaches1CWithItsInnAndKpp(String key) throws Exception {
    smallCatalog(key, 60, "company order with custom fields → type=sale", new JsonObject().put("pollSeconds", 1)
        .put("statusIds", new JsonArray().add(1))
        .put("company", new JsonObject().put("customField", "ИНН"))
        .put("customFields", new JsonObject().put("inn", "ИНН").put("kpp", "КПП").put("company", "Организация")));
    // the shop owner's account custom fields, as the admin form creates them
    Map<String, Long> fields = new LinkedHashMap<>();
    for (String name : List.of("ИНН", "КПП", "Организация")) fields.put(name, customField(name));
    ExpectedCatalog.Product plain = plainProduct(0);
    long plainId = snapshot.link("product", plain.id());
    JsonObject customer = new JsonObject().put("firstname", "Анна").put("lastname", "Смирнова")
        .put("email", "buh@romashka.example").put("telephone", "+7 495 000-00-00")
        .put("custom_field", new JsonObject().put(Long.toString(fields.get("ИНН")), "7707083893")
            .put(Long.toString(fields.get("КПП")), "773601001")
            .put(Long.toString(fields.get("Организация")), "ООО «Ромашка»"));
    JsonArray lines = new JsonArray().add(new JsonObject().put("product_id", plainId).put("quantity", 1));
    JsonObject placed = timed("place the company order", () -> shop.placeOrder(new JsonObject().put("lines", lines)
        .put("order_status_id", 1).put("customer", customer)));
    long orderId = placed.getLong("order_id");
    Object stored = shop.value("SELECT custom_field FROM {p}order WHERE order_id = ?", orderId);
    assertTrue(String.valueOf(stored).contains("7707083893"), "oc_order.custom_field holds the ИНН: " + stored);
    awaitBridgeHas(orderId);

    OneCExchangeClient sale = new OneCExchangeClient(exchangeUrl, "sale", true);
    assertEquals("success", sale.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    sale.init();
    OneCExchangeClient.Reply query = sale.call("query", "");
    String xml = decoded(query.body());
    int at = xml.indexOf("<Номер>" + orderId + "</Номер>");
    assertTrue(at >= 0, "mode=query has order " + orderId + ":\n" + clip(xml, 4000));
    String document = xml.substring(xml.lastIndexOf("<Документ>", at), xml.indexOf("</Документ>", at));
    String buyer = document.substring(document.indexOf("<Контрагент>"), document.indexOf("</Контрагент>"));
    assertTrue(buyer.contains("<ИНН>7707083893</ИНН>"), "the buyer carries its ИНН:\n" + buyer);
    assertTrue(buyer.contains("<КПП>773601001</КПП>"), "the buyer carries its КПП:\n" + buyer);
    assertTrue(buyer.contains("ООО «Ромашка»"), "the buyer is the company:\n" + buyer);
  }

  /** Creates an account custom field (text, every customer group may fill it) and answers its id. */
  private long customField(String name) throws Exception {
    shop.execute("INSERT INTO {p}custom_field (type, value, validation, location, status, sort_order)"
        + " VALUES ('text', '', '', 'account', 1, 0)");
    long id = ((Number) shop.value("SELECT MAX(custom_field_id) FROM {p}custom_field")).longValue();
    shop.execute("INSERT INTO {p}custom_field_description (custom_field_id, language_id, name)"
        + " SELECT ?, language_id, ? FROM {p}language", id, name);
    shop.execute("INSERT INTO {p}custom_field_customer_group (custom_field_id, customer_group_id, required)"
        + " SELECT ?, customer_group_id, 0 FROM {p}customer_group", id);
    return id;
  }

  /** The answer's text in the charset its XML declaration names (windows-1251 unless it says UTF-8). */
  static String decoded(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
    boolean utf8 = head.toUpperCase(java.util.Locale.ROOT).contains("UTF-8");
    return new String(body, utf8 ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName("windows-1251"));
  }

  /** The bridge's poller takes the order in (orders.pollSeconds=1). */
  private void awaitBridgeHas(long orderId) throws Exception {
    boolean seen = timed("the bridge has the order", () -> RealShop.await(Duration.ofSeconds(90), () -> {
      try {
        return api.get("/api/v1/orders").json().getJsonArray("orders").stream().map(JsonObject.class::cast)
            .anyMatch(o -> o.getLong("id") == orderId);
      } catch (Exception e) {
        return false;
      }
    }));
    assertTrue(seen, "GET /api/v1/orders never listed order " + orderId + " (orders.pollSeconds=1)");
  }

  /** The shop's current row of a product's option value, by its text. */
  /** The offers file with one offer's stock in the first warehouse (and its Количество) raised by {@code more}. */
  static String withStock(String offersXml, String offerId, int more) {
    int at = offersXml.indexOf("<Ид>" + offerId + "</Ид>");
    assertTrue(at >= 0, "offer " + offerId + " is in the file");
    int end = offersXml.indexOf("</Предложение>", at);
    String offer = offersXml.substring(at, end);
    java.util.regex.Matcher total = java.util.regex.Pattern.compile("<Количество>(\\d+)</Количество>").matcher(offer);
    assertTrue(total.find());
    offer = total.replaceFirst("<Количество>" + (Integer.parseInt(total.group(1)) + more) + "</Количество>");
    java.util.regex.Matcher first = java.util.regex.Pattern.compile("КоличествоНаСкладе=\"(\\d+)\"").matcher(offer);
    assertTrue(first.find());
    offer = first.replaceFirst("КоличествоНаСкладе=\"" + (Integer.parseInt(first.group(1)) + more) + "\"");
    return offersXml.substring(0, at) + offer + offersXml.substring(end);
  }

  /** Документ Номер → its lines (Ид, Количество, "Размер=40; Цвет=белый"), from a type=sale query answer (any charset the XML declares). */
  static Map<String, List<String[]>> documents(byte[] body) throws Exception {
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    int start = 0;
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) start = 3;
    XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(body, start, body.length - start));
    List<String> path = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    String number = null;
    List<String[]> lines = null;
    String lineId = null;
    String lineQty = null;
    StringBuilder lineChars = new StringBuilder();
    String charName = null;
    while (r.hasNext()) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        path.add(r.getLocalName());
        text.setLength(0);
        if (r.getLocalName().equals("Документ")) {
          number = null;
          lines = new ArrayList<>();
        }
        if (r.getLocalName().equals("Товар")) {
          lineId = lineQty = null;
          lineChars.setLength(0);
        }
      } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
        text.append(r.getText());
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        String name = path.get(path.size() - 1);
        String parent = path.size() > 1 ? path.get(path.size() - 2) : "";
        String t = text.toString().trim();
        text.setLength(0);
        if (name.equals("Номер") && parent.equals("Документ")) number = t;
        if (parent.equals("Товар") && name.equals("Ид")) lineId = t;
        if (parent.equals("Товар") && name.equals("Количество")) lineQty = t;
        if (parent.equals("ХарактеристикаТовара") && name.equals("Наименование")) charName = t;
        if (parent.equals("ХарактеристикаТовара") && name.equals("Значение")) {
          lineChars.append(lineChars.length() == 0 ? "" : "; ").append(charName).append('=').append(t);
        }
        if (name.equals("Товар") && lines != null) lines.add(new String[] {lineId, lineQty, lineChars.toString()});
        if (name.equals("Документ") && number != null) out.put(number, lines);
        path.remove(path.size() - 1);
      }
    }
    return out;
  }
}
