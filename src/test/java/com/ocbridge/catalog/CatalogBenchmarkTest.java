package com.ocbridge.catalog;

import com.ocbridge.testing.StubShopServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.exchange.ExchangeLog;
import com.ocbridge.exchange.ImportProcessor.ImportOutcome;
import com.ocbridge.exchange.ImportProcessor.ImportTask;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs a generated catalog (default 100,000 products; {@code -Dbench.products=N}) against {@link StubShopServer} and
 * an embedded Postgres, three times: first import (all new), the same files again (all unchanged), and offers
 * where every tenth product's stock changed. Reports products per second and HTTP calls per op; the report also
 * goes to {@code target/bench-catalog.txt}. Run with {@code scripts/bench-catalog}.
 */
@Tag("benchmark")
class CatalogBenchmarkTest {
  private static final int GROUPS = 50;

  @TempDir Path dir;

  @Test
  void syncGeneratedCatalog() throws Exception {
    int n = Integer.getInteger("bench.products", 100_000);
    Vertx vertx = Vertx.vertx();
    StubShopServer stub = new StubShopServer();
    // the shop's ping lists what it offers (the client refuses ops a ping did not list)
    stub.answer("ping", in -> new io.vertx.core.json.JsonObject().put("bridge_version", "1.0.0")
        .put("languages", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject().put("code", "ru-ru")
            .put("language_id", 1).put("default", true)))
        .put("capabilities", new io.vertx.core.json.JsonArray(java.util.List.of("products.upsert", "products.stock_price",
            "option.upsert", "category.upsert", "manufacturer.upsert", "attribute.upsert", "image.put", "images.put"))));
    String dbUrl = TestDatabase.newDatabase();
    Pool pool = Database.pool(vertx, dbUrl, 8);
    Migrations.apply(vertx, dbUrl).await(30, TimeUnit.SECONDS);
    OpenCartClient client = OpenCartClients.create(vertx, "bridge-v1",
        OpenCartSettings.of(stub.baseUrl(), "bench", "bench-key"));
    CatalogImportProcessor processor = new CatalogImportProcessor(vertx, pool, client, CatalogSettings.defaults());

    Path importFile = dir.resolve("import.xml");
    Path offersFile = dir.resolve("offers.xml");
    Path changedOffers = dir.resolve("offers-changed.xml");
    IntFunction<CatalogGenerator.Item> item = i -> CatalogGenerator.item(i, GROUPS);
    long t0 = System.nanoTime();
    CatalogGenerator.writeImport(importFile, false, GROUPS, lazy(n, item));
    CatalogGenerator.writeOffers(offersFile, lazy(n, item));
    CatalogGenerator.writeOffers(changedOffers, lazy(n, i -> i % 10 == 0
        ? item.apply(i).withQuantity(item.apply(i).quantityA() + 1000) : item.apply(i)));
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "catalog benchmark: %,d products, import.xml %,d bytes, offers.xml %,d bytes"
            + " (generated in %.1f s); %d cores, max heap %d MB%n", n, Files.size(importFile), Files.size(offersFile),
        seconds(t0), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));

    long[] jobs = {0};
    Phase dry = phase("0. dry run: change plan only (all new)", vertx, processor, pool, stub, jobs, "run-0", n, true,
        importFile, offersFile);
    report.append(dry.line());
    Phase first = phase("1. first import (all new)", vertx, processor, pool, stub, jobs, "run-1", n, false, importFile,
        offersFile);
    report.append(first.line());
    Phase second = phase("2. same files again (all unchanged)", vertx, processor, pool, stub, jobs, "run-2", n, false,
        importFile, offersFile);
    report.append(second.line());
    Phase third = phase("3. stock of every 10th product changed", vertx, processor, pool, stub, jobs, "run-3", n, false,
        changedOffers);
    report.append(third.line());
    Phase dryAgain = phase("4. dry run again (nothing changed)", vertx, processor, pool, stub, jobs, "run-4", n, true,
        importFile, changedOffers);
    report.append(dryAgain.line());
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "bench-catalog.txt"), report, StandardCharsets.UTF_8);

    assertEquals(n, first.items().get("products.upsert"), "every product created once");
    assertEquals(Map.of(), writes(second.calls()), "an unchanged catalog makes no write (ping only: its language)");
    assertEquals(Map.of(), writes(dry.calls()), "a dry run makes no write");
    assertEquals(0, dryAgain.planItems(), "nothing changed: an empty plan");
    assertEquals(2L * n + GROUPS, dry.planItems() - n, "a create per product and category, price and quantity per offer");
    long changed = (n + 9) / 10;
    assertEquals(Map.of("products.stock_price", (changed + 999) / 1000), writes(third.calls()),
        "stock changes in bulk calls only");
    stub.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** {@code planSeconds}: the jobs' change plans (computed before they write), part of {@code seconds}. */
  private record Phase(String name, int products, double seconds, Map<String, Long> calls, Map<String, Long> items,
      long peakHeapMb, double planSeconds, long planItems) {
    String line() {
      return String.format(Locale.ROOT, "%-42s %7.1f s  %,8.0f products/s  peak heap %4d MB  plan %5.1f s (%,d lines)"
          + "  calls %s  items %s%n", name, seconds, products / seconds, peakHeapMb, planSeconds, planItems, calls, items);
    }
  }

  private static Phase phase(String name, Vertx vertx, CatalogImportProcessor processor, Pool pool, StubShopServer stub,
      long[] jobs, String runId, int n, boolean dryRun, Path... files) throws Exception {
    stub.resetCounts();
    System.gc();
    HeapSampler heap = new HeapSampler();
    heap.start();
    long t0 = System.nanoTime();
    for (Path file : files) {
      ImportTask task = new ImportTask(++jobs[0], runId, "catalog", file, file.getFileName().toString(),
          ExchangeLog.of(runId), p -> { }, com.ocbridge.ordering.DataVersion.now(), dryRun);
      long f0 = System.nanoTime();
      ImportOutcome outcome = processor.process(task).await(30, TimeUnit.MINUTES);
      System.out.printf(Locale.ROOT, "%s %s: %.1f s %s%n", name, file.getFileName(), seconds(f0), outcome.counts());
    }
    double s = seconds(t0);
    heap.interrupt();
    var plans = pool.preparedQuery("SELECT coalesce(sum(computed_ms), 0)::bigint, coalesce(sum(items), 0)::bigint"
        + " FROM change_plan WHERE run_id = $1").execute(io.vertx.sqlclient.Tuple.of(runId)).await(30, TimeUnit.SECONDS)
        .iterator().next();
    return new Phase(name, n, s, stub.callsByOp(), stub.itemsByOp(), heap.peak >> 20, plans.getLong(0) / 1000.0,
        plans.getLong(1));
  }

  /** Samples used heap every 50 ms: a rough check that memory does not grow with the catalog. */
  private static final class HeapSampler extends Thread {
    volatile long peak;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      Runtime rt = Runtime.getRuntime();
      while (!isInterrupted()) {
        peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static Map<String, Long> writes(Map<String, Long> calls) {
    Map<String, Long> writes = new java.util.TreeMap<>(calls);
    writes.remove("ping");
    return writes;
  }

  private static Iterable<CatalogGenerator.Item> lazy(int n, IntFunction<CatalogGenerator.Item> f) {
    return () -> {
      Iterator<CatalogGenerator.Item> it = IntStream.range(0, n).mapToObj(f).iterator();
      return it;
    };
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

}
