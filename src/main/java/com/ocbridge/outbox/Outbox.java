package com.ocbridge.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table: queueing inside the caller's transaction, claiming with {@code FOR UPDATE SKIP LOCKED} so
 * that several service instances can share one database, and recording outcomes. All SQL of the outbox is here.
 *
 * <p><b>Order.</b> Entries are claimed in id (creation) order, with two rules on top:
 * <ul>
 *   <li><b>Head of line per type.</b> While an entry is waiting for a retry, no later entry of the same type is
 *       claimed. A 1C that is down, busy or locked for maintenance answers every order the same way, so holding
 *       the line costs nothing, and it keeps orders reaching 1C in the order they were placed (a later order
 *       never overtakes an earlier one that is backing off). A dead letter ({@code failed}) no longer holds the
 *       line. Entries of one type may still be in flight side by side, up to the worker's and handler's limits.
 *   <li><b>Strict per ordering key.</b> An entry with an ordering key is not claimed while an earlier entry with
 *       the same key is pending or processing: such entries are delivered one at a time (e.g. two status changes
 *       of one order).
 * </ul>
 *
 * <p><b>Same key, changed payload.</b> {@code unique_key} is unique for the table's lifetime: a second enqueue
 * with a known key is ignored, whatever its payload, and answers an empty Optional. Work whose content can change
 * (an edited order) must put a revision into its key; 1C's own idempotency check answers 409 ORDER_CHANGED to a
 * changed order under the same idempotency key anyway, so silently replacing a payload would only hide that.
 *
 * <p>Times such as retry delays are applied with the database clock ({@code now() + delay}), so instances with
 * skewed clocks still agree on when an entry is due and when a lease has expired.
 */
public final class Outbox {
  /** The LISTEN/NOTIFY channel; the payload of a notification is the entry's type. */
  public static final String CHANNEL = "outbox";

  private final Pool pool;

  public Outbox(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** {@link #enqueue(SqlConnection, String, String, String, JsonObject)} without an ordering key. */
  public Future<Optional<Long>> enqueue(SqlConnection tx, String type, String uniqueKey, JsonObject payload) {
    return enqueue(tx, type, uniqueKey, null, payload);
  }

  /**
   * Queues work inside the caller's transaction: the entry exists if and only if the caller's change commits, and
   * the workers are woken by a NOTIFY that Postgres delivers at that commit.
   *
   * @param tx a connection inside the caller's open transaction ({@code pool.withTransaction(tx -> ...)})
   * @return the new entry's id, or empty when an entry with this unique key was queued before
   */
  public Future<Optional<Long>> enqueue(SqlConnection tx, String type, String uniqueKey, String orderingKey,
      JsonObject payload) {
    return tx.preparedQuery("""
            INSERT INTO outbox (type, unique_key, ordering_key, payload) VALUES ($1, $2, $3, $4)
            ON CONFLICT (unique_key) DO NOTHING RETURNING id""")
        .execute(Tuple.of(type, uniqueKey, orderingKey, payload))
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(Optional.<Long>empty());
          long id = rows.iterator().next().getLong("id");
          return notify(tx, type).map(v -> Optional.of(id));
        });
  }

  private static Future<Void> notify(SqlClient client, String type) {
    return client.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, type)).mapEmpty();
  }

  /**
   * Claims up to {@code max} due entries (pending and due, or processing with an expired lease) in id order,
   * marks them processing with a lease of {@code lease}, a fresh claim token and one more attempt.
   * Entries locked by a concurrent claimer are skipped, never waited for. Only entries of {@code types} (those the
   * caller has handlers for) are claimed, so an instance never takes work it cannot do.
   */
  public Future<List<OutboxEntry>> claim(int max, Duration lease, String claimer, List<String> types) {
    // The head-of-line rule is a join against the first waiting entry per type (few rows, found through the
    // outbox_waiting index) rather than a correlated NOT EXISTS: with fresh, unanalysed statistics the planner ran
    // that as a nested loop over the whole queue, hundreds of milliseconds per claim at 10,000 entries.
    return pool.preparedQuery("""
            WITH waiting AS MATERIALIZED (
              SELECT type, min(id) AS first_id FROM outbox
               WHERE status = 'pending' AND next_attempt_at > now() AND type = ANY($4)
               GROUP BY type),
            picked AS (
              SELECT o.id FROM outbox o
                LEFT JOIN waiting w ON w.type = o.type
               WHERE o.status IN ('pending', 'processing') AND o.next_attempt_at <= now()
                 AND o.type = ANY($4)
                 AND (w.first_id IS NULL OR o.id < w.first_id)
                 AND (o.ordering_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM outbox s
                         WHERE s.ordering_key = o.ordering_key AND s.status IN ('pending', 'processing')
                           AND s.id < o.id))
               ORDER BY o.id
               LIMIT $1
               FOR UPDATE OF o SKIP LOCKED)
            UPDATE outbox o
               SET status = 'processing', attempts = o.attempts + 1,
                   next_attempt_at = now() + $2 * interval '1 millisecond',
                   claim_token = gen_random_uuid(), claimed_by = $3, last_attempt_at = now()
              FROM picked WHERE o.id = picked.id
            RETURNING o.*""")
        .execute(Tuple.of(max, lease.toMillis(), claimer, types.toArray(new String[0])))
        .map(Outbox::entries)
        // RETURNING has no order of its own; dispatch must follow creation order
        .map(list -> {
          list.sort(Comparator.comparingLong(OutboxEntry::id));
          return list;
        });
  }

  /** Delivered. False when the claim was lost (lease expired and someone else claimed it): nothing changed. */
  public Future<Boolean> markDone(OutboxEntry claimed, JsonObject result) {
    return update("""
        UPDATE outbox SET status = 'done', processed_at = now(), result = $3, claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'processing'""", claimed, result);
  }

  /** Try again after {@code delay} (database clock); the attempt counts. */
  public Future<Boolean> markRetry(OutboxEntry claimed, String error, Duration delay) {
    return update("""
        UPDATE outbox SET status = 'pending', next_attempt_at = now() + $4 * interval '1 millisecond',
               last_error = $3, claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'processing'""", claimed, error, delay.toMillis());
  }

  /**
   * Put back untried after {@code delay}: nothing was sent (e.g. the circuit breaker was open), so the attempt the
   * claim added is taken back and the last error stays what it was.
   */
  public Future<Boolean> release(OutboxEntry claimed, Duration delay) {
    return update("""
        UPDATE outbox SET status = 'pending', next_attempt_at = now() + $3 * interval '1 millisecond',
               attempts = greatest(attempts - 1, 0), claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'processing'""", claimed, delay.toMillis());
  }

  /** Dead letter: no further attempts until an operator replays it with {@link #retry(long)}. */
  public Future<Boolean> markFailed(OutboxEntry claimed, String error) {
    return update("""
        UPDATE outbox SET status = 'failed', processed_at = now(), last_error = $3, claim_token = NULL
         WHERE id = $1 AND claim_token = $2 AND status = 'processing'""", claimed, error);
  }

  private Future<Boolean> update(String sql, OutboxEntry claimed, Object... more) {
    Tuple args = Tuple.of(claimed.id(), claimed.claimToken());
    for (Object o : more) args.addValue(o);
    return pool.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() == 1);
  }

  /** What an operator's replay did. */
  public enum ReplayOutcome { REPLAYED, NOT_FOUND, NOT_RETRYABLE }

  public record Replay(ReplayOutcome outcome, Optional<OutboxEntry> entry) {}

  /**
   * Operator replay: a dead letter becomes pending again with its attempts reset; a pending entry that is backing
   * off becomes due now. Entries being delivered or already delivered are left alone ({@code NOT_RETRYABLE}).
   * The last error is kept until the next attempt replaces it, so the operator still sees why it had failed.
   */
  public Future<Replay> retry(long id) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE outbox SET attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END,
                       status = 'pending', next_attempt_at = now(), processed_at = NULL
                 WHERE id = $1 AND status IN ('failed', 'pending')
                RETURNING *""")
            .execute(Tuple.of(id))
            .compose(rows -> {
              if (rows.size() == 1) {
                OutboxEntry entry = OutboxEntry.from(rows.iterator().next());
                return notify(tx, entry.type()).map(v -> new Replay(ReplayOutcome.REPLAYED, Optional.of(entry)));
              }
              return get(tx, id).map(found -> new Replay(
                  found.isPresent() ? ReplayOutcome.NOT_RETRYABLE : ReplayOutcome.NOT_FOUND, found));
            }));
  }

  /** What an operator's cancel did. */
  public enum CancelOutcome { CANCELLED, NOT_FOUND, NOT_CANCELLABLE }

  public record Cancel(CancelOutcome outcome, Optional<OutboxEntry> entry) {}

  /**
   * Operator cancel: a pending (waiting or backing off) or dead-lettered entry becomes {@code cancelled} and is never
   * delivered. One conditional UPDATE: it races a worker's claim, and either the claim took the row first (the entry
   * is processing: {@code NOT_CANCELLABLE}) or the entry is cancelled and never claimed. The last error is kept.
   */
  public Future<Cancel> cancel(long id) {
    return pool.preparedQuery("""
            UPDATE outbox SET status = 'cancelled', processed_at = now(), claim_token = NULL
             WHERE id = $1 AND status IN ('pending', 'failed')
            RETURNING *""")
        .execute(Tuple.of(id))
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(new Cancel(CancelOutcome.CANCELLED, Optional.of(OutboxEntry.from(rows.iterator().next()))))
            : get(pool, id).map(found -> new Cancel(
                found.isPresent() ? CancelOutcome.NOT_CANCELLABLE : CancelOutcome.NOT_FOUND, found)));
  }

  public Future<Optional<OutboxEntry>> get(long id) {
    return get(pool, id);
  }

  private static Future<Optional<OutboxEntry>> get(SqlClient client, long id) {
    return client.preparedQuery("SELECT * FROM outbox WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> entries(rows).stream().findFirst());
  }

  /**
   * Entries for operators. Open work (pending, processing) comes in delivery order, oldest first; history
   * (done, failed, or no status filter) most recent first.
   */
  public Future<List<OutboxEntry>> list(Optional<OutboxStatus> status, int limit) {
    if (status.isEmpty()) {
      return pool.preparedQuery("SELECT * FROM outbox ORDER BY id DESC LIMIT $1")
          .execute(Tuple.of(limit)).map(Outbox::entries);
    }
    boolean open = status.get() == OutboxStatus.PENDING || status.get() == OutboxStatus.PROCESSING;
    return pool.preparedQuery("SELECT * FROM outbox WHERE status = $1 ORDER BY id " + (open ? "ASC" : "DESC")
            + " LIMIT $2")
        .execute(Tuple.of(status.get().wire(), limit)).map(Outbox::entries);
  }

  public Future<OutboxStats> stats() {
    return pool.query("""
            SELECT count(*) FILTER (WHERE status = 'pending')    AS pending,
                   count(*) FILTER (WHERE status = 'processing') AS processing,
                   count(*) FILTER (WHERE status = 'failed')     AS failed,
                   coalesce(extract(epoch FROM now() - min(created_at)
                                    FILTER (WHERE status IN ('pending', 'processing'))), 0)::float8 AS oldest
              FROM outbox WHERE status IN ('pending', 'processing', 'failed')""")
        .execute()
        .map(rows -> {
          Row r = rows.iterator().next();
          return new OutboxStats(r.getLong("pending"), r.getLong("processing"), r.getLong("failed"),
              r.getDouble("oldest"));
        });
  }

  /**
   * Retention: deletes up to {@code limit} entries delivered ({@code done}) more than {@code olderThanDays} ago,
   * oldest first, and answers how many. Pending, processing and dead-lettered ({@code failed}) entries are never
   * touched: they are work still to do or for an operator to see. A deleted entry's {@code unique_key} no longer
   * stops the same work from being queued again, so the caller's window must outlast every repeat it guards
   * against (see README "Retention").
   */
  public Future<Integer> purgeDone(int olderThanDays, int limit) {
    return pool.preparedQuery("""
            DELETE FROM outbox WHERE id IN (
              SELECT id FROM outbox
               WHERE status = 'done' AND processed_at < now() - make_interval(days => $1)
               ORDER BY processed_at LIMIT $2
               FOR UPDATE SKIP LOCKED)""")
        .execute(Tuple.of(olderThanDays, limit)).map(RowSet::rowCount);
  }

  private static List<OutboxEntry> entries(RowSet<Row> rows) {
    List<OutboxEntry> list = new ArrayList<>(rows.size());
    for (Row row : rows) list.add(OutboxEntry.from(row));
    return list;
  }
}
