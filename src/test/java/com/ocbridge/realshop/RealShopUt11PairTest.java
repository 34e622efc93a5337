package com.ocbridge.realshop;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.ocbridge.testing.RealShops;
import com.ocbridge.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real UT 11 pair of the corpus ({@code d16izhevsk__1coutlet}: 1,197 products in 59 groups, 2,641 offers, 388
 * products with sizes) through the real bridge into real OpenCart 4.1 and 3.0 shops, at 4 and 8 parallel requests.
 * What must be in the shop's tables comes from the two XML files (read with StAX, {@link CmlFacts}):
 *
 * <ul>
 *   <li>every 1C reply {@code success}; every import job succeeded with zero failed items and no errors, and created
 *       exactly the catalog's products;</li>
 *   <li>every product linked and present: name (en-gb), SKU and model, price, quantity, status, store, categories (the
 *       groups' categories, with their names and parents), and for the sized ones exactly their option values, each
 *       with its quantity and price difference; no other product, no product twice;</li>
 *   <li>the same files again as a second exchange: every reply success, the jobs created and updated nothing, and
 *       the shop's product tables have the same checksums as before.</li>
 * </ul>
 */
class RealShopUt11PairTest extends RealShopScenario {
  static Stream<Arguments> shopsAndConcurrency() {
    return Stream.of(arguments("oc41", 4), arguments("oc41", 8), arguments("oc30", 4), arguments("oc30", 8));
  }

  @ParameterizedTest(name = "{0}, opencart.concurrency={1}")
  @MethodSource("shopsAndConcurrency")
  @Timeout(value = 25, unit = TimeUnit.MINUTES)
  void everyProductOfTheUt11PairIsInTheShopAndASecondExchangeWritesNothing(String key, int concurrency) throws Exception {
    Path importFile = Samples.file("d16izhevsk__1coutlet/import0_1.xml");
    Path offersFile = Samples.file("d16izhevsk__1coutlet/offers0_1.xml");
    RealShops.get(key);
    ExpectedCatalog expected = new ExpectedCatalog(CmlFacts.read(List.of(importFile, offersFile)));
    begin(key, "UT 11 pair (d16izhevsk__1coutlet), opencart.concurrency=" + concurrency);
    startBridge(concurrency, null);
    List<Step> steps = Step.eachFile(List.of(importFile, offersFile));

    Problems first = new Problems();
    Exchange x1 = exchange("first exchange", steps);
    checkReplies(x1, first);
    checkJobs(x1, first, NO_ERRORS);
    var catalogJob = x1.job(importFile.getFileName().toString());
    first.equal((long) expected.products.size(), catalogJob == null ? null
        : catalogJob.getJsonObject("counts").getLong("created"), "job counts", "created of " + importFile.getFileName());
    ShopSnapshot snapshot = timed("read the shop's tables", () -> ShopSnapshot.read(shop, LANGUAGE));
    CatalogCheck.check(expected, snapshot, fresh, shop, CatalogCheck.Options.basic(), first);

    assertSecondExchangeWritesNothing(steps, first);
  }
}
