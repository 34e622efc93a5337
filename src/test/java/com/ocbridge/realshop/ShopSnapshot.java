package com.ocbridge.realshop;

import com.ocbridge.testing.RealShop;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog as the shop's own MariaDB tables hold it, read in a few whole-table queries: products (with the SKU from
 * {@code oc_product_code} on 4.x, {@code oc_product.sku} on 3.x), names in one language, categories, images,
 * option values, attributes, manufacturers, and the bridge's link table {@code oc_ocbridge_link}.
 */
final class ShopSnapshot {
  record ProductRow(long id, String model, String sku, BigDecimal price, int quantity, int status, String image,
      long manufacturerId, String name) {}

  record CategoryRow(long id, long parentId, int status, String name) {}

  record OptionValueRow(long productOptionValueId, long productOptionId, long productId, long optionId, long optionValueId,
      int quantity, BigDecimal price, String prefix, String optionName, String valueName) {
    BigDecimal signedPrice() {
      return "-".equals(prefix) ? price.negate() : price;
    }
  }

  record ImageRow(String image, int sortOrder) {}

  final Map<String, Map<String, Long>> links = new HashMap<>();
  final Map<Long, ProductRow> products = new LinkedHashMap<>();
  final Map<Long, List<String>> skus = new HashMap<>();
  final Map<Long, CategoryRow> categories = new LinkedHashMap<>();
  final Map<Long, Set<Long>> productCategories = new HashMap<>();
  final Map<Long, Set<Long>> productStores = new HashMap<>();
  final Map<Long, List<ImageRow>> images = new HashMap<>();
  final Map<Long, List<OptionValueRow>> optionValues = new HashMap<>();
  final Map<Long, Map<String, String>> attributes = new HashMap<>();
  final Map<Long, String> manufacturers = new HashMap<>();

  static ShopSnapshot read(RealShop shop, String language) throws Exception {
    ShopSnapshot s = new ShopSnapshot();
    long lang = shop.languageId(language);
    boolean codes = shop.hasTable("product_code") && !shop.hasColumn("product", "sku");
    try (Connection c = shop.jdbc()) {
      for (Map<String, Object> r : shop.rows(c, "SELECT entity, external_id, entity_id FROM {p}ocbridge_link")) {
        s.links.computeIfAbsent(str(r, "entity"), k -> new HashMap<>()).put(str(r, "external_id"), num(r, "entity_id"));
      }
      String skuColumn = codes ? "NULL" : "p.sku";
      for (Map<String, Object> r : shop.rows(c, "SELECT p.product_id, p.model, " + skuColumn + " AS sku, p.price, p.quantity,"
          + " p.status, p.image, p.manufacturer_id, d.name FROM {p}product p LEFT JOIN {p}product_description d"
          + " ON d.product_id = p.product_id AND d.language_id = ? ORDER BY p.product_id", lang)) {
        long id = num(r, "product_id");
        s.products.put(id, new ProductRow(id, Html.decode(str(r, "model")), Html.decode(str(r, "sku")), dec(r, "price"),
            (int) num(r, "quantity"), (int) num(r, "status"), str(r, "image"), num(r, "manufacturer_id"),
            Html.decode(str(r, "name"))));
        if (!codes) s.skus.computeIfAbsent(id, k -> new ArrayList<>()).add(Html.decode(str(r, "sku")));
      }
      if (codes) {
        for (Map<String, Object> r : shop.rows(c, "SELECT product_id, value FROM {p}product_code WHERE code = 'SKU'"
            + " ORDER BY product_code_id")) {
          s.skus.computeIfAbsent(num(r, "product_id"), k -> new ArrayList<>()).add(Html.decode(str(r, "value")));
        }
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT c.category_id, c.parent_id, c.status, d.name FROM {p}category c"
          + " LEFT JOIN {p}category_description d ON d.category_id = c.category_id AND d.language_id = ?", lang)) {
        long id = num(r, "category_id");
        s.categories.put(id, new CategoryRow(id, num(r, "parent_id"), (int) num(r, "status"), Html.decode(str(r, "name"))));
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT product_id, category_id FROM {p}product_to_category")) {
        s.productCategories.computeIfAbsent(num(r, "product_id"), k -> new TreeSet<>()).add(num(r, "category_id"));
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT product_id, store_id FROM {p}product_to_store")) {
        s.productStores.computeIfAbsent(num(r, "product_id"), k -> new TreeSet<>()).add(num(r, "store_id"));
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT product_id, image, sort_order FROM {p}product_image"
          + " ORDER BY product_id, sort_order, product_image_id")) {
        s.images.computeIfAbsent(num(r, "product_id"), k -> new ArrayList<>())
            .add(new ImageRow(str(r, "image"), (int) num(r, "sort_order")));
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT pov.product_option_value_id, pov.product_option_id, pov.product_id,"
          + " pov.option_id, pov.option_value_id, pov.quantity, pov.price, pov.price_prefix, od.name AS option_name,"
          + " ovd.name AS value_name FROM {p}product_option_value pov"
          + " LEFT JOIN {p}option_description od ON od.option_id = pov.option_id AND od.language_id = ?"
          + " LEFT JOIN {p}option_value_description ovd ON ovd.option_value_id = pov.option_value_id AND ovd.language_id = ?"
          + " ORDER BY pov.product_option_value_id", lang, lang)) {
        s.optionValues.computeIfAbsent(num(r, "product_id"), k -> new ArrayList<>()).add(new OptionValueRow(
            num(r, "product_option_value_id"), num(r, "product_option_id"), num(r, "product_id"), num(r, "option_id"),
            num(r, "option_value_id"), (int) num(r, "quantity"), dec(r, "price"), str(r, "price_prefix"),
            Html.decode(str(r, "option_name")), Html.decode(str(r, "value_name"))));
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT pa.product_id, ad.name, pa.text FROM {p}product_attribute pa"
          + " LEFT JOIN {p}attribute_description ad ON ad.attribute_id = pa.attribute_id AND ad.language_id = pa.language_id"
          + " WHERE pa.language_id = ?", lang)) {
        s.attributes.computeIfAbsent(num(r, "product_id"), k -> new LinkedHashMap<>())
            .put(Html.decode(str(r, "name")), Html.decode(str(r, "text")));
      }
      for (Map<String, Object> r : shop.rows(c, "SELECT manufacturer_id, name FROM {p}manufacturer")) {
        s.manufacturers.put(num(r, "manufacturer_id"), Html.decode(str(r, "name")));
      }
    }
    return s;
  }

  Long link(String entity, String externalId) {
    return links.getOrDefault(entity, Map.of()).get(externalId);
  }

  private static String str(Map<String, Object> r, String column) {
    Object v = r.get(column);
    return v == null ? null : v.toString();
  }

  private static long num(Map<String, Object> r, String column) {
    Object v = r.get(column);
    if (v == null) return 0;
    if (v instanceof Number n) return n.longValue();
    if (v instanceof Boolean b) return b ? 1 : 0;
    return Long.parseLong(v.toString());
  }

  private static BigDecimal dec(Map<String, Object> r, String column) {
    Object v = r.get(column);
    return v == null ? null : new BigDecimal(v.toString());
  }

  /** OpenCart keeps texts HTML-escaped (htmlspecialchars); the tests compare the text a person sees. */
  static final class Html {
    static String decode(String s) {
      if (s == null || s.indexOf('&') < 0) return s;
      return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'")
          .replace("&#39;", "'").replace("&amp;", "&");
    }
  }
}
