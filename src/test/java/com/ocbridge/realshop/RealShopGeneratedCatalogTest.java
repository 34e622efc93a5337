package com.ocbridge.realshop;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.ocbridge.testing.RealShops;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A generated UT 11-style catalog of 2,000 products ({@link GeneratedCatalog}: 200 groups in two levels,
 * manufacturers, properties, 15 % of the products sized, 15 % sized and coloured, two price types, two warehouses,
 * pictures on a fifth of them) through the real bridge into real OpenCart 4.1 and 3.0 shops at 4 and 8 parallel
 * requests. The pictures go as 1C sends them: {@code mode=file} with their {@code import_files/…} names between the
 * upload of import.xml and its import. Expectations come from the generated XML, read back with {@link CmlFacts}:
 *
 * <ul>
 *   <li>every reply success, zero failed items, no errors, every product created once;</li>
 *   <li>every product with its name, SKU, model, price (of the retail type, declared first), quantity (both
 *       warehouses), status, categories, manufacturer, attributes, main and extra images (the rows, and the files in
 *       the shop's image folder byte for byte what 1C sent), and its option values: one option, one value per
 *       characteristic ("40, белый"), with its quantity and price difference;</li>
 *   <li>the storefront sells exactly 1C's combinations: the product page's only option lists them (required), and
 *       OpenCart's cart prices every one at 1C's price for that characteristic (two-kind prices are not additive in
 *       the generated catalog) with 1C's stock ({@link StorefrontCheck});</li>
 *   <li>a second exchange of the same files and pictures writes nothing: the product tables' checksums stay.</li>
 * </ul>
 */
class RealShopGeneratedCatalogTest extends RealShopScenario {
  static final int PRODUCTS = 2_000;

  static Stream<Arguments> shopsAndConcurrency() {
    return Stream.of(arguments("oc41", 4), arguments("oc41", 8), arguments("oc30", 4), arguments("oc30", 8));
  }

  static List<Step> steps(GeneratedCatalog.Generated g) {
    List<Step> steps = new ArrayList<>();
    steps.add(Step.upload(g.importFile(), "import.xml"));
    for (Map.Entry<String, Path> picture : g.pictureUploads()) steps.add(Step.upload(picture.getValue(), picture.getKey()));
    steps.add(Step.importFile("import.xml"));
    steps.add(Step.upload(g.offersFile(), "offers.xml"));
    steps.add(Step.importFile("offers.xml"));
    return steps;
  }

  @ParameterizedTest(name = "{0}, opencart.concurrency={1}")
  @MethodSource("shopsAndConcurrency")
  @Timeout(value = 25, unit = TimeUnit.MINUTES)
  void everyGeneratedProductWithPicturesAndVariantsIsInTheShopAndASecondExchangeWritesNothing(String key, int concurrency)
      throws Exception {
    RealShops.get(key);
    GeneratedCatalog.Generated g = timed("generate the catalog",
        () -> GeneratedCatalog.write(work.resolve("1c"), PRODUCTS, ThreadLocalRandom.current().nextInt(1 << 20)));
    ExpectedCatalog expected = new ExpectedCatalog(CmlFacts.read(List.of(g.importFile(), g.offersFile())));
    long single = expected.products.values().stream().filter(p -> p.hasVariants() && p.singleKind()).count();
    long two = expected.products.values().stream().filter(p -> p.hasVariants() && !p.singleKind()).count();
    long pictured = expected.products.values().stream().filter(p -> !p.source().pictures().isEmpty()).count();
    begin(key, "generated catalog (" + PRODUCTS + " products: " + single + " sized, " + two + " sized and coloured, "
        + pictured + " with " + g.pictures().size() + " pictures, " + expected.facts.groups.size() + " groups),"
        + " opencart.concurrency=" + concurrency);
    startBridge(concurrency, null);
    List<Step> steps = steps(g);
    CatalogCheck.Options options = new CatalogCheck.Options(true, true, g.pictures());

    Problems first = new Problems();
    Exchange x1 = exchange("first exchange", steps);
    checkReplies(x1, first);
    checkJobs(x1, first, NO_ERRORS);
    var catalogJob = x1.job("import.xml");
    first.equal((long) PRODUCTS, catalogJob == null ? null : catalogJob.getJsonObject("counts").getLong("created"),
        "job counts", "created of import.xml");
    ShopSnapshot snapshot = timed("read the shop's tables", () -> ShopSnapshot.read(shop, LANGUAGE));
    CatalogCheck.check(expected, snapshot, fresh, shop, options, first);
    int priced = timed("price every combination in the storefront cart", () -> StorefrontCheck.check(expected, snapshot,
        shop, first));
    System.out.println("[realshop] " + key + ": " + priced + " combinations priced through OpenCart's cart");
    first.equal(true, priced > 1_000, "combinations priced through the cart", priced + " of them");

    assertSecondExchangeWritesNothing(steps, first);
  }
}
