package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.RealShops;
import com.ocbridge.testing.Samples;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Change plans against real OpenCart (issue 19), read from the shop's own tables: a dry run of the real UT 11 pair
 * into an empty shop plans exactly the products (and categories) the real import then creates, item by item through
 * the links, and writes nothing; a second dry run after the import plans nothing; a full export that would disable
 * 40 % of the products is held, lists exactly those products, and disables them only after an operator approved.
 */
class RealShopChangePlanTest extends RealShopScenario {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void aDryRunOfTheUt11PairPlansExactlyWhatTheImportCreatesAndASecondPlansNothing(String key) throws Exception {
    Path importFile = Samples.file("d16izhevsk__1coutlet/import0_1.xml");
    Path offersFile = Samples.file("d16izhevsk__1coutlet/offers0_1.xml");
    RealShops.get(key);
    begin(key, "dry run of the UT 11 pair, then the import");
    startBridge(4, null);
    byte[] zip = RealShopManualImportTest.zip(importFile, offersFile);

    Map<String, Long> untouched = shop.productTablesChecksum();
    String dry = timed("dry run", () -> dryRun(zip));
    assertEquals(0L, linked("product"), "a dry run creates nothing in the shop");
    assertEquals(untouched, shop.productTablesChecksum(), "the shop's product tables as they were");
    Map<String, String> planned = lines(dry, "kind=product&action=create");
    Set<String> plannedCategories = lines(dry, "kind=category&action=create").keySet();
    assertTrue(planned.size() > 1000, "the pair's products: " + planned.size());

    Exchange x = exchange("the real import", Step.eachFile(List.of(importFile, offersFile)));
    Problems p = new Problems();
    checkReplies(x, p);
    checkJobs(x, p, NO_ERRORS);
    assertNoProblems(Map.of("import", p));
    // item by item: every planned product is in oc_product under the planned name, and nothing else was created
    Map<String, String> created = new TreeMap<>();
    for (Map<String, Object> row : shop.rows("SELECT l.external_id, d.name FROM {p}ocbridge_link l"
        + " JOIN {p}product p ON p.product_id = l.entity_id JOIN {p}product_description d"
        + " ON d.product_id = p.product_id AND d.language_id = ? WHERE l.entity = 'product'", shop.languageId(LANGUAGE))) {
      created.put(String.valueOf(row.get("external_id")), ShopSnapshot.Html.decode(String.valueOf(row.get("name"))));
    }
    assertEquals(new TreeMap<>(planned), created, () -> "planned products (Ид → name) = products the import created;"
        + " differences: " + differences(planned, created));
    Set<String> categories = shop.rows("SELECT external_id FROM {p}ocbridge_link WHERE entity = 'category'").stream()
        .map(r -> String.valueOf(r.get("external_id"))).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(plannedCategories), categories, "planned categories = categories the import created");

    Map<String, Long> before = shop.productTablesChecksum();
    String again = timed("second dry run", () -> dryRun(zip));
    JsonObject plan = api.get("/api/v1/exchanges/" + again + "/plan").json();
    assertEquals(0, plan.getJsonArray("items").size(), "after the import nothing is left to do: " + plan.encode());
    assertEquals(before, shop.productTablesChecksum(), "the dry run wrote nothing");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oc41", "oc30"})
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aFullExportThatWouldDisable40PercentIsHeldAndAppliedOnlyAfterApproval(String key) throws Exception {
    RealShops.get(key);
    int products = 40;
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), products,
        ThreadLocalRandom.current().nextInt(1 << 20), false);
    begin(key, "a full export without 40 % of the products");
    catalogSettings = new JsonObject().put("maxDisableShare", 0.3);
    startBridge(4, null);
    Problems first = new Problems();
    Exchange x1 = exchange("the whole catalog", RealShopGeneratedCatalogTest.steps(g));
    checkReplies(x1, first);
    checkJobs(x1, first, NO_ERRORS);
    assertNoProblems(Map.of("first exchange", first));
    assertEquals((long) products, enabled(), "all enabled");

    Path part = work.resolve("import-60.xml");
    keep(g.importFile(), part, 24);
    Exchange x2 = exchange("a full export of 24 of 40", Step.eachFile(List.of(part)));
    JsonObject end = x2.job(ImportProcessor.RUN_END_JOB);
    assertEquals("held", end.getString("state"), x2.run().encode());
    assertTrue(end.getString("message").contains("catalog.maxDisableShare"), end.getString("message"));
    String runId = x2.run().getString("id");
    Set<String> missing = IntStream.range(24, products).mapToObj(GeneratedCatalog::productId)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(missing, lines(runId, "kind=product&action=disable").keySet(), "the plan shows what it would disable");
    assertEquals((long) products, enabled(), "nothing disabled while held");

    ApiClient.Answer approved = api.postJson("/api/v1/exchanges/" + runId + "/plan/approve", "{}");
    assertEquals(200, approved.status(), approved.body());
    JsonObject run = finishedRun("catalog");
    assertEquals("applied", api.get("/api/v1/exchanges/" + runId + "/plan").json().getString("state"), run.encode());
    String ids = missing.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    assertEquals(16L, shop.count("SELECT COUNT(*) FROM {p}product p JOIN {p}ocbridge_link l ON l.entity = 'product'"
        + " AND l.entity_id = p.product_id WHERE p.status = 0 AND l.external_id IN (" + ids + ")"),
        "oc_product.status = 0 for exactly the planned products");
    assertEquals(24L, enabled());
  }

  private static String differences(Map<String, String> planned, Map<String, String> created) {
    List<String> out = new ArrayList<>();
    planned.forEach((id, name) -> {
      if (!created.containsKey(id)) out.add("planned only " + id + " " + name);
      else if (!created.get(id).equals(name)) out.add(id + " planned '" + name + "', created '" + created.get(id) + "'");
    });
    created.keySet().stream().filter(id -> !planned.containsKey(id)).forEach(id -> out.add("created only " + id));
    return out.size() + ": " + out.stream().limit(10).toList();
  }

  /** Uploads the zip as a dry run and waits for its jobs; answers the exchange id. */
  private String dryRun(byte[] zip) throws Exception {
    ApiClient.Answer posted = api.send(api.builder("/api/v1/imports?filename=catalog.zip&dryRun=true")
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
    assertEquals(202, posted.status(), posted.body());
    String runId = posted.json().getString("exchange");
    long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
    while (true) {
      JsonObject r = api.get("/api/v1/exchanges/" + runId).json();
      List<String> states = r.getJsonArray("jobs").stream().map(o -> ((JsonObject) o).getString("state")).toList();
      if (!states.isEmpty() && states.stream().allMatch("succeeded"::equals)) return runId;
      if (System.nanoTime() > deadline) throw new AssertionError("dry run did not finish: " + r.encode());
      Thread.sleep(200);
    }
  }

  /** Ид → name of every line of the exchange's plan that matches {@code filter}, following the pages. */
  private Map<String, String> lines(String runId, String filter) throws Exception {
    Map<String, String> out = new TreeMap<>();
    String after = null;
    do {
      JsonObject page = api.get("/api/v1/exchanges/" + runId + "/plan?limit=1000&" + filter
          + (after == null ? "" : "&after=" + after)).json();
      page.getJsonArray("items").forEach(o -> out.put(((JsonObject) o).getString("externalId"),
          ((JsonObject) o).getString("name")));
      after = page.getString("next");
    } while (after != null);
    return out;
  }

  private long linked(String entity) {
    return shop.count("SELECT COUNT(*) FROM {p}ocbridge_link WHERE entity = ?", entity);
  }

  private long enabled() {
    return shop.count("SELECT COUNT(*) FROM {p}product p JOIN {p}ocbridge_link l ON l.entity = 'product'"
        + " AND l.entity_id = p.product_id WHERE p.status = 1");
  }

  /** The generated import with its first {@code count} products only, still a full catalog. */
  private static void keep(Path whole, Path target, int count) throws Exception {
    List<String> out = new ArrayList<>();
    int index = 0;
    for (String line : Files.readAllLines(whole)) {
      if (line.startsWith("<Товар>")) {
        if (index++ < count) out.add(line);
      } else {
        out.add(line);
      }
    }
    Files.write(target, out);
  }
}
