package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ocbridge.testing.RealShops;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real-shop checks themselves: after a small generated catalog arrived whole (OpenCart 4.1), the test damages the
 * shop's tables the way bugs do (a product lost as a deadlock loses it, a price, a quantity, a name, a model, a
 * category, an attribute, a size's stock, a colour, a picture file) and the checks must report each damage, and only
 * that; the product tables' checksums must differ. Without this, a check that passes might compare nothing.
 */
class RealShopChecksCatchDamageTest extends RealShopScenario {
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyDamageToTheShopsTablesIsReported() throws Exception {
    RealShops.get("oc41");
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), 60, ThreadLocalRandom.current().nextInt(1 << 20));
    ExpectedCatalog expected = new ExpectedCatalog(CmlFacts.read(List.of(g.importFile(), g.offersFile())));
    begin("oc41", "the checks catch damage to the shop's tables");
    startBridge(4, null);
    Problems arrival = new Problems();
    Exchange x = exchange("catalog exchange", RealShopGeneratedCatalogTest.steps(g));
    checkReplies(x, arrival);
    checkJobs(x, arrival, NO_ERRORS);
    CatalogCheck.Options options = new CatalogCheck.Options(true, true, g.pictures());
    CatalogCheck.check(expected, ShopSnapshot.read(shop, LANGUAGE), fresh, shop, options, arrival);
    Map<String, Problems> phases = new LinkedHashMap<>();
    phases.put("before the damage", arrival);
    assertNoProblems(phases);
    Map<String, Long> before = shop.productTablesChecksum();

    ShopSnapshot s = ShopSnapshot.read(shop, LANGUAGE);
    long lost = s.link("product", GeneratedCatalog.productId(7));
    shop.execute("DELETE FROM {p}product WHERE product_id = ?", lost);
    shop.execute("DELETE FROM {p}product_description WHERE product_id = ?", lost);
    shop.execute("DELETE FROM {p}ocbridge_link WHERE entity = 'product' AND entity_id = ?", lost);
    shop.execute("UPDATE {p}product SET price = price + 1 WHERE product_id = ?", s.link("product", GeneratedCatalog.productId(8)));
    shop.execute("UPDATE {p}product SET quantity = quantity + 1 WHERE product_id = ?", s.link("product", GeneratedCatalog.productId(10)));
    shop.execute("DELETE FROM {p}product_to_category WHERE product_id = ?", s.link("product", GeneratedCatalog.productId(11)));
    shop.execute("UPDATE {p}product_description SET name = CONCAT(name, ' (2)') WHERE product_id = ?",
        s.link("product", GeneratedCatalog.productId(12)));
    shop.execute("UPDATE {p}product SET model = 'X' WHERE product_id = ?", s.link("product", GeneratedCatalog.productId(13)));
    shop.execute("UPDATE {p}product_attribute SET text = 'Дерево' WHERE product_id = ?", s.link("product", GeneratedCatalog.productId(6)));
    long sized = s.link("product", GeneratedCatalog.productId(0));
    shop.execute("UPDATE {p}product_option_value SET quantity = quantity + 1 WHERE product_option_value_id = ?",
        s.optionValues.get(sized).get(0).productOptionValueId());
    long coloured = s.link("product", GeneratedCatalog.productId(3));
    ShopSnapshot.OptionValueRow combination = s.optionValues.get(coloured).stream()
        .filter(r -> "Размер, Цвет".equals(r.optionName())).findFirst().orElseThrow();
    shop.execute("DELETE FROM {p}product_option_value WHERE product_option_value_id = ?", combination.productOptionValueId());
    Files.delete(shop.imageDir().resolve(s.products.get(s.link("product", GeneratedCatalog.productId(14))).image()));

    Problems damaged = new Problems();
    CatalogCheck.check(expected, ShopSnapshot.read(shop, LANGUAGE), fresh, shop, options, damaged);
    compareChecksums(before, shop.productTablesChecksum(), damaged);
    System.out.println("[realshop] what the checks report after the damage:\n" + damaged.report(3));
    Map<String, Integer> reported = new LinkedHashMap<>();
    for (String kind : List.of("missing product", "product count", "price", "quantity", "categories", "name", "model",
        "attributes", "option value quantity", "option values", "image file")) {
      reported.put(kind, damaged.count(kind));
    }
    Map<String, Integer> wanted = new LinkedHashMap<>();
    wanted.put("missing product", 1);
    wanted.put("product count", 2); // rows in oc_product and links, one short each
    for (String kind : List.of("price", "quantity", "categories", "name", "model", "attributes", "option value quantity",
        "option values", "image file")) {
      wanted.put(kind, 1);
    }
    assertEquals(wanted, reported, damaged.report(5));
    assertFalse(damaged.count("shop tables changed") == 0, "the checksums saw the damage");
  }
}
