package com.ocbridge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.storage.Database;
import com.ocbridge.storage.Migrations;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox table's SQL against a real PostgreSQL. */
class OutboxTest {
  static final List<String> TYPES = List.of("t", "u");
  static final Duration LEASE = Duration.ofMinutes(1);

  static Vertx vertx;
  static Pool pool;
  static String url;
  static Outbox outbox;

  @BeforeAll
  static void setUp() {
    url = TestDatabase.newDatabase();
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, url, 8);
    Migrations.apply(vertx, url).await();
    outbox = new Outbox(pool);
  }

  @AfterAll
  static void tearDown() {
    vertx.close().await();
  }

  @BeforeEach
  void empty() {
    pool.query("TRUNCATE outbox").execute().await();
  }

  static Optional<Long> enqueue(String type, String key, String orderingKey) {
    return pool.withTransaction(tx -> outbox.enqueue(tx, type, key, orderingKey, new JsonObject().put("k", key)))
        .await();
  }

  static List<Long> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::id).toList();
  }

  @Test
  void enqueueBelongsToTheCallersTransactionAndEachKeyIsQueuedOnce() {
    Future<Object> rolledBack = pool.withTransaction(tx -> outbox.enqueue(tx, "t", "k1", new JsonObject())
        .compose(id -> Future.failedFuture("the business change failed")));
    assertTrue(rolledBack.transform(ar -> Future.succeededFuture(ar.failed())).await());
    assertEquals(0, outbox.stats().await().pending(), "rolled back with the caller's change");

    Optional<Long> first = enqueue("t", "k1", null);
    Optional<Long> again = enqueue("t", "k1", null);
    assertTrue(first.isPresent());
    assertTrue(again.isEmpty(), "the same work is never queued twice");
    OutboxEntry entry = outbox.get(first.get()).await().orElseThrow();
    assertEquals(OutboxStatus.PENDING, entry.status());
    assertEquals("k1", entry.payload().getString("k"));
    assertEquals(1, outbox.stats().await().pending());
  }

  @Test
  void notifyArrivesOnlyWhenTheTransactionCommits() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url));
    subscriber.channel(Outbox.CHANNEL).handler(heard::add);
    subscriber.connect().await();
    try {
      pool.withTransaction(tx -> outbox.enqueue(tx, "u", "rolled", new JsonObject())
          .compose(id -> Future.failedFuture("no"))).otherwiseEmpty().await();
      enqueue("t", "committed", null);
      long deadline = System.currentTimeMillis() + 5_000;
      while (heard.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20);
      Thread.sleep(100);
      assertEquals(List.of("t"), heard);
    } finally {
      subscriber.close().await();
    }
  }

  @Test
  void claimTakesDueEntriesInCreationOrderAndRecordsTheLease() {
    long a = enqueue("t", "a", null).orElseThrow();
    long b = enqueue("t", "b", null).orElseThrow();
    long c = enqueue("t", "c", null).orElseThrow();
    List<OutboxEntry> claimed = outbox.claim(2, LEASE, "w1", TYPES).await();
    assertEquals(List.of(a, b), ids(claimed));
    OutboxEntry first = claimed.get(0);
    assertEquals(OutboxStatus.PROCESSING, first.status());
    assertEquals(1, first.attempts());
    assertEquals("w1", first.claimedBy());
    assertTrue(first.nextAttemptAt().isAfter(first.lastAttemptAt().plusSeconds(50)), "lease end");
    assertEquals(List.of(c), ids(outbox.claim(5, LEASE, "w2", TYPES).await()));
    assertTrue(outbox.claim(5, LEASE, "w3", TYPES).await().isEmpty(), "claimed entries are not handed out again");
    assertTrue(outbox.claim(5, LEASE, "w3", List.of("other")).await().isEmpty());
  }

  @Test
  void concurrentClaimersNeverGetTheSameEntry() {
    for (int i = 0; i < 400; i++) enqueue("t", "c" + i, null);
    List<Future<List<OutboxEntry>>> rounds = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    // four claimers in parallel, repeatedly, until the table is drained
    while (true) {
      rounds.clear();
      for (int w = 0; w < 4; w++) rounds.add(outbox.claim(7, LEASE, "w" + w, TYPES));
      Future.join(new ArrayList<>(rounds)).await();
      int got = 0;
      for (Future<List<OutboxEntry>> f : rounds) {
        all.addAll(ids(f.result()));
        got += f.result().size();
      }
      if (got == 0) break;
    }
    assertEquals(400, all.size());
    assertEquals(400, new HashSet<>(all).size(), "no entry claimed twice");
  }

  @Test
  void anEntryWaitingForItsRetryHoldsBackLaterEntriesOfItsType() {
    long a = enqueue("t", "a", null).orElseThrow();
    long b = enqueue("t", "b", null).orElseThrow();
    long other = enqueue("u", "x", null).orElseThrow();
    OutboxEntry claimedA = outbox.claim(1, LEASE, "w", TYPES).await().get(0);
    assertEquals(a, claimedA.id());
    assertTrue(outbox.markRetry(claimedA, "HTTP 503", Duration.ofMinutes(10)).await());
    // b must not overtake a; the other type is not held
    assertEquals(List.of(other), ids(outbox.claim(5, LEASE, "w", TYPES).await()));
    // once a is a dead letter, the line moves on
    assertEquals(OutboxStatus.PENDING, outbox.get(a).await().orElseThrow().status());
    pool.query("UPDATE outbox SET next_attempt_at = now() WHERE id = " + a).execute().await();
    OutboxEntry again = outbox.claim(1, LEASE, "w", TYPES).await().get(0);
    assertEquals(a, again.id());
    assertEquals(2, again.attempts());
    assertTrue(outbox.markFailed(again, "HTTP 422 UNKNOWN_SKU").await());
    assertEquals(List.of(b), ids(outbox.claim(5, LEASE, "w", TYPES).await()));
  }

  @Test
  void entriesWithOneOrderingKeyGoOneAtATime() {
    long s1 = enqueue("t", "status-1", "order:7").orElseThrow();
    long s2 = enqueue("t", "status-2", "order:7").orElseThrow();
    long other = enqueue("t", "status-3", "order:8").orElseThrow();
    List<OutboxEntry> claimed = outbox.claim(5, LEASE, "w", TYPES).await();
    assertEquals(List.of(s1, other), ids(claimed), "s2 waits while s1 is in flight");
    assertTrue(outbox.markDone(claimed.get(0), null).await());
    assertEquals(List.of(s2), ids(outbox.claim(5, LEASE, "w", TYPES).await()));
  }

  @Test
  void anExpiredLeaseIsClaimedAgainAndTheOldClaimersAnswerIsIgnored() throws Exception {
    long id = enqueue("t", "slow", null).orElseThrow();
    OutboxEntry dead = outbox.claim(1, Duration.ofMillis(100), "dead-worker", TYPES).await().get(0);
    assertTrue(outbox.claim(1, LEASE, "w2", TYPES).await().isEmpty(), "leased");
    Thread.sleep(250);
    OutboxEntry second = outbox.claim(1, LEASE, "w2", TYPES).await().get(0);
    assertEquals(id, second.id());
    assertEquals(2, second.attempts());
    assertNotEquals(dead.claimToken(), second.claimToken());
    assertFalse(outbox.markFailed(dead, "late answer of the old claimer").await(), "fenced by the claim token");
    assertTrue(outbox.markDone(second, new JsonObject().put("number", "ЦБ-1")).await());
    OutboxEntry done = outbox.get(id).await().orElseThrow();
    assertEquals(OutboxStatus.DONE, done.status());
    assertEquals("ЦБ-1", done.result().getString("number"));
    assertTrue(done.processedAt() != null);
  }

  @Test
  void releaseTakesTheAttemptBack() {
    enqueue("t", "r", null);
    OutboxEntry claimed = outbox.claim(1, LEASE, "w", TYPES).await().get(0);
    assertTrue(outbox.release(claimed, Duration.ZERO).await());
    OutboxEntry back = outbox.get(claimed.id()).await().orElseThrow();
    assertEquals(OutboxStatus.PENDING, back.status());
    assertEquals(0, back.attempts());
  }

  @Test
  void operatorReplayResetsADeadLetter() {
    long id = enqueue("t", "dl", null).orElseThrow();
    for (int i = 0; i < 3; i++) {
      OutboxEntry e = outbox.claim(1, LEASE, "w", TYPES).await().get(0);
      if (i < 2) {
        outbox.markRetry(e, "try " + i, Duration.ZERO).await();
      } else {
        outbox.markFailed(e, "HTTP 422 UNKNOWN_SKU: Номенклатура A-100 не найдена").await();
      }
    }
    OutboxEntry failed = outbox.get(id).await().orElseThrow();
    assertEquals(OutboxStatus.FAILED, failed.status());
    assertEquals(3, failed.attempts());

    Outbox.Replay replay = outbox.retry(id).await();
    assertEquals(Outbox.ReplayOutcome.REPLAYED, replay.outcome());
    OutboxEntry pending = replay.entry().orElseThrow();
    assertEquals(OutboxStatus.PENDING, pending.status());
    assertEquals(0, pending.attempts());
    assertTrue(pending.lastError().contains("UNKNOWN_SKU"), "kept until the next attempt");

    OutboxEntry e = outbox.claim(1, LEASE, "w", TYPES).await().get(0);
    assertEquals(Outbox.ReplayOutcome.NOT_RETRYABLE, outbox.retry(id).await().outcome(), "in flight");
    outbox.markDone(e, null).await();
    assertEquals(Outbox.ReplayOutcome.NOT_RETRYABLE, outbox.retry(id).await().outcome(), "done");
    assertEquals(Outbox.ReplayOutcome.NOT_FOUND, outbox.retry(999_999).await().outcome());
  }

  @Test
  void statsAndListShowTheOpenWork() throws Exception {
    long a = enqueue("t", "a", null).orElseThrow();
    long b = enqueue("t", "b", null).orElseThrow();
    long c = enqueue("u", "c", null).orElseThrow();
    OutboxEntry claimed = outbox.claim(1, LEASE, "w", TYPES).await().get(0);
    outbox.markFailed(claimed, "nope").await();
    outbox.claim(1, LEASE, "w", TYPES).await();
    Thread.sleep(50);
    OutboxStats stats = outbox.stats().await();
    assertEquals(1, stats.pending());
    assertEquals(1, stats.processing());
    assertEquals(1, stats.failed());
    assertTrue(stats.oldestPendingSeconds() >= 0.05 && stats.oldestPendingSeconds() < 60, "" + stats);
    assertEquals(List.of(a), ids(outbox.list(Optional.of(OutboxStatus.FAILED), 10).await()));
    assertEquals(List.of(c), ids(outbox.list(Optional.of(OutboxStatus.PENDING), 10).await()));
    assertEquals(List.of(c, b, a), ids(outbox.list(Optional.empty(), 10).await()));
    Set<Long> one = new HashSet<>(ids(outbox.list(Optional.empty(), 1).await()));
    assertEquals(Set.of(c), one);
  }
}
