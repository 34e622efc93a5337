package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An operator's actions on one import job ({@code POST /api/v1/exchanges/{id}/jobs/{jobId}/retry|cancel}).
 *
 * <p>Each transition is one conditional UPDATE, because it races the runner claiming the same job: whichever locks
 * the row first wins, and the other finds the job in a state it does not act on (the claim's {@code SKIP LOCKED}
 * skips a row being cancelled; a cancel that waited for a claim sees {@code running} and is refused).
 */
public final class JobControl {
  /** What an action did: done (with the job as it is now), or refused with the job's state and why. */
  public record Outcome(Optional<ExchangeStore.Job> job, boolean done, String refusal) {
    static Outcome done(ExchangeStore.Job job) {
      return new Outcome(Optional.of(job), true, null);
    }

    static Outcome refused(Optional<ExchangeStore.Job> job, String why) {
      return new Outcome(job, false, why);
    }
  }

  static final String CANCELLED_BY_OPERATOR = "Отменён оператором: этот файл не импортирован";

  private final Vertx vertx;
  private final Pool pool;
  private final ExchangeStore store;
  private final Path exchangeRoot;
  private final Runnable wake;

  /** {@code wake} tells the runner there is work now. */
  public JobControl(Vertx vertx, Pool pool, ExchangeStore store, Path exchangeRoot, Runnable wake) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.exchangeRoot = exchangeRoot;
    this.wake = wake;
  }

  /**
   * A queued or paused job becomes {@code cancelled} and so do the later queued or paused jobs of its run (they may
   * depend on it: offers on their products, the run's end on its full catalog); jobs created in the run later are
   * cancelled as they are created ({@link ExchangeStore#initialState}). A running or finished job is refused.
   */
  public Future<Outcome> cancel(String runId, long jobId) {
    return end(runId, jobId, "'queued', 'paused'", CANCELLED_BY_OPERATOR, "job.cancelled")
        .map(o -> o.done() || o.job().isEmpty() ? o : Outcome.refused(o.job(), "job " + jobId + " is "
            + o.job().get().state() + "; only a queued or paused job can be cancelled"));
  }

  /**
   * A held job whose change plan an operator rejected ends {@code cancelled} with {@code message}, and so do the later
   * queued jobs of its run (as for {@link #cancel}): nothing of it is written.
   */
  public Future<Outcome> reject(String runId, long jobId, String message) {
    return end(runId, jobId, "'held'", message, "job.rejected")
        .map(o -> o.done() || o.job().isEmpty() ? o : Outcome.refused(o.job(), "job " + jobId + " is "
            + o.job().get().state() + "; only a held job can be rejected"));
  }

  private Future<Outcome> end(String runId, long jobId, String fromStates, String message, String event) {
    return pool.preparedQuery("""
            WITH target AS (
              UPDATE import_job SET state = 'cancelled', finished_at = now(), lease_until = NULL, not_before = NULL,
                     paused_reason = NULL, message = $3
               WHERE id = $1 AND run_id = $2 AND state IN (%s)
              RETURNING *),
            later AS (
              UPDATE import_job d SET state = 'cancelled', finished_at = now(), not_before = NULL, paused_reason = NULL,
                     message = $4 || ' (' || t.filename || ')'
                FROM target t
               WHERE d.run_id = t.run_id AND d.id > t.id AND d.state IN ('queued', 'paused')
              RETURNING d.id)
            SELECT target.*, (SELECT count(*) FROM later)::int AS later_cancelled FROM target""".formatted(fromStates))
        .execute(Tuple.of(jobId, runId, message, ExchangeStore.CANCELLED_WITH_EARLIER))
        .compose(rows -> {
          if (rows.size() == 1) {
            Row row = rows.iterator().next();
            ExchangeLog.of(runId).info(event, "job={} file={} laterCancelled={}", jobId,
                row.getString("filename"), row.getInteger("later_cancelled"));
            return Future.succeededFuture(Outcome.done(ExchangeStore.toJob(row)));
          }
          return job(runId, jobId).map(found -> Outcome.refused(found, null));
        });
  }

  /**
   * A paused job becomes due now; a failed job is queued again from its stored file (attempts and results reset) if
   * the file is still on disk. Anything else is refused.
   */
  public Future<Outcome> retry(String runId, long jobId) {
    return job(runId, jobId).compose(found -> {
      if (found.isEmpty()) return Future.succeededFuture(Outcome.refused(found, null));
      ExchangeStore.Job job = found.get();
      return switch (job.state()) {
        case ExchangeStore.Job.PAUSED -> transition(runId, jobId, """
            UPDATE import_job SET not_before = now() WHERE id = $1 AND run_id = $2 AND state = 'paused' RETURNING *""");
        case ExchangeStore.Job.FAILED -> fileStillThere(job).compose(there -> there
            ? transition(runId, jobId, """
                UPDATE import_job SET state = 'queued', attempts = 0, progress = 0, message = NULL, counts = '{}',
                       errors = '[]', started_at = NULL, finished_at = NULL, not_before = NULL, paused_reason = NULL
                 WHERE id = $1 AND run_id = $2 AND state = 'failed' RETURNING *""")
            : Future.succeededFuture(Outcome.refused(found, "the stored file " + job.filename() + " of job " + jobId
                + " is no longer on disk (removed after the exchange ended): send it again")));
        default -> Future.succeededFuture(Outcome.refused(found, "job " + jobId + " is " + job.state()
            + "; only a paused or failed job can be retried"));
      };
    });
  }

  private Future<Outcome> transition(String runId, long jobId, String sql) {
    return pool.preparedQuery(sql).execute(Tuple.of(jobId, runId)).compose(rows -> {
      if (rows.size() == 1) {
        ExchangeStore.Job job = ExchangeStore.toJob(rows.iterator().next());
        ExchangeLog.of(runId).info("job.retried", "job={} file={} state={}", jobId, job.filename(), job.state());
        wake.run();
        return Future.succeededFuture(Outcome.done(job));
      }
      // the runner (or another operator) changed it meanwhile
      return job(runId, jobId).map(found -> Outcome.refused(found, "job " + jobId + " is "
          + found.map(ExchangeStore.Job::state).orElse("gone") + " now; nothing was changed"));
    });
  }

  /** Jobs without a file of their own (the run's end, deactivation) can always run again. */
  private Future<Boolean> fileStillThere(ExchangeStore.Job job) {
    if (job.filename().startsWith("<")) return Future.succeededFuture(true);
    Path file = ImportJobRunner.runDir(exchangeRoot, job.runId()).resolve(job.filename());
    return vertx.fileSystem().exists(file.toString());
  }

  private Future<Optional<ExchangeStore.Job>> job(String runId, long jobId) {
    return store.findJob(jobId).map(found -> found.filter(j -> j.runId().equals(runId)));
  }
}
