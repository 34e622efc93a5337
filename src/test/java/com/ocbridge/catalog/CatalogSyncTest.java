package com.ocbridge.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.exchange.ExchangeLog;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.exchange.ImportProcessor.ImportOutcome;
import com.ocbridge.exchange.ImportProcessor.ImportTask;
import com.ocbridge.opencart.BridgeStubs;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import processor on generated catalogs against the contract WireMock shop and a real Postgres: what is
 * sent when data changes, stock changes, a product is refused, the shop goes down, a full catalog misses
 * products, and pictures repeat.
 */
class CatalogSyncTest {
  @TempDir Path dir;
  Vertx vertx;
  Pool pool;
  WireMockServer wm;
  ContractShop shop;
  OpenCartClient client;
  final AtomicLong jobs = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    String dbUrl = TestDatabase.newDatabase();
    pool = Database.pool(vertx, dbUrl, 4);
    Migrations.apply(vertx, dbUrl).await(30, TimeUnit.SECONDS);
    shop = new ContractShop();
    wm = BridgeStubs.startServer(shop);
    ContractShop.stub(wm);
    client = OpenCartClients.create(vertx, "bridge-v1", BridgeStubs.settings(wm).withBreakerOpenWait(Duration.ofMillis(200)));
  }

  @AfterEach
  void stop() throws Exception {
    wm.stop();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ImportOutcome run(CatalogSettings settings, String runId, Path file) throws Exception {
    ImportTask task = new ImportTask(jobs.incrementAndGet(), runId, "catalog", file, dir.relativize(file).toString(),
        ExchangeLog.of(runId), p -> { });
    return new CatalogImportProcessor(vertx, pool, client, settings).process(task).await(60, TimeUnit.SECONDS);
  }

  private ImportOutcome run(String runId, Path file) throws Exception {
    return run(CatalogSettings.defaults(), runId, file);
  }

  private Path importFile(String name, boolean onlyChanges, List<CatalogGenerator.Item> items) throws Exception {
    Path file = dir.resolve(name);
    CatalogGenerator.writeImport(file, onlyChanges, 3, items);
    return file;
  }

  private Path offersFile(String name, List<CatalogGenerator.Item> items) throws Exception {
    Path file = dir.resolve(name);
    CatalogGenerator.writeOffers(file, items);
    return file;
  }

  private static List<CatalogGenerator.Item> items(int n) {
    return IntStream.range(0, n).mapToObj(i -> CatalogGenerator.item(i, 3)).toList();
  }

  private List<JsonNode> items(String op) {
    List<JsonNode> items = new ArrayList<>();
    shop.calls(op).forEach(c -> c.body().path("items").forEach(items::add));
    return items;
  }

  private List<String> writeOps() {
    return shop.calls().stream().map(ContractShop.Call::op).filter(op -> !op.endsWith(".list") && !op.equals("ping")).toList();
  }

  private static long count(ImportOutcome outcome, String key) {
    return outcome.counts().getOrDefault(key, 0L);
  }

  @Test
  void changedProductIsUpsertedStockChangeIsOneBulkItemAndUnchangedCostsNothing() throws Exception {
    List<CatalogGenerator.Item> items = items(250);
    ImportOutcome created = run("r1", importFile("import.xml", false, items));
    assertEquals(250, count(created, "created"));
    ImportOutcome offers = run("r1", offersFile("offers.xml", items));
    assertEquals(250, count(offers, "stockUpdates"));
    assertEquals(3, shop.calls("products.upsert").size(), "250 new products in requests of at most 100");
    assertEquals(1, shop.calls("products.stock_price").size(), "250 stock lines in one request");

    // the price that counts is the first price type of the package (Розничная), not the first price of the offer
    JsonNode sample = shop.product(CatalogGenerator.guid(7));
    assertEquals(items.get(7).price().setScale(4).toPlainString(), sample.path("price").asText());
    assertEquals(items.get(7).quantityA() + items.get(7).quantityB(), sample.path("quantity").asInt(), "summed over warehouses");
    assertEquals("1.25", sample.path("weight").asText());
    assertEquals("ART-7", sample.path("sku").asText());
    assertEquals(1, sample.path("attributes").size(), "the Цвет reference resolved to an attribute");
    assertEquals("Красный", sample.path("attributes").get(0).path("texts").path("ru-ru").asText());

    // one name and one stock figure change
    List<CatalogGenerator.Item> changed = new ArrayList<>(items);
    changed.set(3, items.get(3).withName("Новое имя"));
    changed.set(5, items.get(5).withQuantity(items.get(5).quantityA() + 40));
    shop.forgetCalls();
    ImportOutcome second = run("r2", importFile("import.xml", false, changed));
    ImportOutcome secondOffers = run("r2", offersFile("offers.xml", changed));
    assertEquals(List.of(CatalogGenerator.guid(3)), items("products.upsert").stream()
        .map(i -> i.path("match").path("value").asText()).toList());
    assertEquals(1, count(second, "updated"));
    assertEquals(249, count(second, "unchanged"));
    List<JsonNode> stock = items("products.stock_price");
    assertEquals(List.of(CatalogGenerator.guid(5)), stock.stream().map(i -> i.path("key").asText()).toList());
    assertEquals(changed.get(5).quantityA() + changed.get(5).quantityB(), stock.get(0).path("quantity").asInt());
    assertEquals(1, count(secondOffers, "stockUpdates"));

    shop.forgetCalls();
    run("r3", importFile("import.xml", false, changed));
    ImportOutcome sameOffers = run("r3", offersFile("offers.xml", changed));
    assertEquals(List.of(), writeOps(), "same files again: no write");
    assertEquals(250, count(sameOffers, "offersUnchanged"), "offers staged as before are not compared again");
  }

  @Test
  void aNewProductIsCreatedHiddenAndItsFirstOfferShowsIt() throws Exception {
    List<CatalogGenerator.Item> items = items(3);
    run("r1", importFile("import.xml", false, items));
    items("products.upsert").forEach(i -> assertFalse(i.path("product").path("status").asBoolean(true),
        "no price or stock yet: created hidden, never shown at price 0"));
    assertFalse(shop.product(CatalogGenerator.guid(1)).path("status").asBoolean(true));

    // the same catalog again before the offers: nothing to write, still hidden
    shop.forgetCalls();
    run("r2", importFile("import.xml", false, items));
    assertEquals(List.of(), writeOps());

    shop.forgetCalls();
    run("r2", offersFile("offers.xml", items));
    List<JsonNode> stock = items("products.stock_price");
    assertEquals(3, stock.size());
    stock.forEach(i -> assertTrue(i.path("status").asBoolean(), "the first offer shows the product: " + i));
    assertTrue(shop.product(CatalogGenerator.guid(1)).path("status").asBoolean());

    // later offers carry stock and price only: a status set by hand in the shop is not touched by them
    List<CatalogGenerator.Item> changed = new ArrayList<>(items);
    changed.set(1, items.get(1).withQuantity(items.get(1).quantityA() + 5));
    shop.forgetCalls();
    run("r3", offersFile("offers.xml", changed));
    List<JsonNode> later = items("products.stock_price");
    assertEquals(1, later.size());
    assertTrue(later.get(0).path("status").isMissingNode() || later.get(0).path("status").isNull(), later.get(0).toString());
  }

  @Test
  void aProductTheShopRefusesIsRecordedAndSkippedAndTheRestOfThePackageGoesThrough() throws Exception {
    List<CatalogGenerator.Item> items = items(30);
    shop.reject.add(CatalogGenerator.guid(11));
    ImportOutcome outcome = run("r1", importFile("import.xml", false, items));
    assertEquals(29, count(outcome, "created"));
    assertEquals(1, count(outcome, "failed"));
    JsonObject error = outcome.errors().get(0);
    assertEquals("product", error.getString("what"));
    assertEquals(CatalogGenerator.guid(11), error.getString("id"));
    assertEquals("Товар № 11", error.getString("name"));
    assertTrue(error.getString("reason").contains("validation") && error.getString("reason").contains("descriptions.ru-ru.name"),
        error.getString("reason"));

    // its offer waits; once the shop accepts the product, only it is sent
    ImportOutcome offers = run("r1", offersFile("offers.xml", items));
    assertEquals(29, count(offers, "stockUpdates"));
    assertEquals(1, count(offers, "deferred"));
    shop.reject.clear();
    shop.forgetCalls();
    ImportOutcome retry = run("r2", importFile("import.xml", false, items));
    assertEquals(1, count(retry, "created"));
    assertEquals(List.of(CatalogGenerator.guid(11)), items("products.upsert").stream()
        .map(i -> i.path("match").path("value").asText()).toList());
    assertEquals(List.of(CatalogGenerator.guid(11)), items("products.stock_price").stream()
        .map(i -> i.path("key").asText()).toList(), "the deferred stock follows its product");
  }

  @Test
  void anOutageFailsTheJobSayingWhereItResumesAndTheRerunCreatesNoDuplicates() throws Exception {
    List<CatalogGenerator.Item> items = items(1200);
    Path file = importFile("import.xml", false, items);
    CatalogSettings settings = CatalogSettings.defaults();
    // categories (3) and a manufacturer batch go through, then the shop dies in the middle of the products
    shop.answersBeforeOutage.set(14);
    Exception failure = assertThrows(Exception.class, () -> run(settings, "r1", file));
    String message = failure.getMessage();
    assertTrue(message.startsWith("магазин OpenCart"), message);
    assertTrue(message.contains("Ничего не потеряно") && message.contains("продолжится с товара"), message);
    long createdBefore = shop.products.size();
    assertTrue(createdBefore > 0 && createdBefore < 1200, "part of the catalog reached the shop: " + createdBefore);

    shop.answersBeforeOutage.set(-1);
    Thread.sleep(300); // the client's breaker half-opens
    List<JsonNode> sentBefore = items("products.upsert");
    ImportOutcome rerun = run(settings, "r1", file);
    assertEquals(1200, shop.products.size(), "every product exactly once in the shop");
    List<JsonNode> sentAfter = items("products.upsert").subList(sentBefore.size(), items("products.upsert").size());
    Map<String, Long> perId = sentAfter.stream().collect(Collectors.groupingBy(i -> i.path("match").path("value").asText(), Collectors.counting()));
    assertTrue(perId.values().stream().allMatch(n -> n == 1));
    assertTrue(count(rerun, "unchanged") >= createdBefore - 100,
        "what the shop confirmed before the outage is not sent again: " + rerun.counts());
    assertEquals(1200 - count(rerun, "unchanged"), count(rerun, "created") + count(rerun, "updated"));
  }

  @Test
  void aFullCatalogDisablesWhatItNoLongerListsWithinTheGuardAndReenablesWhatReturns() throws Exception {
    List<CatalogGenerator.Item> items = items(20);
    run("r1", importFile("import.xml", false, items));
    run("r1", offersFile("offers.xml", items)); // priced and shown (a product without its offer stays hidden)
    runEnd("r1");

    // 4 of 20 missing (20 %) is within the default 30 %: disabled when the run ends, not at the end of the file
    shop.forgetCalls();
    ImportOutcome fewer = run("r2", importFile("import.xml", false, items.subList(0, 16)));
    assertEquals(0, count(fewer, "disabled"));
    assertEquals(1, count(fewer, "fullExport"));
    assertTrue(fewer.summary().contains("будут отключены после последнего файла"), fewer.summary());
    assertEquals(List.of(), writeOps());
    assertEquals(4, count(runEnd("r2"), "disabled"));
    List<JsonNode> disabled = items("products.stock_price");
    assertEquals(IntStream.range(16, 20).mapToObj(CatalogGenerator::guid).toList(),
        disabled.stream().map(i -> i.path("key").asText()).toList());
    disabled.forEach(i -> assertFalse(i.path("status").asBoolean(true)));
    assertEquals(List.of("products.stock_price"), writeOps());

    // an incremental file lists little and disables nothing
    shop.forgetCalls();
    run("r3", importFile("changes.xml", true, items.subList(0, 2)));
    assertEquals(0, count(runEnd("r3"), "disabled"));
    assertEquals(List.of(), writeOps());

    // a "full" catalog with 3 of 16 enabled products would disable 13 (81 %): held back, nothing disabled
    shop.forgetCalls();
    run("r4", importFile("import.xml", false, items.subList(0, 3)));
    Exception held = assertThrows(Exception.class, () -> runEnd("r4"));
    assertTrue(held.getMessage().contains("catalog.maxDisableShare") && held.getMessage().contains("ничего не отключено"),
        held.getMessage());
    assertEquals(List.of(), writeOps());

    // with fullImportMissing=keep nothing is disabled at all
    CatalogSettings keep = CatalogSettings.defaults().with("", false, new BigDecimal("0.3"));
    run(keep, "r5", importFile("import.xml", false, items.subList(0, 3)));
    run(keep, "r5", dir.resolve(ImportProcessor.RUN_END_JOB));
    assertEquals(List.of(), writeOps());

    // a product that comes back is enabled again (its data did not change: a status-only bulk line)
    shop.forgetCalls();
    ImportOutcome back = run("r6", importFile("import.xml", false, items));
    runEnd("r6");
    assertEquals(List.of("products.stock_price"), writeOps());
    items("products.stock_price").forEach(i -> assertTrue(i.path("status").asBoolean()));
    assertEquals(4, count(back, "updated"));
  }

  /** Issue 13: a full export split over several files, each marked full, disables once, after its last file. */
  @Test
  void aFullExportSplitOverFilesDisablesOnceAfterItsLastFile() throws Exception {
    List<CatalogGenerator.Item> items = items(10);
    run("r1", importFile("import.xml", false, items));
    run("r1", offersFile("offers.xml", items));
    runEnd("r1");

    // all ten in two halves: at the end of the first half the second is not missing, nothing is disabled at all
    shop.forgetCalls();
    run("r2", importFile("import0_1.xml", false, items.subList(0, 5)));
    run("r2", importFile("import0_2.xml", false, items.subList(5, 10)));
    assertEquals(0, count(runEnd("r2"), "disabled"));
    assertEquals(List.of(), writeOps());

    // eight in two parts: the two missing are disabled in one go when the run ends, and a second end changes nothing
    shop.forgetCalls();
    run("r3", importFile("import0_1.xml", false, items.subList(0, 4)));
    run("r3", importFile("import0_2.xml", false, items.subList(4, 8)));
    assertEquals(List.of(), writeOps(), "nothing is disabled at the end of a file");
    assertEquals(2, count(runEnd("r3"), "disabled"));
    assertEquals(List.of(CatalogGenerator.guid(8), CatalogGenerator.guid(9)),
        items("products.stock_price").stream().map(i -> i.path("key").asText()).toList());
    assertEquals(1, shop.calls("products.stock_price").size(), "one deactivation request");
    shop.forgetCalls();
    ImportOutcome again = runEnd("r3");
    assertEquals(0, count(again, "disabled"));
    assertTrue(again.summary().contains("отключать нечего"), again.summary());
    assertEquals(List.of(), writeOps());
  }

  private ImportOutcome runEnd(String runId) throws Exception {
    return run(runId, dir.resolve(ImportProcessor.RUN_END_JOB));
  }

  @Test
  void modeDeactivateJobDisablesWhatTheRunDidNotList() throws Exception {
    List<CatalogGenerator.Item> items = items(10);
    run("r1", importFile("import.xml", true, items));
    run("r2", importFile("import.xml", true, items.subList(0, 8)));
    shop.forgetCalls();
    ImportOutcome outcome = run("r2", dir.resolve(ImportProcessor.DEACTIVATE_JOB));
    assertEquals(2, count(outcome, "disabled"));
    assertEquals(List.of(CatalogGenerator.guid(8), CatalogGenerator.guid(9)),
        items("products.stock_price").stream().map(i -> i.path("key").asText()).toList());
  }

  @Test
  void picturesAreSentOncePerContentAndReferencedByItsPath() throws Exception {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};
    Files.createDirectories(dir.resolve("import_files/ab"));
    Files.write(dir.resolve("import_files/ab/one.jpg"), jpeg);
    Files.write(dir.resolve("import_files/ab/same-bytes.jpg"), jpeg);
    Files.write(dir.resolve("import_files/ab/two.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 9});
    Function<Integer, CatalogGenerator.Item> withPictures = i -> {
      CatalogGenerator.Item it = CatalogGenerator.item(i, 3);
      List<String> pictures = i == 0 ? List.of("import_files/ab/one.jpg", "import_files/ab/two.png")
          : List.of("import_files/ab/same-bytes.jpg");
      return new CatalogGenerator.Item(it.id(), it.sku(), it.name(), it.groupId(), it.manufacturer(), pictures, false,
          it.price(), it.quantityA(), it.quantityB(), null);
    };
    List<CatalogGenerator.Item> items = List.of(withPictures.apply(0), withPictures.apply(1));
    ImportOutcome outcome = run("r1", importFile("import.xml", false, items));
    assertEquals(2, count(outcome, "images"));
    List<String> paths = shop.calls("image.put").stream().map(c -> c.body().path("path").asText()).toList();
    assertEquals(2, paths.size(), "the same bytes under two names are stored once");
    JsonNode first = shop.product(CatalogGenerator.guid(0));
    JsonNode second = shop.product(CatalogGenerator.guid(1));
    assertTrue(first.path("image").asText().startsWith("catalog/1c/"));
    assertEquals(first.path("image").asText(), second.path("image").asText());
    assertEquals(1, first.path("images").size());
    assertTrue(paths.contains(first.path("images").get(0).path("path").asText()));

    // a later run references the pictures without sending them again: no upload, no change
    Files.delete(dir.resolve("import_files/ab/one.jpg"));
    shop.forgetCalls();
    run("r2", importFile("import.xml", false, items));
    assertEquals(List.of(), writeOps());
  }

  @Test
  void deletedProductsAreDisabledAndNeverCreated() throws Exception {
    List<CatalogGenerator.Item> items = new ArrayList<>(items(4));
    items.set(3, items.get(3).deleted(true));
    ImportOutcome first = run("r1", importFile("import.xml", true, items));
    assertEquals(3, count(first, "created"));
    assertEquals(1, count(first, "skipped"));
    items.set(1, items.get(1).deleted(true));
    shop.forgetCalls();
    run("r2", importFile("import.xml", true, items));
    List<JsonNode> sent = items("products.upsert");
    assertEquals(1, sent.size());
    assertFalse(sent.get(0).path("product").path("status").asBoolean(true));
  }

  @Test
  void characteristicsBecomeOneSelectOptionWithPerValueStockAndPriceDifference() throws Exception {
    CatalogGenerator.Item base = CatalogGenerator.item(1, 3);
    CatalogGenerator.Item shoes = new CatalogGenerator.Item(base.id(), base.sku(), base.name(), base.groupId(), null, null,
        false, null, 0, 0, List.of(new CatalogGenerator.Variant("c-38", "38", new BigDecimal("1719"), 20),
        new CatalogGenerator.Variant("c-39", "39", new BigDecimal("1496"), 19)));
    run("r1", importFile("import.xml", false, List.of(shoes)));
    run("r1", offersFile("offers.xml", List.of(shoes)));
    JsonNode option = shop.calls("option.upsert").get(0).body().path("option");
    assertEquals("select", option.path("type").asText());
    assertEquals("Размер", option.path("descriptions").path("ru-ru").path("name").asText());
    JsonNode product = shop.product(base.id());
    assertEquals("1496.0000", product.path("price").asText());
    assertEquals(39, product.path("quantity").asInt());
    JsonNode values = product.path("options").get(0).path("values");
    // linked per product ("<short product id>#<characteristic>", within the contract's 64 characters): UT shares a
    // characteristic between products, and the shop keeps one link per external id
    String valueId = values.get(0).path("external_id").asText();
    assertTrue(valueId.endsWith("#c-38") && !valueId.equals("#c-38") && valueId.length() <= 64, valueId);
    assertEquals(StockAggregator.variantExternalId(base.id(), "c-38"), valueId);
    assertNotEquals(valueId, StockAggregator.variantExternalId(CatalogGenerator.item(2, 3).id(), "c-38"),
        "the same characteristic on another product is another option value");
    assertEquals(20, values.get(0).path("quantity").asInt());
    assertEquals("223.0000", values.get(0).path("price").asText());
    assertEquals("+", values.get(0).path("price_prefix").asText());
    assertEquals("0.0000", values.get(1).path("price").asText());

    // stock of one size changes: one bulk line with per-value stock, no product write
    CatalogGenerator.Item fewer = new CatalogGenerator.Item(base.id(), base.sku(), base.name(), base.groupId(), null, null,
        false, null, 0, 0, List.of(new CatalogGenerator.Variant("c-38", "38", new BigDecimal("1719"), 18),
        new CatalogGenerator.Variant("c-39", "39", new BigDecimal("1496"), 19)));
    shop.forgetCalls();
    run("r2", offersFile("offers.xml", List.of(fewer)));
    assertEquals(List.of("products.stock_price"), writeOps());
    JsonNode line = items("products.stock_price").get(0);
    assertEquals(37, line.path("quantity").asInt());
    assertEquals(valueId, line.path("option_values").get(0).path("external_id").asText());
    assertEquals(18, line.path("option_values").get(0).path("quantity").asInt());
  }

  @Test
  void wrongCredentialsStopTheJobWithTheShopsReasonAndSendNoProducts() throws Exception {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/index.php"))
        .atPriority(1)
        .withHeader("X-Api-Key", com.github.tomakehurst.wiremock.client.WireMock.notMatching(BridgeStubs.KEY))
        .willReturn(BridgeStubs.error(401, "unauthorized", "Unknown API user or wrong key", "{}")));
    client = OpenCartClients.create(vertx, "bridge-v1", com.ocbridge.opencart.OpenCartSettings.of(
        "http://127.0.0.1:" + wm.port() + "/", BridgeStubs.USER, "wrong-key"));
    Exception failure = assertThrows(Exception.class, () -> run("r1", importFile("import.xml", false, items(5))));
    assertTrue(failure.getMessage().contains("Unknown API user or wrong key"), failure.getMessage());
    assertEquals(List.of(), shop.calls(), "the contract shop was never reached");
  }
}
