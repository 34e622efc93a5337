package com.ocbridge.plan;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The change plans of import jobs (V420__change_plan.sql): one row per job, its lines in batches. */
public final class PlanStore {
  public static final String COMPUTING = "computing";
  public static final String READY = "ready";
  public static final String HELD = "held";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String APPLIED = "applied";
  public static final String STALE = "stale";

  /** One job's plan. */
  public record Plan(long jobId, String runId, String state, JsonObject counts, long items, String fingerprint,
      boolean fullCatalog, String reason, Long computedMs, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /** A line with the job it belongs to. */
  public record Line(long jobId, int seq, PlanItem item) {}

  /** Which lines a page shows: null = any. */
  public record Filter(Long jobId, String kind, String action, String field) {}

  private final Pool pool;

  public PlanStore(Pool pool) {
    this.pool = pool;
  }

  /** A new computation of the job's plan: the row is (re)set to computing and its old lines dropped. */
  public Future<Void> begin(long jobId, String runId) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            INSERT INTO change_plan (job_id, run_id, state) VALUES ($1, $2, 'computing')
            ON CONFLICT (job_id) DO UPDATE SET state = 'computing', counts = '{}', items = 0, fingerprint = NULL,
              reason = NULL, full_catalog = false, updated_at = now()""")
        .execute(Tuple.of(jobId, runId))
        .compose(v -> conn.preparedQuery("DELETE FROM change_plan_item WHERE job_id = $1").execute(Tuple.of(jobId)))
        .mapEmpty());
  }

  Future<Void> addItems(long jobId, int firstSeq, List<PlanItem> items) {
    int n = items.size();
    Integer[] seqs = new Integer[n];
    String[][] cols = new String[7][n];
    for (int i = 0; i < n; i++) {
      PlanItem it = items.get(i);
      seqs[i] = firstSeq + i;
      cols[0][i] = it.kind();
      cols[1][i] = it.action();
      cols[2][i] = it.externalId();
      cols[3][i] = it.name();
      cols[4][i] = it.field();
      cols[5][i] = it.oldValue();
      cols[6][i] = it.newValue();
    }
    return pool.preparedQuery("""
            INSERT INTO change_plan_item (job_id, seq, kind, action, external_id, name, field, old_value, new_value)
            SELECT $1, u.* FROM UNNEST($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
              $8::text[], $9::text[]) AS u""")
        .execute(Tuple.tuple().addLong(jobId).addArrayOfInteger(seqs).addArrayOfString(cols[0])
            .addArrayOfString(cols[1]).addArrayOfString(cols[2]).addArrayOfString(cols[3]).addArrayOfString(cols[4])
            .addArrayOfString(cols[5]).addArrayOfString(cols[6]))
        .mapEmpty();
  }

  /** The computation is done: its counts and fingerprint, and the state it leaves the plan in. */
  public Future<Void> finish(long jobId, PlanSummary summary, String state, String reason, long ms) {
    return pool.preparedQuery("""
            UPDATE change_plan SET state = $2, counts = $3, items = $4, fingerprint = $5, full_catalog = $6, reason = $7,
              computed_ms = $8, updated_at = now() WHERE job_id = $1""")
        .execute(Tuple.tuple().addLong(jobId).addString(state).addValue(summary.counts()).addLong(summary.items())
            .addString(summary.fingerprint()).addBoolean(summary.fullCatalog()).addString(reason).addLong(ms))
        .mapEmpty();
  }

  /** Moves the plan from {@code from} to {@code to}; false when it was not in {@code from}. */
  public Future<Boolean> transition(long jobId, String from, String to, String reason) {
    return pool.preparedQuery("""
            UPDATE change_plan SET state = $3, reason = COALESCE($4, reason), updated_at = now()
            WHERE job_id = $1 AND state = $2""")
        .execute(Tuple.of(jobId, from, to, reason)).map(rows -> rows.rowCount() == 1);
  }

  /** The job finished: a plan that was let through or approved is applied. */
  public Future<Void> markApplied(long jobId) {
    return pool.preparedQuery("""
            UPDATE change_plan SET state = 'applied', updated_at = now() WHERE job_id = $1 AND state IN ('ready', 'approved')""")
        .execute(Tuple.of(jobId)).mapEmpty();
  }

  /** The job ended without applying its plan (it failed): the plan no longer says what will happen. */
  public Future<Void> markStale(long jobId) {
    return pool.preparedQuery("""
            UPDATE change_plan SET state = 'stale', updated_at = now() WHERE job_id = $1 AND state IN ('ready', 'approved')""")
        .execute(Tuple.of(jobId)).mapEmpty();
  }

  public Future<Optional<Plan>> find(long jobId) {
    return pool.preparedQuery("SELECT * FROM change_plan WHERE job_id = $1").execute(Tuple.of(jobId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(plan(rows.iterator().next())));
  }

  public Future<List<Plan>> ofRun(String runId) {
    return pool.preparedQuery("SELECT * FROM change_plan WHERE run_id = $1 ORDER BY job_id").execute(Tuple.of(runId))
        .map(rows -> {
          List<Plan> list = new ArrayList<>();
          rows.forEach(r -> list.add(plan(r)));
          return list;
        });
  }

  /** Lines of the run's plans after ({@code afterJob}, {@code afterSeq}) in order, at most {@code limit}. */
  public Future<List<Line>> page(String runId, Filter f, long afterJob, int afterSeq, int limit) {
    return pool.preparedQuery("""
            SELECT i.* FROM change_plan_item i JOIN change_plan p USING (job_id)
            WHERE p.run_id = $1 AND (i.job_id, i.seq) > ($2, $3)
              AND ($4::bigint IS NULL OR i.job_id = $4) AND ($5::text IS NULL OR i.kind = $5)
              AND ($6::text IS NULL OR i.action = $6) AND ($7::text IS NULL OR i.field = $7)
            ORDER BY i.job_id, i.seq LIMIT $8""")
        .execute(Tuple.tuple().addString(runId).addLong(afterJob).addInteger(afterSeq).addLong(f.jobId())
            .addString(f.kind()).addString(f.action()).addString(f.field()).addInteger(limit))
        .map(rows -> {
          List<Line> list = new ArrayList<>();
          for (Row r : rows) {
            list.add(new Line(r.getLong("job_id"), r.getInteger("seq"), new PlanItem(r.getString("kind"),
                r.getString("action"), r.getString("external_id"), r.getString("name"), r.getString("field"),
                r.getString("old_value"), r.getString("new_value"))));
          }
          return list;
        });
  }

  /** Held plans: how many, and the run of the oldest (status attention). */
  public Future<Optional<Plan>> oldestHeld() {
    return pool.query("SELECT * FROM change_plan WHERE state = 'held' ORDER BY updated_at LIMIT 1").execute()
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(plan(rows.iterator().next())));
  }

  public Future<Long> heldCount() {
    return pool.query("SELECT count(*) FROM change_plan WHERE state = 'held'").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  // ---------------------------------------------------------------- dry runs of a full catalog

  /** Products a dry run's full catalog listed. */
  public Future<Void> seen(String runId, List<String> externalIds) {
    if (externalIds.isEmpty()) return Future.succeededFuture();
    return pool.preparedQuery("""
            INSERT INTO change_plan_seen (run_id, external_id) SELECT $1, u FROM UNNEST($2::text[]) AS u
            ON CONFLICT DO NOTHING""")
        .execute(Tuple.tuple().addString(runId).addArrayOfString(externalIds.toArray(String[]::new))).mapEmpty();
  }

  /** Whether a plan of the run read a full catalog. */
  public Future<Boolean> fullCatalogIn(String runId) {
    return pool.preparedQuery("SELECT 1 FROM change_plan WHERE run_id = $1 AND full_catalog LIMIT 1")
        .execute(Tuple.of(runId)).map(rows -> rows.size() > 0);
  }

  // ---------------------------------------------------------------- retention

  /** The plans of a run go with its files. */
  public Future<Integer> deleteRun(String runId) {
    return pool.preparedQuery("DELETE FROM change_plan_seen WHERE run_id = $1").execute(Tuple.of(runId))
        .compose(v -> pool.preparedQuery("DELETE FROM change_plan WHERE run_id = $1").execute(Tuple.of(runId)))
        .map(rows -> rows.rowCount());
  }

  private static Plan plan(Row r) {
    Object counts = r.getValue("counts");
    return new Plan(r.getLong("job_id"), r.getString("run_id"), r.getString("state"),
        counts instanceof JsonObject j ? j : new JsonObject(), r.getLong("items"), r.getString("fingerprint"),
        Boolean.TRUE.equals(r.getBoolean("full_catalog")), r.getString("reason"), r.getLong("computed_ms"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
  }
}
