package com.ocbridge.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention against a real PostgreSQL: old finished rows go, in batches; everything still needed (open work, dead
 * letters, keys and answers inside their window, batches 1C may still confirm) stays.
 */
class RetentionTest {
  static final BridgeConfig.Retention DEFAULTS = new BridgeConfig.Retention(true, 30, 7, 30, 2, 500, 60);

  static Vertx vertx;
  static Pool pool;
  static Outbox outbox;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    String dbUrl = TestDatabase.newDatabase();
    pool = Database.pool(vertx, dbUrl, 4);
    Migrations.apply(vertx, dbUrl).await();
    outbox = new Outbox(pool);
  }

  @AfterAll
  static void tearDown() {
    vertx.close().await();
  }

  @BeforeEach
  void empty() {
    pool.query("TRUNCATE outbox, stock_message, sale_batch, sale_batch_order, exchange_session, exchange_run CASCADE")
        .execute().await();
  }

  static List<Retention.Purged> runWith(BridgeConfig.Retention settings) {
    return Retention.of(vertx, pool, settings).runOnce().await();
  }

  static Retention.Purged of(List<Retention.Purged> run, String table) {
    return run.stream().filter(p -> p.table().equals(table)).findFirst().orElseThrow();
  }

  static Optional<Long> enqueue(String key) {
    return pool.withTransaction(tx -> outbox.enqueue(tx, "t", key, new JsonObject().put("k", key))).await();
  }

  /** An entry in {@code status}, created and (unless open) finished {@code daysAgo} days ago. */
  static void outboxEntry(String key, String status, int daysAgo) {
    long id = enqueue(key).orElseThrow();
    pool.preparedQuery("""
            UPDATE outbox SET status = $2, created_at = now() - make_interval(days => $3),
                   processed_at = CASE WHEN $2 IN ('done', 'failed') THEN now() - make_interval(days => $3) END
             WHERE id = $1""")
        .execute(Tuple.of(id, status, daysAgo)).await();
  }

  static List<String> strings(String sql) {
    List<String> list = new ArrayList<>();
    for (Row r : pool.query(sql).execute().await()) list.add(r.getString(0));
    return list;
  }

  static long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  void oldDeliveredEntriesGoOpenWorkAndDeadLettersStay() {
    outboxEntry("old-done", "done", 31);
    outboxEntry("recent-done", "done", 29);
    outboxEntry("old-pending", "pending", 90);
    outboxEntry("old-processing", "processing", 90);
    outboxEntry("old-dead-letter", "failed", 90);

    assertEquals(1, of(runWith(DEFAULTS), "outbox").rows());

    assertEquals(List.of("old-dead-letter", "old-pending", "old-processing", "recent-done"),
        strings("SELECT unique_key FROM outbox ORDER BY unique_key"));
    assertTrue(enqueue("recent-done").isEmpty(), "a resubmission inside the window is still deduplicated");
    assertTrue(enqueue("old-dead-letter").isEmpty(), "and so is one of a dead letter, whatever its age");
    assertTrue(enqueue("old-done").isPresent(), "past the window the key is free again (README: Retention)");
    assertEquals(0, of(runWith(DEFAULTS), "outbox").rows(), "a second run finds nothing more");
  }

  @Test
  void moreRowsThanOneBatchGoInSeveralStatements() {
    pool.query("""
            INSERT INTO outbox (type, unique_key, payload, status, created_at, processed_at)
            SELECT 't', 'bulk-' || g, '{}'::jsonb, 'done', now() - interval '40 days', now() - interval '40 days'
              FROM generate_series(1, 1234) g""").execute().await();
    enqueue("fresh");

    Retention.Purged purged = of(runWith(new BridgeConfig.Retention(true, 30, 7, 30, 2, 100, 60)), "outbox");

    assertEquals(1234, purged.rows());
    assertEquals(13, purged.batches(), "twelve full statements of 100 and one of 34");
    assertEquals(List.of("fresh"), strings("SELECT unique_key FROM outbox"));
  }

  @Test
  void eachStatementDeletesAtMostTheBatchSize() {
    List<Integer> sizes = new ArrayList<>();
    AtomicInteger left = new AtomicInteger(250);
    Retention.BatchDelete fake = (days, limit) -> {
      int n = Math.min(limit, left.get());
      left.addAndGet(-n);
      sizes.add(n);
      return Future.succeededFuture(n);
    };
    Retention retention = new Retention(vertx, List.of(new Retention.Table("t", 1, fake)), 100,
        Duration.ofMinutes(1), true);
    assertEquals(250, retention.runOnce().await().get(0).rows());
    assertEquals(List.of(100, 100, 50), sizes);
  }

  @Test
  void aFailingTableIsLoggedAndTheOthersArePurgedAllTheSame() {
    List<String> ran = new ArrayList<>();
    Retention retention = new Retention(vertx, List.of(
        new Retention.Table("broken", 1, (d, n) -> {
          throw new IllegalStateException("boom");
        }),
        new Retention.Table("fine", 1, (d, n) -> {
          ran.add("fine");
          return Future.succeededFuture(0);
        })), 10, Duration.ofMinutes(1), true);
    List<Retention.Purged> run = retention.runOnce().await();
    assertTrue(of(run, "broken").failed());
    assertFalse(of(run, "fine").failed());
    assertEquals(List.of("fine"), ran);
    assertEquals(2, retention.runOnce().await().size(), "a failed run does not leave the next one blocked");
  }

  @Test
  void runsNeverOverlap() {
    io.vertx.core.Promise<Integer> held = io.vertx.core.Promise.promise();
    Retention retention = new Retention(vertx, List.of(new Retention.Table("slow", 1, (d, n) -> held.future())), 10,
        Duration.ofMinutes(1), true);
    Future<List<Retention.Purged>> first = retention.runOnce();
    assertEquals(List.of(), retention.runOnce().await(), "the second start is a no-op while the first runs");
    held.complete(0);
    assertEquals(1, first.await().size());
  }

  @Test
  void answeredStockMessagesGoWhatARepeatStillNeedsStays() {
    pool.query("""
            INSERT INTO stock_message (message_id, state, result, created_at, updated_at) VALUES
              ('old-applied', 'applied', '{}', now() - interval '8 days', now() - interval '8 days'),
              ('old-stale-applying', 'applying', NULL, now() - interval '8 days', now() - interval '8 days'),
              ('recent-applied', 'applied', '{}', now() - interval '6 days', now() - interval '6 days'),
              ('old-queued', 'queued', '{"queueId": 1}', now() - interval '60 days', now() - interval '60 days'),
              ('old-via-outbox', 'applied', '{}', now() - interval '20 days', now() - interval '10 days')""")
        .execute().await();
    // delivered from the outbox 10 days ago: its entry (key stock:<id>) is inside the outbox's 30 days
    outboxEntry("stock:old-via-outbox", "done", 10);

    assertEquals(2, of(runWith(DEFAULTS), "stock_message").rows());
    assertEquals(List.of("old-queued", "old-via-outbox", "recent-applied"),
        strings("SELECT message_id FROM stock_message ORDER BY message_id"));

    // once the outbox entry has gone too, so may the message (both in one run: the outbox goes first)
    pool.query("UPDATE outbox SET processed_at = now() - interval '31 days'").execute().await();
    List<Retention.Purged> run = runWith(DEFAULTS);
    assertEquals(1, of(run, "outbox").rows());
    assertEquals(1, of(run, "stock_message").rows());
    assertEquals(List.of("old-queued", "recent-applied"),
        strings("SELECT message_id FROM stock_message ORDER BY message_id"));
  }

  @Test
  void settledSaleBatchesGoWithTheirOrdersBatchesOneCMayConfirmStay() {
    pool.query("INSERT INTO exchange_run (id, type, state) VALUES ('done1', 'sale', 'completed'), ('open1', 'sale', 'open')")
        .execute().await();
    long oldConfirmed = batch("done1", 40, 31, 2500);
    long recentConfirmed = batch("done1", 20, 20, 3);
    long oldUnconfirmedClosed = batch("done1", 40, null, 4);
    long oldUnconfirmedOpen = batch("open1", 40, null, 5);

    List<Retention.Purged> run = runWith(new BridgeConfig.Retention(true, 30, 7, 30, 2, 1000, 60));

    assertEquals(2504, of(run, "sale_batch_order").rows());
    assertEquals(3, of(run, "sale_batch_order").batches(), "2,500 order rows of one batch go in slices");
    assertEquals(2, of(run, "sale_batch").rows());
    assertEquals(List.of(String.valueOf(recentConfirmed), String.valueOf(oldUnconfirmedOpen)),
        strings("SELECT id::text FROM sale_batch ORDER BY id"));
    assertEquals(8, count("SELECT count(*) FROM sale_batch_order"));
    assertEquals(0, count("SELECT count(*) FROM sale_batch_order WHERE batch_id IN (" + oldConfirmed + ", "
        + oldUnconfirmedClosed + ")"));
  }

  /** A batch of {@code orders} orders created {@code daysAgo}, confirmed {@code confirmedDaysAgo} (null = not). */
  static long batch(String runId, int daysAgo, Integer confirmedDaysAgo, int orders) {
    long id = pool.preparedQuery("""
            INSERT INTO sale_batch (run_id, orders, created_at, confirmed_at)
            VALUES ($1, $2, now() - make_interval(days => $3), now() - make_interval(days => $4)) RETURNING id""")
        .execute(Tuple.of(runId, orders, daysAgo, confirmedDaysAgo)).await().iterator().next().getLong(0);
    pool.preparedQuery("INSERT INTO sale_batch_order (batch_id, order_id, version) SELECT $1, g, 1 FROM generate_series(1, $2) g")
        .execute(Tuple.of(id, orders)).await();
    return id;
  }
}
