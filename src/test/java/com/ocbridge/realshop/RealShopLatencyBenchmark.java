package com.ocbridge.realshop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.RealShop;
import com.ocbridge.testing.RealShops;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13's latency benchmark (run by {@code scripts/bench-realshop --latency}, on the benchmark's own shop
 * instance): after a first exchange of 20 products, once a second, a fast stock message for one of them ({@code POST /api/v1/stock}, applied before it
 * answers) and a status change for one order ({@code POST /api/v1/orders/{id}/status}, queued, delivered by the
 * outbox; its latency is the outbox entry's {@code processed_at - created_at}), first with nothing else running,
 * then while a large generated catalog is imported. The report gives both latencies in both phases and their ratio
 * (one run, same machine, so the ratio is what counts), and the import's own time.
 */
@Tag("benchmark")
class RealShopLatencyBenchmark extends RealShopCatalogScenario {
  private static final String KEY = System.getProperty("bench.shop", "oc41");
  private static final int IDLE_PROBES = Integer.getInteger("bench.idleProbes", 30);

  record Sample(double stockMs, double statusMs) {}

  @Test
  @Timeout(value = 2, unit = TimeUnit.HOURS)
  void stockAndStatusLatencyWithAndWithoutALargeImport() throws Exception {
    String property = System.getProperty("ocbridge.realshop", "");
    assumeTrue(!property.isBlank() && !Path.of(property).toAbsolutePath().normalize().equals(RealShops.DEFAULT_DESCRIPTOR),
        "the latency benchmark runs through scripts/bench-realshop --latency (its own shop instance)");
    int n = Integer.getInteger("bench.products", 100_000);
    Path out = Path.of(System.getProperty("bench.out", RealShops.projectRoot().resolve("target").toString()));
    GeneratedCatalog.Generated g = GeneratedCatalog.write(out.resolve("bench-latency/1c"), n,
        ThreadLocalRandom.current().nextInt(1 << 20), false);
    // 20 products first (the big catalog's first 20 again, so it updates them): one of them is the stock probe and
    // is ordered once in the storefront for the status probes
    smallCatalog(KEY, 20, String.format(Locale.ROOT, "latency benchmark (%,d products)", n),
        new JsonObject().put("pollSeconds", 2).put("statusIds", new JsonArray().add(1)),
        Integer.getInteger("bench.concurrency", com.ocbridge.config.ConfigLoader.DEFAULT_CONCURRENCY));
    ExpectedCatalog.Product probe = plainProduct(0);
    long orderId = shop.placeOrder(List.of(new RealShop.OrderLine(snapshot.link("product", probe.id()), 1, Map.of())))
        .getLong("order_id");
    RealShop.await(Duration.ofSeconds(90), () -> bridgeHas(orderId));
    String sku = probe.sku();

    List<Sample> idle = new ArrayList<>();
    for (int i = 0; i < IDLE_PROBES; i++) idle.add(probe(sku, orderId, i));

    AtomicBoolean importing = new AtomicBoolean(true);
    double[] importSeconds = new double[1];
    Thread exchange = new Thread(() -> {
      long t0 = System.nanoTime();
      try {
        exchange("the large import", RealShopGeneratedCatalogTest.steps(g));
      } catch (Exception e) {
        System.out.println("[bench] the import failed: " + e);
      } finally {
        importSeconds[0] = (System.nanoTime() - t0) / 1e9;
        importing.set(false);
      }
    }, "1c-import");
    exchange.start();
    List<Sample> busy = new ArrayList<>();
    for (int i = IDLE_PROBES; importing.get(); i++) busy.add(probe(sku, orderId, i));
    exchange.join();

    String report = report(n, idle, busy, importSeconds[0]);
    System.out.print(report);
    Files.createDirectories(out);
    Files.writeString(out.resolve("bench-latency.txt"), report, StandardCharsets.UTF_8);
  }

  private boolean bridgeHas(long orderId) {
    try {
      return api.get("/api/v1/orders").json().getJsonArray("orders").stream()
          .anyMatch(o -> ((JsonObject) o).getLong("id") == orderId);
    } catch (Exception notYet) {
      return false;
    }
  }

  /** One stock message and one status change, then the rest of the second. */
  private Sample probe(String sku, long orderId, int i) throws Exception {
    long second = System.nanoTime();
    long t0 = System.nanoTime();
    ApiClient.Answer stock = api.postJson("/api/v1/stock", new JsonArray().add(new JsonObject()
        .put("sku", sku).put("qty", 100 + i % 50)).encode());
    double stockMs = (System.nanoTime() - t0) / 1e6;
    if (stock.status() != 200) throw new AssertionError("stock probe " + i + ": " + stock.body());
    ApiClient.Answer status = api.postJson("/api/v1/orders/" + orderId + "/status", new JsonObject()
        .put("status", i % 2 == 0 ? "2" : "1").put("comment", "latency probe " + i).encode());
    long queueId = status.json().getLong("queueId");
    double statusMs = deliveredMs(queueId);
    long rest = 1_000 - (System.nanoTime() - second) / 1_000_000;
    if (rest > 0) Thread.sleep(rest);
    return new Sample(stockMs, statusMs);
  }

  /** processed_at − created_at of the outbox entry, once it is done (the database's clock, no polling error). */
  private double deliveredMs(long queueId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      Row r = app.pool().preparedQuery("SELECT status, created_at, processed_at FROM outbox WHERE id = $1")
          .execute(Tuple.of(queueId)).await(10, TimeUnit.SECONDS).iterator().next();
      if ("done".equals(r.getString("status"))) {
        OffsetDateTime created = r.getOffsetDateTime("created_at");
        OffsetDateTime processed = r.getOffsetDateTime("processed_at");
        return Duration.between(created, processed).toNanos() / 1e6;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("status change " + queueId + " not delivered within 5 minutes");
  }

  private String report(int n, List<Sample> idle, List<Sample> busy, double importSeconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "[bench] latency on %s: %,d-product import in %.1f s (opencart.concurrency"
        + " %d, stock and order writes in their own lanes)%n", shop, n, importSeconds,
        Integer.getInteger("bench.concurrency", com.ocbridge.config.ConfigLoader.DEFAULT_CONCURRENCY)));
    sb.append(String.format(Locale.ROOT, "[bench] %-28s %6s %9s %9s %9s%n", "", "probes", "p50 ms", "p95 ms", "max ms"));
    line(sb, "fast stock, nothing else", idle.stream().map(Sample::stockMs).toList());
    line(sb, "fast stock, during import", busy.stream().map(Sample::stockMs).toList());
    line(sb, "order status, nothing else", idle.stream().map(Sample::statusMs).toList());
    line(sb, "order status, during import", busy.stream().map(Sample::statusMs).toList());
    sb.append(String.format(Locale.ROOT, "[bench] ratio during/without import: fast stock p50 %.2f p95 %.2f; order"
            + " status p50 %.2f p95 %.2f%n",
        ratio(busy, idle, Sample::stockMs, 50), ratio(busy, idle, Sample::stockMs, 95),
        ratio(busy, idle, Sample::statusMs, 50), ratio(busy, idle, Sample::statusMs, 95)));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String label, List<Double> values) {
    sb.append(String.format(Locale.ROOT, "[bench] %-28s %6d %9.0f %9.0f %9.0f%n", label, values.size(),
        percentile(values, 50), percentile(values, 95), percentile(values, 100)));
  }

  private static double ratio(List<Sample> busy, List<Sample> idle, java.util.function.ToDoubleFunction<Sample> f, int p) {
    return percentile(busy.stream().map(f::applyAsDouble).toList(), p)
        / percentile(idle.stream().map(f::applyAsDouble).toList(), p);
  }

  private static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) return Double.NaN;
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
