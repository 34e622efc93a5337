package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ocbridge.testing.RealShops;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code catalog.variants} switched on a shop that already has the catalog: a generated catalog (120 products,
 * among them sized-and-coloured ones that come in one colour only) imported with {@code kinds}, where those get
 * one option per kind (Размер with the sizes, Цвет with the one colour) and everything else combinations; then the
 * bridge restarted with {@code combinations} and the same offers imported again. The shop must end exactly as a
 * fresh combinations import leaves it ({@link CatalogCheck}, {@link StorefrontCheck}), with no option row left
 * without values, no value link pointing nowhere, and no product created twice.
 */
class RealShopVariantModelSwitchTest extends RealShopScenario {
  static final int PRODUCTS = 120;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void switchingFromKindsToCombinationsConvergesWithoutDuplicatesOrOrphans(String key) throws Exception {
    RealShops.get(key);
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), PRODUCTS, ThreadLocalRandom.current().nextInt(1 << 20));
    ExpectedCatalog expected = new ExpectedCatalog(CmlFacts.read(List.of(g.importFile(), g.offersFile())));
    List<ExpectedCatalog.Product> oneColour = expected.products.values().stream()
        .filter(p -> p.hasVariants() && !p.singleKind()
            && p.variants().values().stream().map(v -> v.kinds().get("Цвет")).distinct().count() == 1).toList();
    assertFalse(oneColour.isEmpty(), "the generated catalog has one-colour products");
    begin(key, "catalog.variants kinds → combinations (" + PRODUCTS + " products, " + oneColour.size() + " in one colour)");

    Map<String, Problems> phases = new LinkedHashMap<>();
    catalogSettings = new JsonObject().put("variants", "kinds");
    startBridge(4, null);
    Problems kinds = new Problems();
    Exchange x1 = exchange("import with catalog.variants=kinds", RealShopGeneratedCatalogTest.steps(g));
    checkReplies(x1, kinds);
    checkJobs(x1, kinds, NO_ERRORS);
    ShopSnapshot before = ShopSnapshot.read(shop, LANGUAGE);
    for (ExpectedCatalog.Product p : oneColour) {
      Set<String> names = options(before, p);
      kinds.equal(new TreeSet<>(Set.of("Размер", "Цвет")), names, "options under kinds", p.name());
    }
    phases.put("kinds", kinds);
    stopBridge();

    catalogSettings = new JsonObject().put("variants", "combinations");
    startBridge(4, null);
    Problems switched = new Problems();
    Exchange x2 = exchange("the same offers with catalog.variants=combinations", List.of(
        Step.upload(g.offersFile(), "offers.xml"), Step.importFile("offers.xml")));
    checkReplies(x2, switched);
    checkJobs(x2, switched, NO_ERRORS);
    ShopSnapshot after = ShopSnapshot.read(shop, LANGUAGE);
    CatalogCheck.check(expected, after, fresh, shop, new CatalogCheck.Options(true, true, g.pictures()), switched);
    StorefrontCheck.check(expected, after, shop, switched);
    // (OpenCart's demo products have text and date options without values: only the bridge's products count)
    switched.equal(0L, shop.count("SELECT COUNT(*) FROM {p}product_option po JOIN {p}ocbridge_link l ON"
        + " l.entity = 'product' AND l.entity_id = po.product_id WHERE NOT EXISTS (SELECT 1 FROM"
        + " {p}product_option_value v WHERE v.product_option_id = po.product_option_id)"), "options without values", "");
    switched.equal(0L, shop.count("SELECT COUNT(*) FROM {p}ocbridge_link l WHERE l.entity = 'product_option_value'"
        + " AND NOT EXISTS (SELECT 1 FROM {p}product_option_value v WHERE v.product_option_value_id = l.entity_id)"),
        "value links pointing nowhere", "");
    switched.equal((long) before.products.size(), (long) after.products.size(), "products", "no product created twice");
    phases.put("switched to combinations", switched);
    assertNoProblems(phases);
  }

  private static Set<String> options(ShopSnapshot shop, ExpectedCatalog.Product p) {
    Long id = shop.link("product", p.id());
    return shop.optionValues.getOrDefault(id, List.of()).stream().map(ShopSnapshot.OptionValueRow::optionName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
