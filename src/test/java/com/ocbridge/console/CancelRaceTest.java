package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.JobControl;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's cancel races the runners claiming the same jobs: every job ends either claimed (and the cancel was
 * refused) or cancelled (and never claimed), never both, because each side is one conditional UPDATE.
 */
class CancelRaceTest {
  private static final int JOBS = 300;
  private static final int CLAIMERS = 4;

  @TempDir Path dataDir;

  @Test
  void everyJobIsEitherClaimedOrCancelledNeverBoth() throws Exception {
    Vertx vertx = Vertx.vertx();
    String dbUrl = TestDatabase.newDatabase();
    Pool pool = Database.pool(vertx, dbUrl, 12);
    try {
      Migrations.apply(vertx, dbUrl).await(60, TimeUnit.SECONDS);
      ExchangeStore store = new ExchangeStore(pool);
      JobControl control = new JobControl(vertx, pool, store, dataDir, () -> {});
      // one job per run, so that no job waits behind another and every one is claimable at once
      List<ExchangeStore.Job> jobs = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        ExchangeStore.Run run = store.startManualRun("catalog").await(10, TimeUnit.SECONDS);
        jobs.add(store.ensureJob(run.id(), "import", "import.xml", 1).await(10, TimeUnit.SECONDS));
      }
      Set<Long> claimed = ConcurrentHashMap.newKeySet();
      Set<Long> cancelled = ConcurrentHashMap.newKeySet();
      Set<Long> refused = ConcurrentHashMap.newKeySet();
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < CLAIMERS; i++) all.add(claimAll(store, claimed));
      // cancels in reverse order, so that they meet the claimers (oldest first) in the middle
      for (int i = jobs.size() - 1; i >= 0; i--) {
        ExchangeStore.Job job = jobs.get(i);
        all.add(control.cancel(job.runId(), job.id()).onSuccess(o -> (o.done() ? cancelled : refused).add(job.id())));
      }
      Future.all(all).await(120, TimeUnit.SECONDS);

      Set<Long> both = new HashSet<>(claimed);
      both.retainAll(cancelled);
      assertEquals(Set.of(), both, "jobs both claimed and cancelled");
      assertEquals(JOBS, claimed.size() + cancelled.size(), "every job is claimed or cancelled");
      assertEquals(claimed, refused, "a cancel is refused exactly when the runner had claimed the job");
      assertTrue(claimed.size() > 0 && cancelled.size() > 0, "the race happened: claimed " + claimed.size()
          + ", cancelled " + cancelled.size());
      for (Row r : pool.query("SELECT id, state, attempts FROM import_job").execute().await(10, TimeUnit.SECONDS)) {
        long id = r.getLong("id");
        String expected = cancelled.contains(id) ? "cancelled" : "running";
        assertEquals(expected, r.getString("state"), "job " + id);
        assertEquals(cancelled.contains(id) ? 0 : 1, r.getInteger("attempts"), "job " + id);
      }
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Claims until nothing is left to claim. */
  private static Future<Void> claimAll(ExchangeStore store, Set<Long> claimed) {
    return store.claimNextJob(600).compose(job -> {
      if (job.isEmpty()) return Future.succeededFuture();
      claimed.add(job.get().id());
      return claimAll(store, claimed);
    });
  }
}
