package com.ocbridge.catalog;

import com.ocbridge.exchange.ImportProcessor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.opencart.BridgeStubs;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.Samples;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sample files, uploaded through the exchange protocol over a socket exactly as 1C does, into the real
 * service (embedded Postgres, real reader), against a WireMock shop that follows the bridge-v1 contract. The
 * expectations come from the sample files themselves (read independently with StAX, {@link SampleFacts}).
 */
class CatalogExchangeEndToEndTest {
  private static final Set<String> WRITES = Set.of("category.upsert", "manufacturer.upsert", "attribute.upsert",
      "option.upsert", "products.upsert", "products.stock_price", "image.put", "product.upsert");

  @TempDir Path dataDir;
  WireMockServer wm;
  ContractShop shop;
  BridgeApp app;
  String url;
  ApiClient api;

  @BeforeEach
  void start() throws Exception {
    shop = new ContractShop();
    wm = BridgeStubs.startServer(shop);
    ContractShop.stub(wm);
    startService(new JsonObject());
  }

  private void startService(JsonObject catalogSettings) throws Exception {
    startService(catalogSettings, "");
  }

  private void startService(JsonObject catalogSettings, String language) throws Exception {
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dataDir);
    json.getJsonObject("exchange").put("fileLimit", 1_048_576);
    json.put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + wm.port() + "/")
        .put("apiUsername", BridgeStubs.USER).put("apiKey", BridgeStubs.KEY).put("language", language));
    if (!catalogSettings.isEmpty()) json.put("catalog", catalogSettings);
    app = new BridgeApp(TestConfig.load(json));
    app.start().await(60, TimeUnit.SECONDS);
    url = "http://127.0.0.1:" + app.httpPort() + "/1c/exchange";
    api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
  }

  @AfterEach
  void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
    if (wm != null) wm.stop();
  }

  /** One exchange run as 1C does it: checkauth, init, file+import per file, complete. */
  private List<OneCExchangeClient.Reply> exchange(List<Path> files) throws Exception {
    OneCExchangeClient c = new OneCExchangeClient(url, "catalog", true);
    List<OneCExchangeClient.Reply> replies = new ArrayList<>(c.exchange(TestConfig.USER, TestConfig.PASSWORD, files));
    replies.add(c.call("complete", ""));
    return replies;
  }

  private static void assertAllSuccess(List<OneCExchangeClient.Reply> replies) {
    for (OneCExchangeClient.Reply r : replies) {
      assertTrue(r.first().startsWith("success") || r.first().startsWith("zip="), "1C was answered: " + r.text());
    }
  }

  private JsonObject latestRun() throws Exception {
    String id = api.get("/api/v1/exchanges").json().getJsonArray("exchanges").getJsonObject(0).getString("id");
    return api.get("/api/v1/exchanges/" + id).json();
  }

  private static JsonObject job(JsonObject run, String file) {
    JsonArray jobs = run.getJsonArray("jobs");
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.getJsonObject(i).getString("file").equals(file)) return jobs.getJsonObject(i);
    }
    throw new AssertionError("no job for " + file + " in " + run.encodePrettily());
  }

  /** Ten generated products brought in by a first exchange. */
  private List<CatalogGenerator.Item> tenProductsExchanged() throws Exception {
    List<CatalogGenerator.Item> all = java.util.stream.IntStream.range(0, 10).mapToObj(i -> CatalogGenerator.item(i, 2)).toList();
    Path full = dataDir.resolve("full.xml");
    CatalogGenerator.writeImport(full, true, 2, all);
    assertAllSuccess(exchange(List.of(full)));
    return all;
  }

  /** The latest run's job for {@code file}, once it succeeded (fails with the job when the deadline passes). */
  private JsonObject succeeded(String file, long deadlineNanos) throws Exception {
    JsonObject job = job(latestRun(), file);
    while (!job.getString("state").equals("succeeded") && System.nanoTime() < deadlineNanos) {
      Thread.sleep(50);
      job = job(latestRun(), file);
    }
    assertEquals("succeeded", job.getString("state"), job.encode());
    return job;
  }

  private List<JsonNode> items(String op) {
    List<JsonNode> items = new ArrayList<>();
    shop.calls(op).forEach(c -> c.body().path("items").forEach(items::add));
    return items;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String money(BigDecimal amount) {
    return amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** The 1C→site and site→1C orders documents of the corpus belong to type=sale, not to the catalog. */
  private static final Set<String> ORDER_FILES = Set.of("to.xml", "from.xml", "bitrix-query-response-full.xml",
      "documents-example.xml", "orders.xml");

  /** Classifier and products first, then price types and warehouses, offers, prices, stock: as 1C sends them. */
  private static int uploadOrder(Path file) {
    String name = file.getFileName().toString();
    if (name.startsWith("import")) return 0;
    if (name.startsWith("priceLists") || name.startsWith("storages")) return 1;
    if (name.startsWith("offers")) return 2;
    if (name.startsWith("prices")) return 3;
    return 4;
  }

  @Test
  void everyCatalogFileOfTheCorpusImportsThroughTheRealSync() throws Exception {
    // the folders are catalogs of different companies sent to one shop: a full catalog must not disable the
    // previous company's products here (the guard would rightly refuse), so missing products are kept
    app.stop(Duration.ofSeconds(30));
    startService(new JsonObject().put("fullImportMissing", "keep"));
    List<Path> folders;
    try (var list = java.nio.file.Files.list(Samples.dir())) {
      folders = list.filter(java.nio.file.Files::isDirectory).sorted().toList();
    }
    int files = 0;
    for (Path folder : folders) {
      List<Path> set;
      try (var list = java.nio.file.Files.list(folder)) {
        set = list.filter(f -> f.toString().endsWith(".xml") && !ORDER_FILES.contains(f.getFileName().toString()))
            .sorted(java.util.Comparator.comparingInt(CatalogExchangeEndToEndTest::uploadOrder).thenComparing(Path::toString))
            .toList();
      }
      if (set.isEmpty()) continue;
      files += set.size();
      assertAllSuccess(exchange(set));
      JsonObject run = latestRun();
      for (Path f : set) {
        JsonObject job = job(run, f.getFileName().toString());
        assertEquals("succeeded", job.getString("state"), folder.getFileName() + "/" + f.getFileName() + ": " + job.encode());
        assertEquals(0L, job.getJsonObject("counts").getLong("failed", 0L),
            folder.getFileName() + "/" + f.getFileName() + " had items the shop refused: " + job.getJsonArray("errors"));
      }
    }
    assertEquals(24, files, "every catalog-side file of the corpus (the other 5 are orders documents)");
  }

  @Test
  void productsTheShopRefusesEndTheImportWithErrorsAndTell1cHowManyAndWhy() throws Exception {
    List<CatalogGenerator.Item> items = java.util.stream.IntStream.range(0, 20).mapToObj(i -> CatalogGenerator.item(i, 2)).toList();
    Path file = dataDir.resolve("gen/import.xml");
    Files.createDirectories(file.getParent());
    CatalogGenerator.writeImport(file, true, 2, items);
    shop.reject.add(CatalogGenerator.guid(3));
    shop.reject.add(CatalogGenerator.guid(7));

    List<OneCExchangeClient.Reply> replies = exchange(List.of(file));
    OneCExchangeClient.Reply reply = replies.stream().filter(r -> r.text().contains("import.xml")).reduce((a, b) -> b).orElseThrow();
    assertEquals("success", reply.first(), "the rest of the package is applied, so 1C goes on: " + reply.text());
    assertTrue(reply.text().contains("завершён с ошибками") && reply.text().contains("не принял позиций: 2"), reply.text());
    assertTrue(reply.text().contains(CatalogGenerator.guid(3)) && reply.text().contains("validation"),
        "the first reasons, with the shop's code: " + reply.text());
    JsonObject job = job(latestRun(), "import.xml");
    assertEquals("succeeded_with_errors", job.getString("state"), job.encode());
    assertEquals(2L, job.getJsonObject("counts").getLong("failed"));
    assertEquals(18L, job.getJsonObject("counts").getLong("created"));
  }

  @Test
  void aLanguageTheShopDoesNotHaveStopsTheImportNamingItAndTheShopsLanguages() throws Exception {
    app.stop(Duration.ofSeconds(30));
    startService(new JsonObject(), "de-de");
    Path file = dataDir.resolve("gen/import.xml");
    Files.createDirectories(file.getParent());
    CatalogGenerator.writeImport(file, true, 2, List.of(CatalogGenerator.item(1, 2)));

    List<OneCExchangeClient.Reply> replies = exchange(List.of(file));
    OneCExchangeClient.Reply reply = replies.stream().filter(r -> r.text().contains("import.xml")).reduce((a, b) -> b).orElseThrow();
    assertEquals("failure", reply.first(), reply.text());
    assertTrue(reply.text().contains("'de-de'") && reply.text().contains("ru-ru (по умолчанию)"), reply.text());
    assertTrue(items("products.upsert").isEmpty() && shop.calls("category.upsert").isEmpty(), "nothing written");
  }

  @Test
  void largeUt11PairCreatesCategoriesProductsStockAndOptionsAndTheSecondUploadWritesNothing() throws Exception {
    Path importFile = Samples.file("d16izhevsk__1coutlet/import0_1.xml");
    Path offersFile = Samples.file("d16izhevsk__1coutlet/offers0_1.xml");
    Map<String, String> products = SampleFacts.products(importFile);
    Map<String, SampleFacts.GroupFact> groups = SampleFacts.groups(importFile);
    Map<String, SampleFacts.OfferFact> offers = SampleFacts.offers(offersFile);

    assertAllSuccess(exchange(List.of(importFile, offersFile)));

    // categories before products, every group once, each parent before its children
    List<ContractShop.Call> calls = shop.calls();
    List<String> ops = calls.stream().map(ContractShop.Call::op).toList();
    assertTrue(ops.lastIndexOf("category.upsert") < ops.indexOf("products.upsert"), "categories first: " + ops.subList(0, 5));
    List<String> categoryOrder = shop.calls("category.upsert").stream()
        .map(c -> c.body().path("match").path("value").asText()).toList();
    assertEquals(groups.keySet(), new HashSet<>(categoryOrder));
    assertEquals(groups.size(), categoryOrder.size(), "each group written once");
    for (SampleFacts.GroupFact g : groups.values()) {
      if (g.parentId() != null) assertTrue(categoryOrder.indexOf(g.parentId()) < categoryOrder.indexOf(g.id()));
    }

    // every product created once, in batches of at most 100, matched by its 1C Ид
    List<JsonNode> created = items("products.upsert").stream()
        .filter(i -> i.path("create_if_missing").asBoolean()).toList();
    assertEquals(products.keySet(), created.stream().map(i -> i.path("match").path("value").asText()).collect(Collectors.toSet()));
    assertEquals(products.size(), created.size(), "no product sent twice");
    shop.calls("products.upsert").forEach(c -> assertTrue(c.body().path("items").size() <= 100));
    JsonNode first = created.get(0).path("product");
    assertEquals(products.get(created.get(0).path("match").path("value").asText()),
        first.path("descriptions").path("ru-ru").path("name").asText());
    assertFalse(first.has("price"), "price travels with the offers, not with the catalog");

    // a plain product (offer Ид without '#'): price and quantity in a bulk stock call, none bigger than 1000
    SampleFacts.OfferFact plain = offers.values().stream()
        .filter(o -> !o.id().contains("#") && o.price() != null && o.quantity() != null && o.quantity().signum() > 0)
        .findFirst().orElseThrow();
    JsonNode stockItem = items("products.stock_price").stream()
        .filter(i -> i.path("key").asText().equals(plain.id())).findFirst().orElseThrow();
    assertEquals(money(plain.price()), stockItem.path("price").asText(), plain.name());
    assertEquals(plain.quantity().intValue(), stockItem.path("quantity").asInt(), plain.name());
    shop.calls("products.stock_price").forEach(c -> assertTrue(c.body().path("items").size() <= 1000));

    // a product with characteristics (UT 11 writes the variant only into the name, "Ботфорты (38)")
    String variantProduct = "bd72d910-55bc-11d9-848a-00112f43529a";
    List<SampleFacts.OfferFact> variants = offers.values().stream()
        .filter(o -> o.id().startsWith(variantProduct + "#")).toList();
    assertTrue(variants.size() > 1);
    JsonNode optionWrite = items("products.upsert").stream()
        .filter(i -> i.path("match").path("value").asText().equals(variantProduct) && !i.path("create_if_missing").asBoolean())
        .findFirst().orElseThrow().path("product");
    BigDecimal lowest = variants.stream().map(SampleFacts.OfferFact::price).min(BigDecimal::compareTo).orElseThrow();
    int total = variants.stream().mapToInt(o -> o.quantity().intValue()).sum();
    assertEquals(money(lowest), optionWrite.path("price").asText());
    assertEquals(total, optionWrite.path("quantity").asInt());
    JsonNode values = optionWrite.path("options").get(0).path("values");
    assertEquals(variants.size(), values.size(), "one option value per characteristic");
    Map<String, JsonNode> valueByCharacteristic = new HashMap<>();
    // each value is linked as "<short product id>#<characteristic Ид>", within the contract's 64 characters
    values.forEach(v -> {
      String id = v.path("external_id").asText();
      assertTrue(id.length() <= 64, id);
      valueByCharacteristic.put(id.substring(id.indexOf('#') + 1), v);
    });
    for (SampleFacts.OfferFact v : variants) {
      JsonNode value = valueByCharacteristic.get(v.id().substring(v.id().indexOf('#') + 1));
      assertNotNull(value, v.name());
      assertEquals(v.quantity().intValue(), value.path("quantity").asInt(), v.name());
      BigDecimal difference = v.price().subtract(lowest);
      assertEquals(money(difference), value.path("price").asText(), v.name());
    }
    JsonNode option = shop.calls("option.upsert").get(0).body();
    assertEquals("Вариант", option.path("option").path("descriptions").path("ru-ru").path("name").asText());

    // the job record tells the same story
    JsonObject run = latestRun();
    JsonObject catalogJob = job(run, importFile.getFileName().toString());
    assertEquals("succeeded", catalogJob.getString("state"));
    assertEquals(products.size(), catalogJob.getJsonObject("counts").getInteger("created"));
    assertEquals(groups.size(), catalogJob.getJsonObject("counts").getInteger("categories"));

    // the same files again, as a new exchange: not a single write
    shop.forgetCalls();
    assertAllSuccess(exchange(List.of(importFile, offersFile)));
    List<String> writes = shop.calls().stream().map(ContractShop.Call::op).filter(WRITES::contains).toList();
    assertEquals(List.of(), writes, "an unchanged catalog costs no writes");
    JsonObject again = job(latestRun(), importFile.getFileName().toString());
    assertEquals(products.size(), again.getJsonObject("counts").getInteger("unchanged"));
  }

  @Test
  void splitExportKeepsOffersOfUnknownProductsUntilTheGoodsArrive() throws Exception {
    Path classifier = Samples.file("gillbeits__commerceml/import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml");
    Path names = Samples.file("gillbeits__commerceml/offers___7f304edc-2527-4d3d-b058-6e4ee53de2e0.xml");
    Path prices = Samples.file("gillbeits__commerceml/prices___d66a6b51-ce9c-4e7a-8c7c-25079721107f.xml");
    Path rests = Samples.file("gillbeits__commerceml/rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml");
    Map<String, SampleFacts.GroupFact> groups = SampleFacts.groups(classifier);
    Map<String, SampleFacts.OfferFact> priceFacts = SampleFacts.offers(prices);
    Map<String, SampleFacts.OfferFact> stockFacts = SampleFacts.offers(rests);
    Map<String, SampleFacts.OfferFact> nameFacts = SampleFacts.offers(names);

    OneCExchangeClient c = new OneCExchangeClient(url, "catalog", true);
    assertAllSuccess(c.exchange(TestConfig.USER, TestConfig.PASSWORD, List.of(classifier, names, prices, rests)));

    List<String> categoryOrder = shop.calls("category.upsert").stream()
        .map(call -> call.body().path("match").path("value").asText()).toList();
    assertEquals(groups.keySet(), new HashSet<>(categoryOrder));
    for (SampleFacts.GroupFact g : groups.values()) {
      if (g.parentId() != null) assertTrue(categoryOrder.indexOf(g.parentId()) < categoryOrder.indexOf(g.id()));
    }
    assertEquals(List.of(), shop.calls("products.upsert"), "no half-empty product is created from offers alone");
    assertEquals(List.of(), shop.calls("products.stock_price"));
    JsonObject namesJob = job(latestRun(), names.getFileName().toString());
    assertEquals(nameFacts.size(), namesJob.getJsonObject("counts").getInteger("deferred"));
    assertTrue(namesJob.getJsonArray("errors").getJsonObject(0).getString("reason").contains("kept"));

    // the goods file of the same run arrives later (a 2.09 catalog "changes only" with two of those products)
    List<String> two = new ArrayList<>(stockFacts.keySet()).subList(0, 2);
    String group = groups.keySet().iterator().next();
    Path goods = dataDir.resolve("goods.xml");
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.09">
        <Каталог СодержитТолькоИзменения="true"><Ид>86bca4ea-eb3a-4beb-b0d6-2090dbef560e</Ид>
        <ИдКлассификатора>86bca4ea-eb3a-4beb-b0d6-2090dbef560e</ИдКлассификатора><Наименование>Каталог</Наименование><Товары>
        """);
    for (String id : two) {
      xml.append("<Товар><Ид>").append(id).append("</Ид><Артикул>A-").append(id, 0, 8).append("</Артикул><Наименование>")
          .append(escape(nameFacts.get(id).name())).append("</Наименование><Группы><Ид>").append(group).append("</Ид></Группы></Товар>\n");
    }
    xml.append("</Товары></Каталог></КоммерческаяИнформация>\n");
    Files.writeString(goods, xml, StandardCharsets.UTF_8);
    assertEquals("success", c.upload(goods, "goods/1/import.xml").first());
    assertEquals("success", c.importFile("goods/1/import.xml").first());

    List<JsonNode> created = items("products.upsert");
    assertEquals(two, created.stream().map(i -> i.path("match").path("value").asText()).toList());
    List<JsonNode> stock = items("products.stock_price");
    assertEquals(two, stock.stream().map(i -> i.path("key").asText()).toList());
    for (JsonNode item : stock) {
      String id = item.path("key").asText();
      assertEquals(money(priceFacts.get(id).price()), item.path("price").asText());
      assertEquals(stockFacts.get(id).quantity().intValue(), item.path("quantity").asInt());
    }
    assertTrue(shop.calls().indexOf(shop.calls("products.upsert").get(0)) < shop.calls().indexOf(shop.calls("products.stock_price").get(0)));
  }

  @Test
  void modeDeactivateDisablesWhatTheRunDidNotListInTheBackground() throws Exception {
    List<CatalogGenerator.Item> all = tenProductsExchanged();

    Path eight = dataDir.resolve("eight.xml");
    CatalogGenerator.writeImport(eight, true, 2, all.subList(0, 8));
    shop.forgetCalls();
    OneCExchangeClient c = new OneCExchangeClient(url, "catalog", true);
    assertAllSuccess(c.exchange(TestConfig.USER, TestConfig.PASSWORD, List.of(eight)));
    assertTrue(c.call("deactivate", "&timestamp=" + System.currentTimeMillis() / 1000).first().equals("success"));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (items("products.stock_price").size() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
    List<JsonNode> disabled = items("products.stock_price");
    assertEquals(List.of(CatalogGenerator.guid(8), CatalogGenerator.guid(9)),
        disabled.stream().map(i -> i.path("key").asText()).toList());
    disabled.forEach(i -> assertFalse(i.path("status").asBoolean(true)));
    JsonObject job = succeeded(ImportProcessor.DEACTIVATE_JOB, deadline);
    assertEquals(2, job.getJsonObject("counts").getInteger("disabled"));
  }

  /** Issue 13: the parts of a split full export are each marked full; only the run's end (complete) disables. */
  @Test
  void aSplitFullExportDisablesOnceWhenOneCSaysComplete() throws Exception {
    List<CatalogGenerator.Item> all = tenProductsExchanged();

    Path part1 = dataDir.resolve("import0_1.xml");
    Path part2 = dataDir.resolve("import0_2.xml");
    CatalogGenerator.writeImport(part1, false, 2, all.subList(0, 3)); // 7 of 10 "missing" after this part alone
    CatalogGenerator.writeImport(part2, false, 2, all.subList(3, 8));
    shop.forgetCalls();
    OneCExchangeClient c = new OneCExchangeClient(url, "catalog", true);
    assertAllSuccess(c.exchange(TestConfig.USER, TestConfig.PASSWORD, List.of(part1, part2)));
    assertEquals(List.of(), items("products.stock_price"), "no part disabled anything (nor tripped the guard)");
    assertEquals("success", c.call("complete", "").first());

    JsonObject job = succeeded(ImportProcessor.RUN_END_JOB, System.nanoTime() + Duration.ofSeconds(20).toNanos());
    assertEquals(2, job.getJsonObject("counts").getInteger("disabled"));
    List<JsonNode> disabled = items("products.stock_price");
    assertEquals(List.of(CatalogGenerator.guid(8), CatalogGenerator.guid(9)),
        disabled.stream().map(i -> i.path("key").asText()).toList());
    disabled.forEach(i -> assertFalse(i.path("status").asBoolean(true)));
  }

  /**
   * Issue 16: two 1C clients at once have runs of their own; a full export's end disables only what neither it nor
   * the other exchange active meanwhile listed (here 9: product 8 came from the other, changes-only, exchange).
   */
  @Test
  void aFullExportDoesNotDisableWhatAConcurrentExchangeListed() throws Exception {
    List<CatalogGenerator.Item> all = tenProductsExchanged();
    Path full = dataDir.resolve("full-eight.xml");
    Path change = dataDir.resolve("change-one.xml");
    CatalogGenerator.writeImport(full, false, 2, all.subList(0, 8));
    CatalogGenerator.writeImport(change, true, 2, all.subList(8, 9));
    shop.forgetCalls();
    OneCExchangeClient a = new OneCExchangeClient(url, "catalog", true);
    OneCExchangeClient b = new OneCExchangeClient(url, "catalog", true);
    assertEquals("success", a.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    assertEquals("success", b.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    a.init();
    b.init();
    assertEquals("success", a.upload(full, "import.xml").first());
    assertEquals("success", b.upload(change, "import.xml").first());
    assertEquals("success", a.importFile("import.xml").first());
    assertEquals("success", b.importFile("import.xml").first());
    assertEquals("success", a.call("complete", "").first());
    assertEquals("success", b.call("complete", "").first());

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonObject runs = api.get("/api/v1/exchanges").json();
    JsonObject endJob = null;
    while (System.nanoTime() < deadline) {
      endJob = endJobWithDisabled(runs);
      if (endJob != null) break;
      Thread.sleep(50);
      runs = api.get("/api/v1/exchanges").json();
    }
    assertTrue(endJob != null, "the full export's end job ran: " + runs.encodePrettily());
    assertEquals(1, endJob.getJsonObject("counts").getInteger("disabled"), endJob.encode());
    assertEquals(List.of(CatalogGenerator.guid(9)),
        items("products.stock_price").stream().map(i -> i.path("key").asText()).toList());
  }

  private JsonObject endJobWithDisabled(JsonObject runs) throws Exception {
    JsonArray list = runs.getJsonArray("exchanges");
    for (int i = 0; i < list.size(); i++) {
      JsonArray jobs = api.get("/api/v1/exchanges/" + list.getJsonObject(i).getString("id")).json().getJsonArray("jobs");
      for (int j = 0; j < jobs.size(); j++) {
        JsonObject job = jobs.getJsonObject(j);
        if (job.getString("file").equals(ImportProcessor.RUN_END_JOB) && job.getString("state").equals("succeeded")
            && job.getJsonObject("counts") != null && job.getJsonObject("counts").getInteger("disabled", 0) > 0) {
          return job;
        }
      }
    }
    return null;
  }
}
