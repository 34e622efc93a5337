package com.ocbridge.realshop;

import com.ocbridge.testing.RealShop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the CommerceML files say ({@link ExpectedCatalog}) with the shop's own tables ({@link ShopSnapshot}),
 * product by product, recording every difference in {@link Problems}.
 */
final class CatalogCheck {
  /**
   * What else to compare: manufacturers and attributes (the generated catalog has them), pictures (1C path → the file
   * 1C uploaded; its bytes must be what the shop serves).
   */
  record Options(boolean manufacturers, boolean attributes, Map<String, Path> pictures) {
    static Options basic() {
      return new Options(false, false, null);
    }
  }

  private CatalogCheck() {}

  /**
   * {@code before}: the shop right after its reset. Its own products (OpenCart's demo data, which a fresh install has)
   * must come out of the exchange exactly as they were, and beside them there must be exactly the catalog's products.
   */
  static void check(ExpectedCatalog expected, ShopSnapshot shop, ShopSnapshot before, RealShop realShop, Options options,
      Problems p) {
    // groups → categories, with their parents
    for (CmlFacts.Group g : expected.facts.groups.values()) {
      Long id = shop.link("category", g.id());
      if (id == null) {
        p.add("missing category", g.id() + " \"" + g.name() + "\"");
        continue;
      }
      ShopSnapshot.CategoryRow row = shop.categories.get(id);
      if (row == null) {
        p.add("category link to a missing row", g.id() + " → category_id " + id);
        continue;
      }
      p.equal(g.name(), row.name(), "category name", "category " + g.id());
      Long parent = g.parentId() == null ? Long.valueOf(0) : shop.link("category", g.parentId());
      p.equal(parent, row.parentId(), "category parent", "category " + g.id() + " \"" + g.name() + "\" parent_id");
    }

    // exactly the catalog's products beside the shop's own: none lost, none twice
    int linked = shop.links.getOrDefault("product", Map.of()).size();
    int own = before.products.size();
    int ownLinked = before.links.getOrDefault("product", Map.of()).size();
    p.equal(own + expected.products.size(), shop.products.size(), "product count",
        "rows in oc_product (" + own + " of the fresh shop + " + expected.products.size() + " of the catalog)");
    p.equal(ownLinked + expected.products.size(), linked, "product count", "product links in oc_ocbridge_link");
    for (ShopSnapshot.ProductRow mine : before.products.values()) {
      p.equal(mine, shop.products.get(mine.id()), "the shop's own products changed", "product_id " + mine.id());
    }

    for (ExpectedCatalog.Product e : expected.products.values()) {
      String who = e.id() + " \"" + e.name() + "\"";
      Long id = shop.link("product", e.id());
      if (id == null) {
        p.add("missing product", who);
        continue;
      }
      ShopSnapshot.ProductRow row = shop.products.get(id);
      if (row == null) {
        p.add("product link to a missing row", who + " → product_id " + id);
        continue;
      }
      who = who + " (product_id " + id + ")";
      p.equal(e.name(), row.name(), "name", who);
      p.equal(List.of(e.sku()), shop.skus.getOrDefault(id, List.of()), "sku", who);
      p.equal(e.sku(), row.model(), "model", who);
      p.check(row.price() != null && row.price().compareTo(e.price()) == 0, "price",
          () -> "expected " + e.price().toPlainString() + ", shop has " + row.price() + ": " + e.id() + " \"" + e.name() + "\"");
      p.equal(e.quantity(), row.quantity(), "quantity", who);
      p.equal(!e.source().deleted() && e.hasOffers() ? 1 : 0, row.status(), "status (shown once its offer came)", who);
      Set<Long> categories = new TreeSet<>();
      for (String g : e.source().groupIds()) {
        Long c = shop.link("category", g);
        if (c != null) categories.add(c);
      }
      p.equal(categories, shop.productCategories.getOrDefault(id, Set.of()), "categories", who);
      p.check(shop.productStores.getOrDefault(id, Set.of()).contains(0L), "store", () -> "not in store 0: " + e.id());
      if (options.manufacturers()) {
        String m = e.source().manufacturer();
        String actual = row.manufacturerId() == 0 ? null : shop.manufacturers.get(row.manufacturerId());
        p.equal(m, actual, "manufacturer", who);
      }
      if (options.attributes()) {
        p.equal(e.attributes(), shop.attributes.getOrDefault(id, Map.of()), "attributes", who);
      }
      if (options.pictures() != null) images(e, row, shop, realShop, options.pictures(), p, who);
      options(e, shop.optionValues.getOrDefault(id, List.of()), p, who);
    }
  }

  private static void images(ExpectedCatalog.Product e, ShopSnapshot.ProductRow row, ShopSnapshot shop, RealShop realShop,
      Map<String, Path> pictures, Problems p, String who) {
    List<String> sources = e.source().pictures();
    List<ShopSnapshot.ImageRow> extra = shop.images.getOrDefault(row.id(), List.of());
    if (sources.isEmpty()) {
      p.check(row.image() == null || row.image().isEmpty(), "image", () -> "a product without pictures has image "
          + row.image() + ": " + who);
      p.check(extra.isEmpty(), "image", () -> "a product without pictures has oc_product_image rows " + extra + ": " + who);
      return;
    }
    if (row.image() == null || row.image().isEmpty()) {
      p.add("image", "no main image (oc_product.image empty): " + who);
    } else {
      sameFile(realShop, row.image(), pictures.get(sources.get(0)), p, "main image of " + who);
    }
    p.equal(sources.size() - 1, extra.size(), "image", "oc_product_image rows of " + who);
    for (int i = 1; i < sources.size() && i - 1 < extra.size(); i++) {
      ShopSnapshot.ImageRow r = extra.get(i - 1);
      p.equal(i, r.sortOrder(), "image", "sort_order of extra image " + i + " of " + who);
      sameFile(realShop, r.image(), pictures.get(sources.get(i)), p, "extra image " + i + " of " + who);
    }
  }

  private static void sameFile(RealShop shop, String shopPath, Path source, Problems p, String what) {
    Path file = shop.imageDir().resolve(shopPath);
    if (!Files.isRegularFile(file)) {
      p.add("image file", what + ": " + file + " does not exist");
      return;
    }
    try {
      if (source != null && !Arrays.equals(Files.readAllBytes(source), Files.readAllBytes(file))) {
        p.add("image file", what + ": " + file + " differs from the picture 1C sent (" + source.getFileName() + ")");
      }
    } catch (IOException ex) {
      p.add("image file", what + ": cannot read " + file + ": " + ex.getMessage());
    }
  }

  private static void options(ExpectedCatalog.Product e, List<ShopSnapshot.OptionValueRow> rows, Problems p, String who) {
    if (!e.hasVariants()) {
      p.check(rows.isEmpty(), "unexpected option values", () -> rows.size() + " option values on a product without"
          + " characteristics: " + who);
      return;
    }
    // one option, one value per characteristic: nothing else can be chosen
    Map<String, Map<String, List<ShopSnapshot.OptionValueRow>>> byOption = new LinkedHashMap<>();
    for (ShopSnapshot.OptionValueRow r : rows) {
      byOption.computeIfAbsent(Objects.toString(r.optionName()), k -> new LinkedHashMap<>())
          .computeIfAbsent(Objects.toString(r.valueName()), k -> new java.util.ArrayList<>()).add(r);
    }
    p.equal(Set.of(e.option()), byOption.keySet(), "options", who);
    Map<String, List<ShopSnapshot.OptionValueRow>> actual = byOption.getOrDefault(e.option(), Map.of());
    p.equal(new TreeSet<>(e.variants().keySet()), new TreeSet<>(actual.keySet()), "option values", e.option() + " of " + who);
    e.variants().forEach((value, v) -> {
      List<ShopSnapshot.OptionValueRow> found = actual.get(value);
      if (found == null) return; // reported above
      if (found.size() != 1) {
        p.add("option values", found.size() + " rows for " + e.option() + "=" + value + " of " + who);
        return;
      }
      ShopSnapshot.OptionValueRow r = found.get(0);
      p.equal(v.quantity(), r.quantity(), "option value quantity", e.option() + "=" + value + " of " + who);
      p.check(r.price() != null && r.signedPrice().compareTo(v.priceDifference()) == 0, "option value price",
          () -> e.option() + "=" + value + " of " + who + ": expected " + v.priceDifference().toPlainString()
              + ", shop has " + r.prefix() + r.price());
    });
  }
}
