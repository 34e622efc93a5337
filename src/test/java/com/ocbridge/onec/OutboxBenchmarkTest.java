package com.ocbridge.onec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxWorker;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10,000 queued order pushes delivered to a stub 1C that answers at once, with 1C concurrency 16 and with the
 * default 2. Run with {@code scripts/bench-outbox}; excluded from the normal test run.
 *
 * <p>The stub is a tiny Vert.x HTTP server on its own Vert.x instance rather than WireMock: on a 2-core machine
 * WireMock's Jetty and request journal would be what is measured. It still checks each idempotency key arrives
 * once. Timing starts when the worker is deployed (all 10,000 already queued) and ends when the last entry is done
 * in the database.
 */
@Tag("benchmark")
class OutboxBenchmarkTest {
  static {
    // one log line per delivery is the production default; 20,000 of them would be measured too
    System.setProperty("org.slf4j.simpleLogger.log.com.ocbridge.outbox.OutboxWorker", "warn");
  }

  static final int ORDERS = Integer.getInteger("bench.orders", 10_000);
  static Vertx stubVertx;
  static HttpServer stub;
  static final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  static final AtomicInteger inFlight = new AtomicInteger();
  static final AtomicInteger peak = new AtomicInteger();
  static final List<String> report = new ArrayList<>();

  @BeforeAll
  static void startStub() {
    stubVertx = Vertx.vertx();
    stub = stubVertx.createHttpServer().requestHandler(req -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      req.body().onSuccess(body -> {
        String key = req.getHeader("Idempotency-Key");
        boolean first = seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1;
        String id = new JsonObject(body).getString("siteOrderId");
        inFlight.decrementAndGet();
        req.response().setStatusCode(first ? 201 : 200).putHeader("Content-Type", OneCFixtures.JSON)
            .end(first ? OneCFixtures.created(id) : OneCFixtures.exists(id));
      });
    }).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stopStub() throws Exception {
    stubVertx.close().await();
    Path out = Path.of("target", "benchmark-outbox.txt");
    Files.write(out, report, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    report.forEach(line -> System.out.println("BENCH " + line));
  }

  @Test
  void concurrencySixteen() {
    double perSecond = run(16, 32);
    assertTrue(perSecond >= 500, "goal: at least 500 deliveries/s with the limit raised, got " + perSecond);
  }

  @Test
  void defaultConcurrencyTwo() {
    run(2, 2);
  }

  private double run(int maxConcurrent, int maxInFlight) {
    seen.clear();
    peak.set(0);
    String url = TestDatabase.newDatabase();
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.pool(vertx, url, 16);
      Migrations.apply(vertx, url).await();
      Outbox outbox = new Outbox(pool);
      long queueStarted = System.nanoTime();
      for (int from = 1; from <= ORDERS; from += 500) {
        int start = from;
        pool.withTransaction(tx -> {
          Future<?> chain = Future.succeededFuture();
          for (int i = start; i < start + 500 && i <= ORDERS; i++) {
            int id = i;
            chain = chain.compose(v -> OneCOrderHandler.enqueue(outbox, tx, Orders.order(id)));
          }
          return chain;
        }).await();
      }
      long queueMs = (System.nanoTime() - queueStarted) / 1_000_000;
      // what autovacuum does within a minute on a real server; without statistics on a table filled a moment ago
      // the planner sorts the whole backlog for every claim
      pool.query("ANALYZE outbox").execute().await();

      OneCPushSettings push = OneCPushSettings.defaults(URI.create("http://127.0.0.1:" + stub.actualPort() + "/hs/site/v1"),
          OneCStub.USER, OneCStub.PASSWORD).withMaxConcurrent(maxConcurrent);
      OneCOrdersClient client = new OneCOrdersClient(vertx, push);
      OutboxWorker worker = new OutboxWorker(outbox, null, Map.of(OneCOrderHandler.TYPE, new OneCOrderHandler(client)),
          OutboxWorker.Settings.defaults().withMaxInFlight(maxInFlight).withPollInterval(Duration.ofMillis(50)));
      long started = System.nanoTime();
      vertx.deployVerticle(worker).await();
      while (outbox.stats().await().pending() + outbox.stats().await().processing() > 0) {
        sleep(20);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long done = pool.query("SELECT count(*) FROM outbox WHERE status = 'done'").execute().await()
          .iterator().next().getLong(0);
      assertEquals(ORDERS, done);
      assertEquals(ORDERS, seen.size(), "every order reached the stub");
      assertTrue(seen.values().stream().allMatch(n -> n.get() == 1), "each order exactly once");
      assertTrue(peak.get() <= maxConcurrent, "peak requests at the stub " + peak.get());
      double perSecond = ORDERS / seconds;
      report.add(String.format("%s maxConcurrent=%d workerMaxInFlight=%d orders=%d seconds=%.2f deliveries/s=%.0f "
              + "peakAtStub=%d (queueing %d orders took %d ms; %d cores; java %s)", Instant.now(), maxConcurrent,
          maxInFlight, ORDERS, seconds, perSecond, peak.get(), ORDERS, queueMs,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
      return perSecond;
    } finally {
      vertx.close().await();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
