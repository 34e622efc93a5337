package com.ocbridge.orders;

import static com.ocbridge.orders.VariantOrders.line;
import static com.ocbridge.orders.VariantOrders.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines whose option value the shop has removed (order_option keeps the text, the link is gone) get their
 * characteristic back from the catalog staging ({@code catalog_offer}, rows staged here with SQL): the stored order,
 * the {@code type=sale} query and the 1C push carry {@code product#characteristic}. No match, or two, leaves the line
 * product-only.
 */
class VariantLookupTest {
  static final String TWO_KINDS = "bd72d8f9-55bc-11d9-848a-000000000101";
  static final String NO_KINDS = "bd72d8f9-55bc-11d9-848a-000000000102";
  static final String TWINS = "bd72d8f9-55bc-11d9-848a-000000000103";
  static final String OTHER_SIZES = "bd72d8f9-55bc-11d9-848a-000000000104";
  static final String GONE = "bd72d8f9-55bc-11d9-848a-000000000105";
  static final String UNSTAGED = "bd72d8f9-55bc-11d9-848a-000000000106";

  @TempDir Path dataDir;

  private static String kinds(String... pairs) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < pairs.length; i += 2) a.add(new JsonObject().put("name", pairs[i]).put("value", pairs[i + 1]));
    return a.encode();
  }

  private static void offer(VariantOrders v, String product, String characteristic, String name, String kinds,
      boolean deleted) throws Exception {
    offer(v, product, characteristic, name, kinds, null, deleted);
  }

  private static void offer(VariantOrders v, String product, String characteristic, String name, String kinds,
      String sku, boolean deleted) throws Exception {
    v.h.sql("""
        INSERT INTO catalog_offer (offer_id, product_external_id, characteristic_id, name, characteristics, sku,
          deleted)
        VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7)""",
        product + (characteristic == null ? "" : "#" + characteristic), product, characteristic, name, kinds, sku,
        deleted);
  }

  private static String link(JsonObject stored, int line, int option) {
    return stored.getJsonArray("products").getJsonObject(line).getJsonArray("options").getJsonObject(option)
        .getString("product_option_value_external_id");
  }

  @Test
  void removedOptionValuesAreResolvedFromTheStagedOffers() throws Exception {
    try (VariantOrders v = new VariantOrders(dataDir)) {
      offer(v, TWO_KINDS, null, "Сапоги", null, false); // the plain offer is no characteristic
      offer(v, TWO_KINDS, "c-40-white", "Сапоги (40, белый)", kinds("Размер", "40", "Цвет", "белый"), false);
      offer(v, TWO_KINDS, "c-42-white", "Сапоги (42, белый)", kinds("Цвет", "белый", "Размер", "42"), false);
      // 1C recreated 40/белый: the deleted predecessor shows the same values, the live one wins
      offer(v, TWO_KINDS, "c-40-white-old", "Сапоги (40, белый)", kinds("Размер", "40", "Цвет", "белый"), true);
      offer(v, NO_KINDS, "c-38", "Ботфорты (38)", null, false); // UT 11: the variant only in the name
      offer(v, NO_KINDS, "c-39", "Ботфорты (39)", "[]", false);
      // two characteristics that read the same: the sync shows the second as "M (EK-2)"
      offer(v, TWINS, "c-a", "Шапка (M)", kinds("Размер", "M"), "EK-1", false);
      offer(v, TWINS, "c-b", "Шапка (M)", kinds("Размер", "M"), "EK-2", false);
      offer(v, OTHER_SIZES, "c-44", "Шарф (44)", kinds("Размер", "44"), false);
      offer(v, GONE, "c-gone", "Пальто (50)", kinds("Размер", "50"), true); // deleted in 1C, still what was sold

      v.place(1,
          line(10, 101, TWO_KINDS, option("Размер, Цвет", "40, белый", null)),
          // one option per kind: the constant colour keeps its derived id, the size's value was removed
          line(11, 101, TWO_KINDS, option("Цвет", "белый", "pv-0123456789abcdef"), option("Размер", "42", null)),
          line(12, 102, NO_KINDS, option("Вариант", "38", null)),
          line(13, 103, TWINS, option("Размер", "M", null)),
          line(14, 104, OTHER_SIZES, option("Размер", "46", null)),
          line(15, 105, GONE, option("Размер", "50", null)),
          line(16, 106, UNSTAGED, option("Размер", "40", null)),
          line(17, 107, null, option("Размер", "40", null))); // made in the shop: no 1C product to look in
      v.place(2, line(20, 102, NO_KINDS, option("Вариант", "39", null)),
          line(21, 101, TWO_KINDS, option("Размер, Цвет", "40, белый", "kept#c-as-linked")),
          line(22, 103, TWINS, option("Размер", "M (EK-2)", null)));
      v.h.poll();

      JsonObject one = v.stored(1);
      assertEquals(TWO_KINDS + "#c-40-white", link(one, 0, 0));
      assertEquals("pv-0123456789abcdef", link(one, 1, 0), "a derived id stays as it was");
      assertEquals(TWO_KINDS + "#c-42-white", link(one, 1, 1));
      assertEquals(NO_KINDS + "#c-38", link(one, 2, 0));
      assertNull(link(one, 3, 0), "two characteristics show M: no guess");
      assertNull(link(one, 4, 0), "none shows 46");
      assertEquals(GONE + "#c-gone", link(one, 5, 0));
      assertNull(link(one, 6, 0));
      assertNull(link(one, 7, 0));
      JsonObject two = v.stored(2);
      assertEquals(NO_KINDS + "#c-39", link(two, 0, 0));
      assertEquals("kept#c-as-linked", link(two, 1, 0), "a line still linked is left alone");
      assertEquals(TWINS + "#c-b", link(two, 2, 0), "told apart by the SKU the sync appended");

      List<OrderDocument> docs = v.h.read(v.h.sale(true).call("query", ""));
      assertEquals(List.of(1L, 2L), OrdersHarness.ids(docs));
      assertEquals(List.of(TWO_KINDS + "#c-40-white", TWO_KINDS + "#c-42-white", NO_KINDS + "#c-38", TWINS,
          OTHER_SIZES, GONE + "#c-gone", UNSTAGED, "oc-product-107"),
          docs.get(0).lines().stream().filter(l -> !l.isService()).map(OrderLine::id).toList());
      assertEquals(List.of(NO_KINDS + "#c-39", TWO_KINDS + "#c-as-linked", TWINS + "#c-b"),
          docs.get(1).lines().stream().filter(l -> !l.isService()).map(OrderLine::id).toList());

      JsonArray items = v.pushes(2).get("1").getJsonArray("items");
      assertEquals("c-40-white", items.getJsonObject(0).getString("onecVariantId"));
      assertEquals("c-42-white", items.getJsonObject(1).getString("onecVariantId"));
      assertNull(items.getJsonObject(3).getString("onecVariantId"));
    }
  }

  @Test
  void matchingComparesMultisetsOfValues() {
    List<VariantLookup.Offer> offers = List.of(
        new VariantLookup.Offer("a", VariantLookup.parts(List.of("40", "белый")), "EK-40", false),
        new VariantLookup.Offer("b", VariantLookup.parts(List.of("40", "40")), null, false),
        new VariantLookup.Offer("c", VariantLookup.parts(List.of("42")), null, true),
        new VariantLookup.Offer("d", VariantLookup.parts(List.of("40", "белый")), "EK-41", true));
    assertEquals("a", VariantLookup.match(List.of("белый, 40"), offers), "order does not matter; live before deleted");
    assertEquals("a", VariantLookup.match(List.of("белый", "40"), offers));
    assertEquals("b", VariantLookup.match(List.of("40, 40"), offers), "a multiset, not a set");
    assertNull(VariantLookup.match(List.of("40"), offers));
    assertEquals("c", VariantLookup.match(List.of("42"), offers));
    assertEquals("d", VariantLookup.match(List.of("40, белый (EK-41)"), offers));
    assertNull(VariantLookup.match(List.of("40, белый (EK-99)"), offers));
    assertNull(VariantLookup.match(List.of(), offers));
    assertEquals(List.of("38"), VariantLookup.offerValues("Сапоги (зимние) (38)", null, "x"));
    assertEquals(List.of("40", "белый"), VariantLookup.offerValues("Сапоги (40, белый)", new JsonArray(), "x"));
    assertEquals(List.of("Сапоги"), VariantLookup.offerValues("Сапоги", null, "x"));
    assertEquals(List.of("x"), VariantLookup.offerValues(null, null, "x"));
  }
}
