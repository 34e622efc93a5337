package com.ocbridge.realshop;

import com.ocbridge.testing.RealShop;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a buyer gets, asked of OpenCart's own storefront code (the harness's test endpoint, {@link RealShop#quote}):
 * for every product with characteristics, the options the catalog model gives the product page must be exactly
 * one required option whose values are 1C's combinations (so no other combination can be chosen), and the cart must
 * price each combination at 1C's price for that characteristic, with 1C's quantity and a stock check that agrees.
 */
final class StorefrontCheck {
  private static final int LINES_PER_REQUEST = 250;

  private StorefrontCheck() {}

  /** Checks every combination; returns how many were priced through the cart. */
  static int check(ExpectedCatalog expected, ShopSnapshot shop, RealShop realShop, Problems p) {
    List<RealShop.OrderLine> lines = new ArrayList<>();
    List<ExpectedCatalog.Value> wanted = new ArrayList<>();
    List<String> whose = new ArrayList<>();
    Map<Long, ExpectedCatalog.Product> byShopId = new LinkedHashMap<>();
    for (ExpectedCatalog.Product e : expected.products.values()) {
      if (!e.hasVariants() || e.source().deleted()) continue;
      Long id = shop.link("product", e.id());
      if (id == null) {
        p.add("storefront", "product " + e.id() + " is not linked in the shop");
        continue;
      }
      byShopId.put(id, e);
      Map<String, long[]> values = valueIds(shop, id);
      for (ExpectedCatalog.Value v : e.variants().values()) {
        long[] ids = values.get(v.value());
        if (ids == null) continue; // CatalogCheck reports the missing value
        lines.add(new RealShop.OrderLine(id, 1, Map.of(ids[0], ids[1])));
        wanted.add(v);
        whose.add(e.name() + " (" + v.value() + ")");
      }
    }
    Map<Long, JsonArray> storefront = new LinkedHashMap<>();
    for (int from = 0; from < lines.size(); from += LINES_PER_REQUEST) {
      int to = Math.min(lines.size(), from + LINES_PER_REQUEST);
      JsonObject answer = realShop.quote(lines.subList(from, to));
      JsonArray quoted = answer.getJsonArray("lines");
      for (int i = 0; i < quoted.size(); i++) {
        JsonObject q = quoted.getJsonObject(i);
        ExpectedCatalog.Value v = wanted.get(from + i);
        String who = whose.get(from + i);
        p.check(v.price() != null && new BigDecimal(q.getString("price")).compareTo(v.price()) == 0, "cart price",
            () -> who + ": 1C's price " + v.price() + ", the cart charges " + q.getString("price"));
        p.check(q.getBoolean("stock") == (v.quantity() >= 1), "cart stock",
            () -> who + ": 1C has " + v.quantity() + ", the cart says stock=" + q.getBoolean("stock"));
      }
      answer.getJsonObject("storefront").forEach(e -> storefront.put(Long.parseLong(e.getKey()), (JsonArray) e.getValue()));
    }
    storefront.forEach((id, options) -> pageOptions(byShopId.get(id), options, p));
    return lines.size();
  }

  /** The product page's options: one, required, its values 1C's combinations with 1C's quantities. */
  private static void pageOptions(ExpectedCatalog.Product e, JsonArray options, Problems p) {
    String who = e.name();
    p.equal(1, options.size(), "storefront options", who + " " + options.encode());
    if (options.isEmpty()) return;
    JsonObject option = options.getJsonObject(0);
    p.equal(e.option(), option.getString("name"), "storefront option name", who);
    p.check(option.getBoolean("required"), "storefront option required", () -> who + ": the option is not required,"
        + " so the product could be bought without a combination");
    Map<String, Integer> quantities = new LinkedHashMap<>();
    option.getJsonArray("values").forEach(o -> quantities.put(((JsonObject) o).getString("name"),
        ((JsonObject) o).getInteger("quantity")));
    p.equal(new TreeSet<>(e.variants().keySet()), new TreeSet<>(quantities.keySet()), "storefront combinations", who);
    e.variants().forEach((text, v) -> {
      Integer q = quantities.get(text);
      if (q != null) p.equal(v.quantity(), q, "storefront quantity", who + " (" + text + ")");
    });
  }

  /** Value text → [product_option_id, product_option_value_id] in the shop's tables. */
  private static Map<String, long[]> valueIds(ShopSnapshot shop, long productId) {
    Map<String, long[]> map = new LinkedHashMap<>();
    for (ShopSnapshot.OptionValueRow r : shop.optionValues.getOrDefault(productId, List.of())) {
      map.put(r.valueName(), new long[] {r.productOptionId(), r.productOptionValueId()});
    }
    return map;
  }
}
