package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mode=query} answer in both response charsets, for an old client (2.05, bare documents) and a 3.1 client
 * (Контейнер, BOM for UTF-8), read back through the real reader and compared field by field with the orders as
 * the shop served them (the contract JSON, not our own mapping).
 */
class QueryOutputTest {
  @TempDir Path dataDir;

  @Test
  void windows1251() throws Exception {
    check("windows-1251");
  }

  @Test
  void utf8() throws Exception {
    check("UTF-8");
  }

  private void check(String charset) throws Exception {
    try (OrdersHarness h = new OrdersHarness(dataDir, charset)) {
      for (long id = 1; id <= 42; id++) h.book.place(id, (int) (id % 2) + 1);
      h.poll();
      for (boolean modern : List.of(false, true)) {
        OneCExchangeClient c = h.sale(modern);
        OneCExchangeClient.Reply reply = c.call("query", "");
        assertEquals("application/xml; charset=" + charset, reply.contentType());
        OrdersHarness.Read read = h.read(reply.body());
        assertEquals(modern ? "3.1" : "2.05", read.summary().schemaVersion());
        String text = new String(reply.body(), reply.charset());
        assertTrue(text.contains("encoding=\"" + charset + "\""), "prolog names the charset");
        assertEquals(modern, text.contains("<Контейнер>"));
        assertEquals(charset.equals("UTF-8"), reply.body()[0] == (byte) 0xEF, "BOM only for UTF-8");
        assertEquals(42, read.documents().size());
        for (OrderDocument d : read.documents()) {
          matches(h.book.get(Long.parseLong(d.id())), d);
        }
        // not confirmed: the 3.1 client gets the same orders
      }
    }
  }

  /** One document against the shop's order, field by field. */
  private static void matches(JsonObject o, OrderDocument d) {
    String id = o.getLong("order_id").toString();
    assertEquals(id, d.number());
    OffsetDateTime added = OffsetDateTime.parse(o.getString("date_added"));
    assertEquals(added.toLocalDate(), d.date());
    assertEquals(added.toLocalTime(), d.time());
    assertEquals("RUB", d.currency());
    assertEquals(0, new BigDecimal(o.getString("total")).compareTo(d.sum()), id);
    String comment = o.getString("comment");
    if (comment.isEmpty()) assertNull(d.comment()); else assertEquals(comment, d.comment(), "₽ survives windows-1251");

    JsonObject customer = o.getJsonObject("customer");
    Counterparty buyer = d.counterparties().get(0);
    assertEquals(customer.getString("lastname"), buyer.lastName());
    assertEquals(customer.getString("firstname"), buyer.firstName());
    assertEquals("Покупатель", buyer.role());
    assertEquals(customer.getLong("customer_id") == 0 ? "oc-guest-" + id : "oc-customer-" + customer.getLong("customer_id"),
        buyer.id());
    assertEquals(List.of(new Contact("Почта", customer.getString("email")),
        new Contact("Телефон рабочий", customer.getString("telephone"))), buyer.contacts());
    assertTrue(buyer.address().contains(o.getJsonObject("payment_address").getString("address_1")), buyer.address());

    JsonArray products = o.getJsonArray("products");
    boolean shipping = o.getValue("shipping_method") != null;
    assertEquals(products.size() + (shipping ? 1 : 0), d.lines().size());
    for (int i = 0; i < products.size(); i++) {
      JsonObject p = products.getJsonObject(i);
      OrderLine l = d.lines().get(i);
      String ext = p.getString("external_id");
      String product = ext != null ? ext : "oc-product-" + p.getLong("product_id");
      JsonArray options = p.getJsonArray("options");
      // the product's variant is linked by its 1C offer Ид, "product#characteristic": the line is that offer
      String variant = options.isEmpty() ? null : options.getJsonObject(0).getString("product_option_value_external_id");
      String characteristic = variant == null ? null : variant.substring(variant.indexOf('#') + 1);
      assertEquals(characteristic == null ? product : product + "#" + characteristic, l.id());
      assertEquals(p.getString("sku").isEmpty() ? p.getString("model") : p.getString("sku"), l.sku());
      String name = p.getString("name");
      assertEquals(options.isEmpty() ? name : name + " (" + options.getJsonObject(0).getString("value") + ")", l.name());
      BigDecimal unit = new BigDecimal(p.getString("price")).add(new BigDecimal(p.getString("tax")));
      assertEquals(0, unit.compareTo(l.price()));
      assertEquals(0, BigDecimal.valueOf(p.getInteger("quantity")).compareTo(l.quantity()));
      assertEquals(0, unit.multiply(BigDecimal.valueOf(p.getInteger("quantity"))).compareTo(l.sum()));
      assertEquals("796", l.unit().code());
    }
    if (shipping) {
      OrderLine delivery = d.lines().get(products.size());
      assertEquals(OrderLine.DELIVERY_ID, delivery.id());
      assertTrue(delivery.isService());
      assertEquals(0, new BigDecimal("350").compareTo(delivery.price()));
      assertEquals(o.getJsonObject("shipping_method").getString("code"), d.requisite("Метод доставки ИД"));
    }
    assertEquals(o.getJsonObject("payment_method").getString("name"), d.paymentMethod());
    assertEquals(o.getJsonObject("payment_method").getString("code"), d.requisite("Метод оплаты ИД"));
    assertEquals(o.getInteger("order_status_id").toString(), d.statusId());
    assertEquals("[" + o.getInteger("order_status_id") + "] " + o.getString("order_status"), d.statusName());
    assertEquals(Boolean.FALSE, d.cancelled());
  }

}
