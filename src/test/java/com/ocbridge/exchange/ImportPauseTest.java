package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the shop is down an import pauses instead of failing: 1C is answered progress with the reason, the job runs
 * again by itself, and the next file of the exchange waits behind it so files are applied in the order 1C sent them.
 */
class ImportPauseTest {
  @TempDir Path dataDir;

  @Test
  void anImportWhoseShopIsDownPausesAndResumesInOrder() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<String> applied = new CopyOnWriteArrayList<>();
    BridgeApp app = start(attempts, applied, pool -> Future.succeededFuture());
    try {
      OneCExchangeClient onec = exchange(app);
      byte[] xml = "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8);
      assertEquals("success", onec.postFile("import.xml", xml).first());
      assertEquals("success", onec.postFile("offers.xml", xml).first());
      // the first attempt fails at once and the job pauses for 10 s: both calls below (about 2 s each) fall inside it
      OneCExchangeClient.Reply paused = onec.call("import", "&filename=import.xml");
      assertEquals("progress", paused.first(), paused.text());
      assertTrue(paused.text().contains("приостановлен") && paused.text().contains("магазин OpenCart недоступен"),
          paused.text());
      assertTrue(!paused.text().contains("unreachable") && !paused.text().contains("Exception"), paused.text());
      // the next file waits behind the paused one: offers must never reach the shop before their products
      OneCExchangeClient.Reply waiting = onec.call("import", "&filename=offers.xml");
      assertEquals("progress", waiting.first(), waiting.text());
      assertEquals(List.of(), applied, "nothing applied while the shop is down");

      OneCExchangeClient.Reply done = onec.importFile("import.xml");
      assertEquals("success", done.first(), done.text());
      assertEquals(2, attempts.get(), "ran again by itself after the pause");
      assertEquals("success", onec.importFile("offers.xml").first());
      assertEquals(List.of("import.xml", "offers.xml"), applied);
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aJobWhosePauseCannotBeStoredIsReleasedAndRunsAgainWhenItsLeaseLapses() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<String> applied = new CopyOnWriteArrayList<>();
    // the database refuses to store the pause (any write that puts the job back in the queue)
    BridgeApp app = start(attempts, applied, pool -> pool.query(
        "ALTER TABLE import_job ADD CONSTRAINT test_no_requeue CHECK (state <> 'paused')").execute().mapEmpty());
    try {
      OneCExchangeClient onec = exchange(app);
      assertEquals("success", onec.postFile("import.xml", "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8)).first());
      assertEquals("progress", onec.call("import", "&filename=import.xml").first());
      assertEquals(1, attempts.get());
      app.pool().query("ALTER TABLE import_job DROP CONSTRAINT test_no_requeue").execute().await(10, TimeUnit.SECONDS);
      // before: the heartbeat kept renewing the lease of a job no worker ran, and it stayed running for ever
      OneCExchangeClient.Reply done = onec.importFile("import.xml");
      assertEquals("success", done.first(), done.text());
      assertEquals(2, attempts.get(), "claimed again once the lease of the released job lapsed");
      assertEquals(List.of("import.xml"), applied);
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  /**
   * The bridge with a catalog processor whose first attempt at import.xml finds the shop down (after {@code
   * beforeFailing} ran against the database); later attempts apply the file.
   */
  private BridgeApp start(AtomicInteger attempts, List<String> applied, Function<Pool, Future<Void>> beforeFailing)
      throws Exception {
    BridgeApp app = new BridgeApp(TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir)),
        (vertx, pool, cfg, shop) -> {
          DigestProcessor digest = new DigestProcessor(vertx);
          return Map.of("catalog", task -> {
            if (task.filename().equals("import.xml") && attempts.incrementAndGet() == 1) {
              return beforeFailing.apply(pool).compose(v -> Future.failedFuture(
                  new ImportProcessor.TargetUnavailable("магазин OpenCart недоступен: он ответил HTTP 503", null)));
            }
            applied.add(task.filename());
            return digest.process(task);
          });
        });
    app.start().await(60, TimeUnit.SECONDS);
    return app;
  }

  private static OneCExchangeClient exchange(BridgeApp app) throws Exception {
    OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "catalog", false);
    onec.checkauth(TestConfig.USER, TestConfig.PASSWORD);
    onec.init();
    return onec;
  }
}
