package com.ocbridge.realshop;

import com.ocbridge.testing.RealShops;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A scenario that starts from a small generated catalog brought whole into the real shop. */
abstract class RealShopCatalogScenario extends RealShopScenario {
  ExpectedCatalog catalog;
  ShopSnapshot snapshot;
  GeneratedCatalog.Generated generated;

  /** Resets the shop, starts the bridge and brings a small generated catalog in, which must arrive whole. */
  void smallCatalog(String key, int products, String what, JsonObject orders) throws Exception {
    smallCatalog(key, products, what, orders, 4);
  }

  /** {@code concurrency}: {@code opencart.concurrency} of the bridge. */
  void smallCatalog(String key, int products, String what, JsonObject orders, int concurrency) throws Exception {
    RealShops.get(key);
    generated = GeneratedCatalog.write(work.resolve("1c"), products, ThreadLocalRandom.current().nextInt(1 << 20));
    catalog = new ExpectedCatalog(CmlFacts.read(List.of(generated.importFile(), generated.offersFile())));
    begin(key, what);
    startBridge(concurrency, orders);
    Problems p = new Problems();
    Exchange x = exchange("catalog exchange", RealShopGeneratedCatalogTest.steps(generated));
    checkReplies(x, p);
    checkJobs(x, p, NO_ERRORS);
    snapshot = ShopSnapshot.read(shop, LANGUAGE);
    CatalogCheck.check(catalog, snapshot, fresh, shop, new CatalogCheck.Options(true, true, generated.pictures()), p);
    Map<String, Problems> phases = new LinkedHashMap<>();
    phases.put("the catalog the scenario needs", p);
    assertNoProblems(phases);
  }

  ExpectedCatalog.Product plainProduct(int skip) {
    return catalog.products.values().stream().filter(p -> !p.hasVariants() && p.quantity() >= 3 && !p.source().deleted())
        .skip(skip).findFirst().orElseThrow();
  }

  ShopSnapshot.OptionValueRow row(long productId, String value) throws Exception {
    return ShopSnapshot.read(shop, LANGUAGE).optionValues.getOrDefault(productId, List.of()).stream()
        .filter(r -> value.equals(r.valueName())).findFirst()
        .orElseThrow(() -> new AssertionError("product " + productId + " has no option value " + value));
  }
}
