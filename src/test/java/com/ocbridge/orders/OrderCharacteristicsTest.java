package com.ocbridge.orders;

import static com.ocbridge.orders.VariantOrders.line;
import static com.ocbridge.orders.VariantOrders.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.opencart.model.OrderLineOption;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variant line carries its characteristic twice: the {@code product#characteristic} Ид and the chosen kinds and
 * values ({@code ХарактеристикиТовара} in the query document, {@code characteristics} in the 1C push), whether the
 * catalog sync made one option of all kinds ("Размер, Цвет" = "40, белый") or one option per kind.
 */
class OrderCharacteristicsTest {
  static final String BOOTS = "bd72d8f9-55bc-11d9-848a-000000000041";
  static final String HAT = "bd72d8f9-55bc-11d9-848a-000000000042";
  static final String SCARF = "bd72d8f9-55bc-11d9-848a-000000000043";
  static final List<Characteristic> SIZE_WHITE = List.of(new Characteristic("Размер", "40"),
      new Characteristic("Цвет", "белый"));

  @TempDir Path dataDir;

  @Test
  void theQueryDocumentAndThePushCarryTheCharacteristic() throws Exception {
    try (VariantOrders v = new VariantOrders(dataDir)) {
      v.place(1,
          // one option of all kinds, as the sync makes it now
          line(11, 41, BOOTS, option("Размер, Цвет", "40, белый", "AbC#char-guid")),
          // one option per kind: the constant colour is a derived "pv-" value, the size names the characteristic
          line(12, 42, HAT, option("Цвет", "белый", "pv-0123456789abcdef"), option("Размер", "40", "x#char")),
          line(13, 43, SCARF));
      v.h.poll();

      OneCExchangeClient c = v.h.sale(false);
      OneCExchangeClient.Reply reply = c.call("query", "");
      List<OrderDocument> docs = v.h.read(reply);
      assertEquals(1, docs.size());
      List<OrderLine> lines = docs.get(0).lines();
      assertEquals(BOOTS + "#char-guid", lines.get(0).id());
      assertEquals(SIZE_WHITE, lines.get(0).characteristics());
      assertEquals(HAT + "#char", lines.get(1).id(), "the pv- option in front does not hide the characteristic");
      assertEquals(List.of(new Characteristic("Цвет", "белый"), new Characteristic("Размер", "40")),
          lines.get(1).characteristics());
      assertEquals(SCARF, lines.get(2).id());
      assertEquals(List.of(), lines.get(2).characteristics());
      String xml = new String(reply.body(), reply.charset());
      assertTrue(xml.contains("<ХарактеристикаТовара>\n\t\t\t\t\t\t<Наименование>Размер</Наименование>\n"
          + "\t\t\t\t\t\t<Значение>40</Значение>"), xml);

      JsonObject push = v.pushes(1).get("1");
      JsonArray items = push.getJsonArray("items");
      assertEquals(3, items.size());
      assertEquals(BOOTS, items.getJsonObject(0).getString("onecProductId"));
      assertEquals("char-guid", items.getJsonObject(0).getString("onecVariantId"));
      assertEquals(new JsonArray().add(new JsonObject().put("name", "Размер").put("value", "40"))
          .add(new JsonObject().put("name", "Цвет").put("value", "белый")),
          items.getJsonObject(0).getJsonArray("characteristics"));
      assertEquals("char", items.getJsonObject(1).getString("onecVariantId"));
      assertEquals(new JsonArray().add(new JsonObject().put("name", "Цвет").put("value", "белый"))
          .add(new JsonObject().put("name", "Размер").put("value", "40")),
          items.getJsonObject(1).getJsonArray("characteristics"));
      assertNull(items.getJsonObject(2).getValue("onecVariantId"));
      assertFalse(items.getJsonObject(2).containsKey("characteristics"),
          "left out when empty: payloads queued before the field existed hash the same");
    }
  }

  private static com.ocbridge.opencart.model.OrderLine shopLine(OrderLineOption... options) {
    return new com.ocbridge.opencart.model.OrderLine(1, 41, 0L, BOOTS, "Сапоги", "M", "A", 1, null, null, null, 0,
        Arrays.asList(options));
  }

  private static OrderLineOption opt(String name, String value, String link) {
    return new OrderLineOption(7L, 30L, name, value, "select", null, link);
  }

  @Test
  void characteristicIdSkipsDerivedAndBlankLinks() {
    assertEquals("char", OrderDocuments.characteristicId(shopLine(opt("Цвет", "белый", "pv-1"),
        opt("Вкус", "мята", " "), opt("Размер", "40", "x#char"), opt("Рост", "3", "y#other"))));
    assertEquals("bare-guid", OrderDocuments.characteristicId(shopLine(opt("Размер", "40", "bare-guid"))));
    assertNull(OrderDocuments.characteristicId(shopLine(opt("Цвет", "белый", "pv-1"), opt("Размер", "40", null))));
    assertNull(OrderDocuments.characteristicId(shopLine()));
  }

  @Test
  void optionsSplitIntoKindsOnlyWhenNameAndValueHaveAsManyParts() {
    assertEquals(SIZE_WHITE, OrderDocuments.characteristics(shopLine(opt("Размер, Цвет", "40, белый", null))));
    assertEquals(List.of(new Characteristic("Размер", "40"), new Characteristic("Цвет", "белый"),
            new Characteristic("Вариант", "38")),
        OrderDocuments.characteristics(shopLine(opt("Размер", "40", "pv-1"), opt("Цвет", "белый", "x#c"),
            opt("Вариант", "38", null))));
    // a value with a comma of its own under one kind is one characteristic as it stands
    assertEquals(List.of(new Characteristic("Цвет", "красный, синий")),
        OrderDocuments.characteristics(shopLine(opt("Цвет", "красный, синий", null))));
    assertEquals(List.of(new Characteristic("Размер, Цвет", "40, красный, синий")),
        OrderDocuments.characteristics(shopLine(opt("Размер, Цвет", "40, красный, синий", null))));
    // blank options say nothing
    assertEquals(List.of(), OrderDocuments.characteristics(shopLine(opt("Гравировка", "", null),
        opt(null, "x", null))));
  }
}
