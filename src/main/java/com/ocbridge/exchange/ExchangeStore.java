package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Everything the exchange protocol keeps in Postgres: runs, sessions, received files and import jobs. */
public final class ExchangeStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code origin}: {@link #ORIGIN_1C} (1C's exchange) or {@link #ORIGIN_MANUAL} (POST /api/v1/imports). */
  public record Run(String id, String type, String state, String clientVersion, Long deactivateTimestamp,
      OffsetDateTime startedAt, OffsetDateTime lastSeenAt, OffsetDateTime completedAt, String origin,
      boolean dryRun) {}

  public static final String ORIGIN_1C = "1c";
  public static final String ORIGIN_MANUAL = "manual";

  public record Session(String cookie, String sessid, Run run) {}

  public record FileEntry(String name, int generation, long bytes, int chunks, String state, boolean unpacked) {}

  /** Where a chunk goes: appended at {@code offset}, or (offset 0, replace) the start of a new upload. */
  public record UploadPlan(int generation, long offset, boolean replace) {}

  /**
   * {@code pausedReason} and {@code nextAttemptAt} are set while the job is {@link #PAUSED} (its shop is unreachable);
   * {@code progress} is what it had reached, kept while it waits.
   */
  public record Job(long id, String runId, String kind, String filename, int generation, String state,
      double progress, String message, JsonObject counts, JsonArray errors, int attempts, OffsetDateTime createdAt,
      OffsetDateTime startedAt, OffsetDateTime finishedAt, String pausedReason, OffsetDateTime nextAttemptAt) {
    public static final String QUEUED = "queued";
    /** Waits for its target (the shop) until {@code nextAttemptAt}, then runs again by itself. */
    public static final String PAUSED = "paused";
    public static final String RUNNING = "running";
    /** Done, every item applied. */
    public static final String SUCCEEDED = "succeeded";
    /** Done, but the shop refused some items for good (per-item reasons in {@code errors}); the rest is applied. */
    public static final String SUCCEEDED_WITH_ERRORS = "succeeded_with_errors";
    public static final String FAILED = "failed";
    /**
     * Its change plan broke an approval rule (catalog.approval.*): nothing of it is written until an operator
     * approves (queued again) or rejects it (cancelled); the later jobs of its run wait behind it.
     */
    public static final String HELD = "held";
    /** An operator cancelled it (or an earlier job of its run) before it ran: it never runs. */
    public static final String CANCELLED = "cancelled";

    public boolean finished() {
      return state.equals(SUCCEEDED) || state.equals(SUCCEEDED_WITH_ERRORS) || state.equals(FAILED)
          || state.equals(CANCELLED);
    }
  }

  /**
   * The import queue at a glance, for the status report and metrics. {@code running} is null when nothing runs;
   * {@code paused} counts the jobs waiting for the shop (state {@code paused});
   * {@code queued} the others; {@code failed24h} jobs that failed in the last 24 hours.
   */
  public record ImportSummary(Job running, long queued, long paused, long failed24h, long held) {
    public ImportSummary(Job running, long queued, long paused, long failed24h) {
      this(running, queued, paused, failed24h, 0);
    }
  }

  private final Pool pool;

  public ExchangeStore(Pool pool) {
    this.pool = pool;
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  // ---- runs and sessions ----

  /**
   * The run a request authenticated by Basic credentials alone belongs to (a client that never sends the cookie):
   * the open run of this type that such requests used within {@code idleMinutes}, else a new one. Runs begun by a
   * checkauth (they have sessions) belong to their cookies and are never joined this way; two cookie-less clients
   * cannot be told apart, so they are the one exception to {@link #continueOrStartRun}.
   */
  public Future<Run> joinOrStartRun(String type, int idleMinutes) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            SELECT * FROM exchange_run r WHERE type = $1 AND state = 'open' AND origin = '1c'
              AND last_seen_at > now() - make_interval(mins => $2)
              AND NOT EXISTS (SELECT 1 FROM exchange_session s WHERE s.run_id = r.id)
            ORDER BY last_seen_at DESC LIMIT 1 FOR UPDATE""")
        .execute(Tuple.of(type, idleMinutes))
        .compose(rows -> rows.size() > 0
            ? touch(conn, rows.iterator().next().getString("id")).map(v -> toRun(rows.iterator().next()))
            : startRun(conn, type, idleMinutes)));
  }

  /**
   * The run a checkauth belongs to. A client that presents the cookie of a session whose run is still open (1C
   * repeats checkauth/init inside one exchange, and keeps sending the cookie it was given) continues that run;
   * any other checkauth is an exchange of its own, with its own run and folder, so two 1C clients exchanging at the
   * same time never share files or counters. Runs idle for {@code idleMinutes} are ended on the way (abandoned).
   */
  public Future<Run> continueOrStartRun(String type, String cookie, int idleMinutes) {
    return pool.withTransaction(conn -> {
      Future<RowSet<Row>> own = cookie == null ? Future.succeededFuture(null) : conn.preparedQuery("""
              SELECT r.* FROM exchange_session s JOIN exchange_run r ON r.id = s.run_id
              WHERE s.cookie = $1 AND r.type = $2 AND r.state = 'open' AND r.origin = '1c'
                AND r.last_seen_at > now() - make_interval(mins => $3)
              FOR UPDATE OF r""")
          .execute(Tuple.of(cookie, type, idleMinutes));
      return own.compose(rows -> rows != null && rows.size() > 0
          ? touch(conn, rows.iterator().next().getString("id")).map(v -> toRun(rows.iterator().next()))
          : startRun(conn, type, idleMinutes));
    });
  }

  private Future<Run> startRun(SqlConnection conn, String type, int idleMinutes) {
    String id = randomHex(4);
    // only runs idle for idleMinutes end here: a run still active is another client's exchange in flight, and a
    // manual run (an operator's upload) is neither joined nor abandoned by 1C: it ends by itself
    return conn.preparedQuery(endRuns("type = $1 AND state = 'open' AND origin = '1c'"
            + " AND last_seen_at <= now() - make_interval(mins => $2)", "'abandoned'"))
        .execute(Tuple.of(type, idleMinutes))
        .compose(v -> conn.preparedQuery("INSERT INTO exchange_run (id, type, state) VALUES ($1, $2, 'open') RETURNING *")
            .execute(Tuple.of(id, type)))
        .map(rows -> toRun(rows.iterator().next()));
  }

  private Future<Void> touch(SqlConnection conn, String runId) {
    return conn.preparedQuery("UPDATE exchange_run SET last_seen_at = now() WHERE id = $1")
        .execute(Tuple.of(runId)).mapEmpty();
  }

  /** A run for an operator's upload: open while its file is stored and its jobs queued, then completed. */
  public Future<Run> startManualRun(String type) {
    return startManualRun(type, false);
  }

  /** {@code dryRun}: its jobs compute their change plans and write nothing (POST /api/v1/imports?dryRun=true). */
  public Future<Run> startManualRun(String type, boolean dryRun) {
    return pool.preparedQuery("""
            INSERT INTO exchange_run (id, type, state, origin, client_version, dry_run)
            VALUES ($1, $2, 'open', 'manual', 'manual', $3) RETURNING *""")
        .execute(Tuple.of(randomHex(4), type, dryRun)).map(rows -> toRun(rows.iterator().next()));
  }

  /** Ends a run as abandoned (an upload that failed half-way); its end job is queued as for 1C's runs. */
  public Future<Void> abandonRun(String runId) {
    return pool.preparedQuery(endRuns("id = $1 AND state = 'open'", "'abandoned'")).execute(Tuple.of(runId)).mapEmpty();
  }

  public Future<Session> createSession(Run run) {
    String cookie = randomHex(16);
    String sessid = randomHex(16);
    return pool.preparedQuery("INSERT INTO exchange_session (cookie, sessid, run_id) VALUES ($1, $2, $3)")
        .execute(Tuple.of(cookie, sessid, run.id()))
        .map(v -> new Session(cookie, sessid, run));
  }

  public Future<Optional<Session>> findSession(String cookie, int maxIdleHours) {
    return pool.preparedQuery("""
            UPDATE exchange_session s SET last_seen_at = now()
            FROM exchange_run r
            WHERE s.cookie = $1 AND r.id = s.run_id AND s.last_seen_at > now() - make_interval(hours => $2)
            RETURNING s.cookie, s.sessid, r.*""")
        .execute(Tuple.of(cookie, maxIdleHours))
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(Optional.<Session>empty());
          Row row = rows.iterator().next();
          Session session = new Session(row.getString("cookie"), row.getString("sessid"), toRun(row));
          return pool.preparedQuery("UPDATE exchange_run SET last_seen_at = now() WHERE id = $1")
              .execute(Tuple.of(session.run().id())).map(v -> Optional.of(session));
        });
  }

  public Future<Void> setClientVersion(String runId, String version) {
    return pool.preparedQuery("UPDATE exchange_run SET client_version = $2 WHERE id = $1")
        .execute(Tuple.of(runId, version)).mapEmpty();
  }

  public Future<Void> recordDeactivate(String runId, long timestamp) {
    return pool.preparedQuery("UPDATE exchange_run SET deactivate_timestamp = $2 WHERE id = $1")
        .execute(Tuple.of(runId, timestamp)).mapEmpty();
  }

  /** 1C said {@code complete}; a catalog run's end job is queued after its other jobs. */
  public Future<Void> completeRun(String runId) {
    return pool.preparedQuery(endRuns("id = $1", "'completed', completed_at = now(), current_upload = NULL"))
        .execute(Tuple.of(runId)).mapEmpty();
  }

  /**
   * Ends the open runs nobody has touched for {@code idleMinutes} (1C never said complete); answers how many. A manual
   * run is open only while its upload streams (which does not touch it), so it is given a day: only a run whose
   * upload was cut off by a crash stays open that long.
   */
  public Future<Integer> endIdleRuns(int idleMinutes) {
    return pool.preparedQuery(endRuns("state = 'open' AND last_seen_at < now() - make_interval(mins =>"
            + " CASE WHEN origin = 'manual' THEN 1440 ELSE $1 END)", "'abandoned'"))
        .execute(Tuple.of(idleMinutes)).map(rows -> rows.iterator().next().getInteger("ended"));
  }

  /**
   * Sets the state of the runs matching {@code where} and, in the same statement, queues the end job
   * ({@link ImportProcessor#RUN_END_JOB}) of each catalog run among them, so a run can never end without it.
   */
  private static String endRuns(String where, String newState) {
    return """
        WITH ended AS (UPDATE exchange_run SET state = %s WHERE %s RETURNING id, type),
        queued AS (INSERT INTO import_job (run_id, kind, filename, generation, state, message)
                   SELECT id, 'import', '%s', 0, %s FROM ended WHERE type = 'catalog'
                   ON CONFLICT (run_id, kind, filename, generation) DO NOTHING)
        SELECT count(*)::int AS ended FROM ended""".formatted(newState, where, ImportProcessor.RUN_END_JOB,
        initialState("ended.id"));
  }

  /**
   * The state and message of a job created in run {@code runIdSql}: {@code cancelled} once an operator has cancelled
   * any job of that run (what comes after a cancelled file may depend on it: offers on their products, the run's
   * deactivation on its full catalog), else {@code queued}.
   */
  static String initialState(String runIdSql) {
    return """
        CASE WHEN EXISTS (SELECT 1 FROM import_job c WHERE c.run_id = %1$s AND c.state = 'cancelled')
             THEN 'cancelled' ELSE 'queued' END,
        CASE WHEN EXISTS (SELECT 1 FROM import_job c WHERE c.run_id = %1$s AND c.state = 'cancelled')
             THEN '%2$s' END""".formatted(runIdSql, CANCELLED_WITH_EARLIER);
  }

  /** The message of a job cancelled because an earlier job of its run was. */
  static final String CANCELLED_WITH_EARLIER = "Отменён: оператор отменил более ранний импорт этого обмена, от"
      + " которого зависит этот";

  public Future<Optional<Run>> findRun(String runId) {
    return pool.preparedQuery("SELECT * FROM exchange_run WHERE id = $1").execute(Tuple.of(runId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRun(rows.iterator().next())));
  }

  public Future<List<Run>> listRuns(int limit) {
    return pool.preparedQuery("SELECT * FROM exchange_run ORDER BY started_at DESC LIMIT $1").execute(Tuple.of(limit))
        .map(rows -> {
          List<Run> list = new ArrayList<>();
          rows.forEach(r -> list.add(toRun(r)));
          return list;
        });
  }

  /**
   * Retention: deletes up to {@code limit} sessions created and last used more than {@code olderThanDays} ago and
   * answers how many. A session is only accepted within {@link ExchangeHandler#SESSION_IDLE_HOURS} of its last
   * call, so never less than that is kept whatever the days say. Runs stay (they are the exchange history).
   */
  public Future<Integer> purgeSessions(int olderThanDays, int limit) {
    int hours = Math.max(olderThanDays * 24, ExchangeHandler.SESSION_IDLE_HOURS + 1);
    return pool.preparedQuery("""
            DELETE FROM exchange_session WHERE cookie IN (
              SELECT cookie FROM exchange_session
               WHERE created_at < now() - make_interval(hours => $1)
                 AND last_seen_at < now() - make_interval(hours => $1)
               ORDER BY created_at LIMIT $2
               FOR UPDATE SKIP LOCKED)""")
        .execute(Tuple.of(hours, limit)).map(RowSet::rowCount);
  }

  /** Finished runs whose files are older than {@code keepDays} and still on disk. */
  public Future<List<String>> runsWithOldFiles(int keepDays) {
    return pool.preparedQuery("""
            SELECT id FROM exchange_run WHERE state <> 'open' AND files_removed_at IS NULL
              AND last_seen_at < now() - make_interval(days => $1)
              AND NOT EXISTS (SELECT 1 FROM import_job j WHERE j.run_id = exchange_run.id
                              AND j.state IN ('queued', 'paused', 'running', 'held'))
            ORDER BY last_seen_at LIMIT 100""")
        .execute(Tuple.of(keepDays))
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getString("id")));
          return ids;
        });
  }

  public Future<Void> markFilesRemoved(String runId) {
    return pool.preparedQuery("UPDATE exchange_run SET files_removed_at = now() WHERE id = $1")
        .execute(Tuple.of(runId)).mapEmpty();
  }

  // ---- files ----

  /**
   * Decides where a {@code mode=file} chunk goes. Chunks of one file arrive as consecutive calls with the same
   * name; when 1C moves on (another name, or import) the file is complete. A chunk for a name that is complete
   * starts a new upload that replaces it, instead of appending to stale bytes.
   */
  public Future<UploadPlan> planUpload(String runId, String name) {
    return pool.withTransaction(conn -> conn.preparedQuery(
            "SELECT current_upload FROM exchange_run WHERE id = $1 FOR UPDATE").execute(Tuple.of(runId))
        .compose(runRows -> {
          String current = runRows.iterator().next().getString("current_upload");
          return conn.preparedQuery("SELECT * FROM exchange_file WHERE run_id = $1 AND name = $2")
              .execute(Tuple.of(runId, name))
              .compose(fileRows -> {
                FileEntry existing = fileRows.size() == 0 ? null : toFile(fileRows.iterator().next());
                if (existing != null && name.equals(current) && existing.state().equals("receiving")) {
                  return Future.succeededFuture(new UploadPlan(existing.generation(), existing.bytes(), false));
                }
                Future<?> closePrevious = current == null ? Future.succeededFuture()
                    : conn.preparedQuery("UPDATE exchange_file SET state = 'complete' WHERE run_id = $1 AND name = $2")
                        .execute(Tuple.of(runId, current));
                int generation = existing == null ? 1 : existing.generation() + 1;
                return closePrevious
                    .compose(v -> conn.preparedQuery("""
                        INSERT INTO exchange_file (run_id, name, generation, bytes, chunks, state, unpacked)
                        VALUES ($1, $2, $3, 0, 0, 'receiving', false)
                        ON CONFLICT (run_id, name) DO UPDATE SET generation = EXCLUDED.generation, bytes = 0,
                          chunks = 0, state = 'receiving', unpacked = false, updated_at = now()""")
                        .execute(Tuple.of(runId, name, generation)))
                    .compose(v -> conn.preparedQuery("UPDATE exchange_run SET current_upload = $2 WHERE id = $1")
                        .execute(Tuple.of(runId, name)))
                    .map(v -> new UploadPlan(generation, 0, true));
              });
        }));
  }

  public Future<Void> recordChunk(String runId, String name, long totalBytes) {
    return pool.preparedQuery("""
            UPDATE exchange_file SET bytes = $3, chunks = chunks + 1, updated_at = now() WHERE run_id = $1 AND name = $2""")
        .execute(Tuple.of(runId, name, totalBytes)).mapEmpty();
  }

  /** 1C moved on to import: whatever it was uploading is complete. */
  public Future<Void> closeUploads(String runId) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            UPDATE exchange_file SET state = 'complete' WHERE run_id = $1 AND state = 'receiving'""")
        .execute(Tuple.of(runId))
        .compose(v -> conn.preparedQuery("UPDATE exchange_run SET current_upload = NULL WHERE id = $1")
            .execute(Tuple.of(runId)))
        .mapEmpty());
  }

  /** The run's complete files in the order they were received (an archive's files after it). */
  public Future<List<FileEntry>> filesOfRun(String runId) {
    return pool.preparedQuery("SELECT * FROM exchange_file WHERE run_id = $1 AND state = 'complete' ORDER BY updated_at, name")
        .execute(Tuple.of(runId)).map(ExchangeStore::toFiles);
  }

  public Future<Optional<FileEntry>> findFile(String runId, String name) {
    return pool.preparedQuery("SELECT * FROM exchange_file WHERE run_id = $1 AND name = $2")
        .execute(Tuple.of(runId, name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toFile(rows.iterator().next())));
  }

  /** Archives received but not unpacked yet; one whose unpacking failed is not retried (1C gets the failure once). */
  public Future<List<FileEntry>> pendingArchives(String runId) {
    return pool.preparedQuery("""
            SELECT * FROM exchange_file f WHERE run_id = $1 AND state = 'complete' AND NOT unpacked
              AND lower(name) LIKE '%.zip'
              AND NOT EXISTS (SELECT 1 FROM import_job j WHERE j.run_id = f.run_id AND j.kind = 'unzip'
                              AND j.filename = f.name AND j.generation = f.generation
                              AND j.state IN ('failed', 'cancelled'))
            ORDER BY updated_at""")
        .execute(Tuple.of(runId)).map(ExchangeStore::toFiles);
  }

  /** Records what an archive held (as complete files of the run) and that the archive is unpacked, atomically. */
  public Future<Void> recordUnpacked(String runId, String archive, List<FileEntry> extracted) {
    return pool.withTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (FileEntry f : extracted) {
        chain = chain.compose(v -> conn.preparedQuery("""
            INSERT INTO exchange_file (run_id, name, generation, bytes, chunks, state, unpacked)
            VALUES ($1, $2, 1, $3, 1, 'complete', true)
            ON CONFLICT (run_id, name) DO UPDATE SET generation = exchange_file.generation + 1, bytes = EXCLUDED.bytes,
              chunks = 1, state = 'complete', unpacked = true, updated_at = now()""")
            .execute(Tuple.of(runId, f.name(), f.bytes())));
      }
      return chain.compose(v -> conn.preparedQuery(
              "UPDATE exchange_file SET unpacked = true WHERE run_id = $1 AND name = $2").execute(Tuple.of(runId, archive)))
          .mapEmpty();
    });
  }

  // ---- jobs ----

  public Future<Optional<Job>> findJob(String runId, String kind, String filename, int generation) {
    return pool.preparedQuery("""
            SELECT * FROM import_job WHERE run_id = $1 AND kind = $2 AND filename = $3 AND generation = $4""")
        .execute(Tuple.of(runId, kind, filename, generation))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
  }

  /** Creates the job unless it exists; either way answers the job (a repeated import finds the same one). */
  public Future<Job> ensureJob(String runId, String kind, String filename, int generation) {
    return pool.preparedQuery("""
            INSERT INTO import_job (run_id, kind, filename, generation, state, message)
            VALUES ($1, $2, $3, $4, %s)
            ON CONFLICT (run_id, kind, filename, generation) DO NOTHING""".formatted(initialState("$1::text")))
        .execute(Tuple.of(runId, kind, filename, generation))
        .compose(v -> findJob(runId, kind, filename, generation))
        .map(Optional::orElseThrow);
  }

  public Future<Optional<Job>> findJob(long id) {
    return pool.preparedQuery("SELECT * FROM import_job WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
  }

  public Future<List<Job>> jobsOfRun(String runId) {
    return pool.preparedQuery("SELECT * FROM import_job WHERE run_id = $1 ORDER BY id").execute(Tuple.of(runId))
        .map(rows -> {
          List<Job> list = new ArrayList<>();
          rows.forEach(r -> list.add(toJob(r)));
          return list;
        });
  }

  /**
   * Claims the oldest job that is queued, or running with an expired lease (its worker died, or the service was
   * restarted mid-import): such a job is re-run from its stored file; or paused and due. SKIP LOCKED lets instances
   * share a database, and an operator's cancel (a conditional UPDATE of a queued or paused job) either locks the row
   * first, and the job is skipped, or finds it running and is refused.
   */
  public Future<Optional<Job>> claimNextJob(int leaseSeconds) {
    return pool.preparedQuery("""
            UPDATE import_job SET state = 'running', attempts = attempts + 1, started_at = now(),
              lease_until = now() + make_interval(secs => $1), paused_reason = NULL
            WHERE id = (SELECT id FROM import_job j
                        WHERE (j.state IN ('queued', 'paused') OR (j.state = 'running' AND j.lease_until < now()))
                          AND (j.not_before IS NULL OR j.not_before <= now())
                          -- files of one exchange are applied in the order 1C sent them: a waiting job holds the rest
                          AND NOT EXISTS (SELECT 1 FROM import_job e WHERE e.run_id = j.run_id AND e.id < j.id
                                          AND e.state IN ('queued', 'paused', 'running', 'held'))
                        ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *""")
        .execute(Tuple.of(leaseSeconds))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
  }

  public Future<Void> renewLease(long jobId, int leaseSeconds, double progress) {
    return pool.preparedQuery("""
            UPDATE import_job SET lease_until = now() + make_interval(secs => $2), progress = $3
            WHERE id = $1 AND state = 'running'""")
        .execute(Tuple.of(jobId, leaseSeconds, Math.min(99.99, progress))).mapEmpty();
  }

  /** {@code state}: one of {@link Job#SUCCEEDED}, {@link Job#SUCCEEDED_WITH_ERRORS}, {@link Job#FAILED}. */
  public Future<Void> finishJob(long jobId, String state, String message, JsonObject counts, JsonArray errors) {
    return pool.preparedQuery("""
            UPDATE import_job SET state = $2, message = $3, counts = $4, errors = $5,
              progress = CASE WHEN $2 <> 'failed' THEN 100 ELSE progress END, finished_at = now(), lease_until = NULL
            WHERE id = $1""")
        .execute(Tuple.of(jobId, state, message,
            counts == null ? new JsonObject() : counts, errors == null ? new JsonArray() : errors))
        .mapEmpty();
  }

  /**
   * Pauses a running job until {@code delaySeconds} from now, saying why ({@code reason}, a Russian sentence shown to
   * 1C and the API); the progress it had reached is kept, as a whole percentage, so 1C and the API show one number.
   */
  public Future<Void> pauseJob(long jobId, long delaySeconds, String reason, double progress) {
    return pool.preparedQuery("""
            UPDATE import_job SET state = 'paused', lease_until = NULL, message = $3, paused_reason = $3,
              not_before = now() + make_interval(secs => $2), progress = floor(greatest(progress, $4))
            WHERE id = $1 AND state = 'running'""")
        .execute(Tuple.of(jobId, delaySeconds, reason, Math.min(99, Math.max(0, progress)))).mapEmpty();
  }

  /** A running job whose change plan waits for an operator ({@link Job#HELD}); {@code reason} says why, in Russian. */
  public Future<Void> holdJob(long jobId, String reason) {
    return pool.preparedQuery("""
            UPDATE import_job SET state = 'held', lease_until = NULL, message = $2, paused_reason = NULL,
              not_before = NULL
            WHERE id = $1 AND state = 'running'""")
        .execute(Tuple.of(jobId, reason)).mapEmpty();
  }

  /** A held job queued again (its plan approved); false when it was no longer held. */
  public Future<Boolean> releaseHeld(long jobId, String message) {
    return pool.preparedQuery("""
            UPDATE import_job SET state = 'queued', message = $2, attempts = 0 WHERE id = $1 AND state = 'held'""")
        .execute(Tuple.of(jobId, message)).map(rows -> rows.rowCount() == 1);
  }

  /** The earliest held job of a run, if any (what the run's later jobs wait behind). */
  public Future<Optional<Job>> heldJob(String runId) {
    return pool.preparedQuery("SELECT * FROM import_job WHERE run_id = $1 AND state = 'held' ORDER BY id LIMIT 1")
        .execute(Tuple.of(runId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
  }

  /** Puts a running job back in the queue (clean shutdown: park it so the next start resumes it at once). */
  public Future<Void> parkJob(long jobId) {
    return pool.preparedQuery("UPDATE import_job SET state = 'queued', lease_until = NULL WHERE id = $1 AND state = 'running'")
        .execute(Tuple.of(jobId)).mapEmpty();
  }

  public Future<ImportSummary> importSummary() {
    Future<Row> counts = pool.query("""
            SELECT count(*) FILTER (WHERE state = 'queued') AS queued,
                   count(*) FILTER (WHERE state = 'paused') AS paused,
                   count(*) FILTER (WHERE state = 'failed' AND finished_at > now() - interval '24 hours') AS failed24h,
                   count(*) FILTER (WHERE state = 'held') AS held
            FROM import_job WHERE state IN ('queued', 'paused', 'failed', 'held')""")
        .execute().map(rows -> rows.iterator().next());
    Future<Optional<Job>> running = pool.query("""
            SELECT * FROM import_job WHERE state = 'running' AND lease_until >= now() ORDER BY id LIMIT 1""")
        .execute().map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
    return Future.all(counts, running).map(all -> {
      Row r = counts.result();
      return new ImportSummary(running.result().orElse(null), r.getLong("queued"), r.getLong("paused"),
          r.getLong("failed24h"), r.getLong("held"));
    });
  }

  // ---- mapping ----

  private static Run toRun(Row r) {
    return new Run(r.getString("id"), r.getString("type"), r.getString("state"), r.getString("client_version"),
        r.getLong("deactivate_timestamp"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("last_seen_at"),
        r.getOffsetDateTime("completed_at"), r.getString("origin"), Boolean.TRUE.equals(r.getBoolean("dry_run")));
  }

  private static FileEntry toFile(Row r) {
    return new FileEntry(r.getString("name"), r.getInteger("generation"), r.getLong("bytes"), r.getInteger("chunks"),
        r.getString("state"), r.getBoolean("unpacked"));
  }

  private static List<FileEntry> toFiles(RowSet<Row> rows) {
    List<FileEntry> list = new ArrayList<>();
    rows.forEach(r -> list.add(toFile(r)));
    return list;
  }

  static Job toJob(Row r) {
    Object counts = r.getValue("counts");
    Object errors = r.getValue("errors");
    return new Job(r.getLong("id"), r.getString("run_id"), r.getString("kind"), r.getString("filename"),
        r.getInteger("generation"), r.getString("state"), r.getBigDecimal("progress").doubleValue(),
        r.getString("message"), counts instanceof JsonObject j ? j : new JsonObject(),
        errors instanceof JsonArray a ? a : new JsonArray(), r.getInteger("attempts"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at"),
        r.getString("paused_reason"), r.getOffsetDateTime("not_before"));
  }
}
