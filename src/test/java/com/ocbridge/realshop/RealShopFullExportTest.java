package com.ocbridge.realshop;

import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.testing.RealShops;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full export split over two files, each marked {@code СодержитТолькоИзменения="false"} (issue 13): on the real
 * shop, the first part alone would "miss" most products (and trip {@code catalog.maxDisableShare}); the bridge must
 * disable nothing at the end of either part, and exactly the products neither part lists once 1C says
 * {@code complete}. Read from the shop's own {@code product} table.
 */
class RealShopFullExportTest extends RealShopScenario {
  static final int PRODUCTS = 40;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aSplitFullExportDisablesOnlyWhatNeitherPartListsAfterItsLastFile(String key) throws Exception {
    RealShops.get(key);
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), PRODUCTS,
        ThreadLocalRandom.current().nextInt(1 << 20), false);
    begin(key, "full export in two parts (" + PRODUCTS + " products, 4 left out)");
    startBridge(4, null);
    Map<String, Problems> phases = new LinkedHashMap<>();

    Problems first = new Problems();
    Exchange x1 = exchange("the whole catalog", RealShopGeneratedCatalogTest.steps(g));
    checkReplies(x1, first);
    checkJobs(x1, first, NO_ERRORS);
    first.equal((long) PRODUCTS, enabledOfTheBridge(), "enabled products", "after the first exchange");
    phases.put("first exchange", first);

    // parts: products 0–9, then 10–35; 36–39 are in neither
    Path part1 = part(g.importFile(), work.resolve("import0_1.xml"), 0, 10);
    Path part2 = part(g.importFile(), work.resolve("import0_2.xml"), 10, 36);
    Problems split = new Problems();
    List<Step> steps = new ArrayList<>(Step.eachFile(List.of(part1)));
    steps.add(Step.then("the shop after the first part", () -> {
      split.equal((long) PRODUCTS, enabledOfTheBridge(), "enabled products", "after part 1 of 2 (nothing disabled yet)");
      return null;
    }));
    steps.addAll(Step.eachFile(List.of(part2)));
    steps.add(Step.then("the shop after the last part, before complete", () -> {
      split.equal((long) PRODUCTS, enabledOfTheBridge(), "enabled products", "after part 2 of 2, before complete");
      return null;
    }));
    Exchange x2 = exchange("the full export in two parts", steps);
    checkReplies(x2, split);
    checkJobs(x2, split, NO_ERRORS);
    JsonObject end = x2.job(ImportProcessor.RUN_END_JOB);
    split.equal(4L, end == null ? null : end.getJsonObject("counts").getLong("disabled"), "run end job", "disabled");
    split.equal(36L, enabledOfTheBridge(), "enabled products", "after complete");
    String leftOut = String.join(",", java.util.stream.IntStream.range(36, PRODUCTS)
        .mapToObj(i -> "'" + GeneratedCatalog.productId(i) + "'").toList());
    split.equal(4L, shop.count("SELECT COUNT(*) FROM {p}product p JOIN {p}ocbridge_link l ON l.entity = 'product'"
        + " AND l.entity_id = p.product_id WHERE p.status = 0 AND l.external_id IN (" + leftOut + ")"),
        "disabled products", "exactly the four that neither part lists");
    phases.put("split full export", split);
    assertNoProblems(phases);
  }

  /** Products of the bridge (linked) that are enabled in the shop. */
  private long enabledOfTheBridge() {
    return shop.count("SELECT COUNT(*) FROM {p}product p JOIN {p}ocbridge_link l ON l.entity = 'product'"
        + " AND l.entity_id = p.product_id WHERE p.status = 1");
  }

  /** The generated import with only products [from, to), still marked as a full catalog. */
  private static Path part(Path whole, Path target, int from, int to) throws Exception {
    List<String> out = new ArrayList<>();
    int index = 0;
    for (String line : Files.readAllLines(whole, StandardCharsets.UTF_8)) {
      if (line.startsWith("<Товар>")) {
        if (index >= from && index < to) out.add(line);
        index++;
      } else {
        out.add(line);
      }
    }
    Files.write(target, out, StandardCharsets.UTF_8);
    return target;
  }
}
