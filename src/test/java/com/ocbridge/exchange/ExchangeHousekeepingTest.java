package com.ocbridge.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of finished exchanges are removed after a week; open and recent exchanges keep theirs. */
class ExchangeHousekeepingTest {
  @TempDir Path dataDir;

  @Test
  void oldFinishedRunsLoseTheirFilesButKeepTheirRecord() throws Exception {
    BridgeApp app = startApp();
    try {
      OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "catalog", true);
      assertEquals("success", onec.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
      onec.init();
      assertEquals("success", onec.postFile("import.xml", "<?xml version=\"1.0\"?><r/>".getBytes(StandardCharsets.UTF_8)).first());
      assertEquals("success", onec.call("complete", "").first());
      awaitNoPendingJobs(app); // complete queued the run's end job; a run with work still to do keeps its files
      String runId = app.pool().query("SELECT id FROM exchange_run").execute().await(10, TimeUnit.SECONDS)
          .iterator().next().getString("id");
      String runDir = dataDir.resolve("exchange").resolve(runId).toString();
      assertTrue(Files.exists(Path.of(runDir, "import.xml")));

      ExchangeHousekeeping housekeeping = housekeeping(app);
      assertEquals(0, housekeeping.removeOldFiles().await(10, TimeUnit.SECONDS), "a recent exchange keeps its files");
      assertTrue(Files.exists(Path.of(runDir, "import.xml")));

      app.pool().preparedQuery("UPDATE exchange_run SET last_seen_at = now() - interval '8 days' WHERE id = $1")
          .execute(Tuple.of(runId)).await(10, TimeUnit.SECONDS);
      assertEquals(1, housekeeping.removeOldFiles().await(10, TimeUnit.SECONDS));
      assertFalse(Files.exists(Path.of(runDir)), "the week-old exchange's folder is gone");
      assertEquals(0, housekeeping.removeOldFiles().await(10, TimeUnit.SECONDS), "done once");
      assertEquals(1, app.pool().query("SELECT count(*) FROM exchange_run WHERE files_removed_at IS NOT NULL").execute()
          .await(10, TimeUnit.SECONDS).iterator().next().getInteger(0), "the record stays, marked");
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  /** A run 1C never completed ends after RUN_IDLE_MINUTES, and a catalog run gets its end job (issue 13). */
  @Test
  void runsLeftOpenEndWithTheirEndJob() throws Exception {
    BridgeApp app = startApp();
    try {
      OneCExchangeClient onec = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "catalog", true);
      assertEquals("success", onec.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
      ExchangeHousekeeping housekeeping = housekeeping(app);
      assertEquals(0, housekeeping.endIdleRuns().await(10, TimeUnit.SECONDS), "a run in use stays open");

      app.pool().query("UPDATE exchange_run SET last_seen_at = now() - interval '11 minutes'").execute()
          .await(10, TimeUnit.SECONDS);
      assertEquals(1, housekeeping.endIdleRuns().await(10, TimeUnit.SECONDS));
      assertEquals(0, housekeeping.endIdleRuns().await(10, TimeUnit.SECONDS), "ended once");
      var row = app.pool().query("SELECT r.state, j.filename FROM exchange_run r JOIN import_job j ON j.run_id = r.id")
          .execute().await(10, TimeUnit.SECONDS).iterator().next();
      assertEquals("abandoned", row.getString("state"));
      assertEquals(ImportProcessor.RUN_END_JOB, row.getString("filename"));
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  private BridgeApp startApp() throws Exception {
    BridgeApp app = new BridgeApp(TestConfig.load(TestConfig.base(TestDatabase.newDatabase(), dataDir)),
        (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    return app;
  }

  private ExchangeHousekeeping housekeeping(BridgeApp app) {
    return new ExchangeHousekeeping(app.vertx(), new ExchangeStore(app.pool()), dataDir.resolve("exchange").toAbsolutePath());
  }

  private static void awaitNoPendingJobs(BridgeApp app) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && app.pool().query(
            "SELECT count(*) FROM import_job WHERE state IN ('queued', 'running')").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getInteger(0) > 0) {
      Thread.sleep(50);
    }
  }
}
