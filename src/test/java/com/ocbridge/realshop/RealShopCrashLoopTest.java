package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import com.ocbridge.testing.ServiceProcess;
import com.ocbridge.testing.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13: the service (its own JVM, the embedded PostgreSQL, as an operator runs it) is killed with SIGKILL at
 * random points of a catalog import, of 1C's order hand-off and of status deliveries to the shop, again and again,
 * each time followed by one start. Every start must be healthy the first time; afterwards the real shop must hold the
 * catalog exactly (nothing lost, no product twice), 1C must have received every order and none again after its
 * {@code success}, and every status change must be in {@code oc_order_history} exactly once. The seed of the random
 * points is printed, so a failure can be replayed.
 */
class RealShopCrashLoopTest extends RealShopScenario {
  static final int PRODUCTS = 150;
  static final int KILLS = 4;
  static final int ORDERS = 4;
  static final int SHIPPED = 3;
  private static final Pattern NUMBER = Pattern.compile("<Номер>(\\d+)</Номер>");

  private Path config;
  private ServiceProcess service;
  private int starts;

  @Test
  @Timeout(value = 25, unit = TimeUnit.MINUTES)
  void sigkillAtRandomPointsLosesNothingAndDoublesNothing() throws Exception {
    RealShops.get("oc41");
    long seed = Long.getLong("ocbridge.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    GeneratedCatalog.Generated g = GeneratedCatalog.write(work.resolve("1c"), PRODUCTS, (int) seed, false);
    ExpectedCatalog expected = new ExpectedCatalog(CmlFacts.read(List.of(g.importFile(), g.offersFile())));
    begin("oc41", "SIGKILL at random points, seed " + seed + " (-Docbridge.crash.seed=" + seed + " replays it)");
    config = writeConfig();
    Map<String, Problems> phases = new LinkedHashMap<>();
    try {
      phases.put("catalog import", importThroughKills(random, g, expected));
      List<Long> orders = placeOrders(expected);
      phases.put("order hand-off", handOffThroughKills(random, orders));
      phases.put("status deliveries", statusesThroughKills(random, orders));
    } finally {
      if (service != null) service.kill();
    }
    assertNoProblems(phases);
  }

  private Problems importThroughKills(Random random, GeneratedCatalog.Generated g, ExpectedCatalog expected)
      throws Exception {
    for (int i = 0; i < KILLS; i++) killDuring(random, 300, 6_000, () -> exchange("import (killed)", steps(g)));
    start(); // the service stays up from here until the next phase kills it
    Problems p = new Problems();
    Exchange x = exchange("the import after " + KILLS + " kills", steps(g));
    checkReplies(x, p);
    checkJobs(x, p, NO_ERRORS);
    CatalogCheck.check(expected, ShopSnapshot.read(shop, LANGUAGE), fresh, shop, CatalogCheck.Options.basic(), p);
    return p;
  }

  private static List<Step> steps(GeneratedCatalog.Generated g) {
    return RealShopGeneratedCatalogTest.steps(g);
  }

  private List<Long> placeOrders(ExpectedCatalog expected) throws Exception {
    List<ExpectedCatalog.Product> plain = expected.products.values().stream()
        .filter(p -> !p.hasVariants() && p.quantity() >= 3 && !p.source().deleted()).limit(ORDERS).toList();
    ShopSnapshot snapshot = ShopSnapshot.read(shop, LANGUAGE);
    List<Long> orders = new ArrayList<>();
    for (ExpectedCatalog.Product p : plain) {
      JsonObject placed = shop.placeOrder(List.of(new RealShop.OrderLine(snapshot.link("product", p.id()), 1, Map.of())));
      orders.add(placed.getLong("order_id"));
    }
    RealShop.await(Duration.ofSeconds(90), () -> bridgeHas(orders));
    return orders;
  }

  /** 1C's sale exchange, killed at random points; {@code confirmed}: orders of queries 1C said success to. */
  private Problems handOffThroughKills(Random random, List<Long> orders) throws Exception {
    Set<String> confirmed = new ConcurrentSkipListSet<>();
    Set<String> again = new ConcurrentSkipListSet<>();
    for (int i = 0; i < KILLS; i++) killDuring(random, 0, 1_500, () -> saleExchange(confirmed, again));
    start();
    saleExchange(confirmed, again);
    Problems p = new Problems();
    Set<String> placed = new TreeSet<>();
    orders.forEach(o -> placed.add(Long.toString(o)));
    Set<String> missing = new TreeSet<>(placed);
    missing.removeAll(confirmed);
    p.equal(Set.of(), missing, "orders 1C never received with success", "placed " + placed);
    p.equal(Set.of(), again, "orders offered again after 1C's success", "");
    OneCExchangeClient sale = sale();
    Set<String> left = numbers(sale.call("query", "").text());
    left.retainAll(placed);
    p.equal(Set.of(), left, "orders still offered at the end", "");
    return p;
  }

  /** checkauth, init, query, success; orders seen in a query that 1C then confirmed are recorded. */
  private Void saleExchange(Set<String> confirmed, Set<String> again) throws Exception {
    OneCExchangeClient sale = sale();
    Set<String> offered = numbers(sale.call("query", "").text());
    if ("success".equals(sale.call("success", "").first())) {
      for (String n : offered) {
        if (!confirmed.add(n)) again.add(n);
      }
    }
    return null;
  }

  private OneCExchangeClient sale() throws Exception {
    OneCExchangeClient sale = new OneCExchangeClient(exchangeUrl, "sale", true);
    sale.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    sale.init();
    return sale;
  }

  /** Status changes from 1C posted, then the service killed twice while it delivers them to the shop. */
  private Problems statusesThroughKills(Random random, List<Long> orders) throws Exception {
    Map<Long, Long> before = new LinkedHashMap<>();
    for (long order : orders) {
      before.put(order, historyRows(order));
      ApiClient.Answer posted = api.postJson("/api/v1/orders/" + order + "/status",
          new JsonObject().put("status", Integer.toString(SHIPPED)).put("comment", "crash loop").encode());
      assertEquals(202, posted.status(), posted.body());
    }
    Thread.sleep(random.nextInt(1_500));
    service.kill();
    start();
    Thread.sleep(random.nextInt(1_500));
    service.kill();
    start();
    RealShop.await(Duration.ofSeconds(120), () -> outboxSettled());
    Problems p = new Problems();
    for (long order : orders) {
      p.equal(before.get(order) + 1, historyRows(order), "oc_order_history rows with status " + SHIPPED,
          "order " + order + " (one status change from 1C)");
    }
    return p;
  }

  private long historyRows(long order) {
    return shop.count("SELECT COUNT(*) FROM {p}order_history WHERE order_id = ? AND order_status_id = ?", order,
        SHIPPED);
  }

  private boolean outboxSettled() {
    try {
      JsonArray entries = api.get("/api/v1/outbox?status=pending").json().getJsonArray("entries");
      return entries.isEmpty() && api.get("/api/v1/outbox?status=processing").json().getJsonArray("entries").isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private boolean bridgeHas(List<Long> orders) {
    try {
      Set<Long> known = new TreeSet<>();
      api.get("/api/v1/orders").json().getJsonArray("orders").forEach(o -> known.add(((JsonObject) o).getLong("id")));
      return known.containsAll(orders);
    } catch (Exception e) {
      return false;
    }
  }

  private static Set<String> numbers(String document) {
    Set<String> numbers = new TreeSet<>();
    Matcher m = NUMBER.matcher(document);
    while (m.find()) numbers.add(m.group(1));
    return numbers;
  }

  // ------------------------------------------------------------------ the service process

  /** Starts the service, runs {@code action} beside it and SIGKILLs the service after a random wait. */
  private void killDuring(Random random, int minMs, int maxMs, Callable<?> action) throws Exception {
    if (service == null || !service.process().isAlive()) start();
    Thread worker = new Thread(() -> {
      try {
        action.call();
      } catch (Exception cut) {
        // the kill cuts 1C's exchange short, as a crash of the site does
      }
    }, "1c-client");
    worker.start();
    Thread.sleep(minMs + random.nextInt(maxMs - minMs));
    service.kill();
    worker.join(30_000);
  }

  /** One start: it must answer /health 200 the first time (ServiceProcess fails with its log otherwise). */
  private void start() throws Exception {
    starts++;
    service = ServiceProcess.launch(config, work.resolve("service-" + starts + ".log"), port());
    long t0 = System.nanoTime();
    service.awaitHealthy();
    timings.add(String.format("start %d healthy in %.1f s", starts, (System.nanoTime() - t0) / 1e9));
    exchangeUrl = "http://127.0.0.1:" + service.port() + "/1c/exchange";
    api = new ApiClient(service.port(), TestConfig.API_TOKEN);
  }

  private int port;

  private int port() throws Exception {
    if (port == 0) port = ServiceProcess.freePort();
    return port;
  }

  private Path writeConfig() throws Exception {
    JsonObject json = TestConfig.base("embedded", work.resolve("bridge-data"));
    json.getJsonObject("http").put("port", port());
    json.getJsonObject("exchange").put("fileLimit", 1_048_576);
    json.put("opencart", new JsonObject().put("baseUrl", shop.baseUrl()).put("apiUsername", shop.apiUsername())
        .put("apiKey", shop.apiKey()).put("concurrency", 4));
    json.put("orders", new JsonObject().put("pollSeconds", 1).put("statusIds", new JsonArray().add(1)));
    Path file = work.resolve("crash-config.json");
    Files.writeString(file, json.encodePrettily());
    return file;
  }
}
