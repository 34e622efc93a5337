package com.ocbridge.exchange;

import com.ocbridge.ordering.DataVersion;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.ocbridge.logging.LogContext;
import com.ocbridge.messages.OperatorMessage;
import com.ocbridge.messages.Reasons;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs import jobs one after another in the background, in the order 1C asked for them (groups and products
 * must reach the shop before offers). Jobs live in Postgres: a job claimed by a process that then died, or was
 * stopped, is claimed again once its lease expires and re-run from its stored file, so a restart never loses one.
 *
 * <p>Nothing here blocks: the database is async, unpacking runs on a worker thread, and the processor is async.
 */
public final class ImportJobRunner {
  private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);
  static final int LEASE_SECONDS = 60;
  private static final long IDLE_POLL_MS = 2_000;
  private static final long HEARTBEAT_MS = 10_000;
  /** A job whose shop stays unreachable is retried this many times (about two hours) before it fails. */
  static final int MAX_PAUSED_ATTEMPTS = 30;
  static final long PAUSE_BASE_SECONDS = 10;
  static final long MAX_PAUSE_SECONDS = 300;

  private final Vertx vertx;
  private final ExchangeStore store;
  private final Path exchangeRoot;
  private final ZipUnpacker unpacker;
  private final Map<String, ImportProcessor> processors;

  private io.vertx.core.Context context;
  private boolean running;
  private boolean busy;
  private long idleTimer = -1;
  private volatile double currentProgress;
  private volatile Long currentJob;
  private volatile String currentRun;
  private volatile FinishedListener finished = (type, counts) -> { };

  /** Told the counts of every import job that finished (succeeded or not), with its exchange type. */
  @FunctionalInterface
  public interface FinishedListener {
    void finished(String type, JsonObject counts);
  }

  /** {@code processors} by exchange type ({@code catalog}, {@code sale}). */
  public ImportJobRunner(Vertx vertx, ExchangeStore store, Path exchangeRoot, ZipUnpacker unpacker,
      Map<String, ImportProcessor> processors) {
    this.vertx = vertx;
    this.store = store;
    this.exchangeRoot = exchangeRoot;
    this.unpacker = unpacker;
    this.processors = processors;
  }

  public static Path runDir(Path exchangeRoot, String runId) {
    return exchangeRoot.resolve(runId);
  }

  /**
   * Runs the runner on an event-loop context of its own (nothing else runs there, so the exchange id it carries while
   * a job runs names only that job's lines); all its state is touched on that context only.
   */
  public void start() {
    context = LogContext.dedicated(vertx);
    running = true;
    wake();
  }

  /** Stops claiming; a job in progress is parked (queued again) so that the next start resumes it at once. */
  public Future<Void> stop() {
    running = false;
    if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
    if (currentJob == null) return Future.succeededFuture();
    long job = currentJob;
    ExchangeLog xlog = ExchangeLog.of(currentRun);
    return store.parkJob(job).onSuccess(v -> xlog.info("job.parked", "job={} reason=shutdown", job));
  }

  /** Looks for work now (called when a job was queued) instead of at the next poll; callable from any thread. */
  public void wake() {
    if (context != null) context.runOnContext(v -> claimNext());
  }

  private void claimNext() {
    if (!running || busy) return;
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
    busy = true;
    store.claimNextJob(LEASE_SECONDS)
        .compose(this::runClaimed)
        .onComplete(ar -> {
          busy = false;
          if (ar.failed()) log.error("event=job.loop.error error=\"{}\"", ar.cause().toString());
          if (!running) return;
          if (ar.succeeded() && ar.result()) {
            context.runOnContext(v -> claimNext());
          } else {
            idleTimer = vertx.setTimer(IDLE_POLL_MS, t -> {
              idleTimer = -1;
              claimNext();
            });
          }
        });
  }

  /** Called once at start-up (metrics); the listener runs on the runner's context and must not block. */
  public void onFinished(FinishedListener listener) {
    this.finished = listener;
  }

  /** The progress (0–100) of the job this runner is working on, or -1 when it is idle. */
  public double currentProgress() {
    return currentJob == null ? -1 : currentProgress;
  }

  public double progressOf(long jobId) {
    Long current = currentJob;
    return current != null && current == jobId ? currentProgress : -1;
  }

  private Future<Boolean> runClaimed(Optional<ExchangeStore.Job> claimed) {
    if (claimed.isEmpty()) return Future.succeededFuture(false);
    ExchangeStore.Job job = claimed.get();
    // the runner's own context carries the exchange id while the job runs: every line the job causes has it, also
    // those of the shop client, its retries and breakers, the catalog import and the database (their callbacks stay
    // on the caller's context), which know nothing of exchanges
    LogContext.set(context, Map.of(LogContext.EXCHANGE, job.runId()));
    return runJob(job).onComplete(ar -> LogContext.set(context, Map.of()));
  }

  private Future<Boolean> runJob(ExchangeStore.Job job) {
    ExchangeLog xlog = ExchangeLog.of(job.runId());
    currentRun = job.runId();
    currentJob = job.id();
    currentProgress = 0;
    xlog.info("job.started", "job={} kind={} file={} attempt={}", job.id(), job.kind(), job.filename(), job.attempts());
    long started = System.nanoTime();
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> store.renewLease(job.id(), LEASE_SECONDS, currentProgress)
        .onFailure(e -> xlog.warn("job.lease.renew.failed", "job={} error=\"{}\": if it keeps failing the lease lapses"
            + " and the job is run again", job.id(), e.getMessage())));
    Future<JobResult> work = job.kind().equals("unzip") ? unzip(job, xlog) : importFile(job, xlog);
    return work
        .recover(e -> {
          if (e instanceof ImportProcessor.Held held && running) return hold(job, held, xlog);
          ImportProcessor.TargetUnavailable unavailable = unavailable(e);
          if (unavailable != null && running && job.attempts() < MAX_PAUSED_ATTEMPTS) {
            return pause(job, unavailable, xlog);
          }
          String reason = unavailable != null && job.attempts() >= MAX_PAUSED_ATTEMPTS
              ? describe(e) + " (попыток: " + job.attempts() + ", больше не повторяется); повторите обмен, когда"
                  + " магазин будет доступен"
              : job.kind().equals("unzip") ? describe(e) // the unzip answer says what to do with the archive
              : describe(e) + "; импорт остановлен: устраните причину и повторите обмен";
          return Future.succeededFuture(new JobResult(false, reason, new JsonObject()));
        })
        .compose(result -> {
          if (result.paused() || (!running && !result.succeeded())) {
            // paused (already stored), or shutting down: the job was parked and its failure is most likely the
            // shutdown itself
            return Future.succeededFuture(result);
          }
          return store.finishJob(job.id(), result.state(), result.message(), result.counts(), result.errors()).map(result);
        })
        .transform(ar -> {
          // the lease lives only as long as this worker's run of the job, whatever happened to it
          vertx.cancelTimer(heartbeat);
          if (ar.succeeded()) return Future.succeededFuture(ar.result());
          // pausing or recording the outcome failed (the database): nothing more can be stored now; with no
          // heartbeat the lease lapses and the job is claimed and run again, instead of staying running forever
          xlog.error("job.record.failed", "job={} file={} error=\"{}\": the job is released; it runs again when its"
              + " lease lapses (within {} s)", job.id(), job.filename(), ar.cause().getMessage(), LEASE_SECONDS);
          return Future.succeededFuture((JobResult) null);
        })
        .map(result -> {
          long ms = (System.nanoTime() - started) / 1_000_000;
          if (result == null) {
            // logged above
          } else if (result.paused()) {
            // logged by pause()
          } else if (result.succeeded() && result.failedItems() > 0) {
            xlog.warn("job.succeeded.with.errors", "job={} file={} ms={} failed={} counts={} firstError=\"{}\"", job.id(),
                job.filename(), ms, result.failedItems(), result.counts().encode(),
                result.errors().isEmpty() ? "" : result.errors().getJsonObject(0).getString("reason"));
          } else if (result.succeeded()) {
            xlog.info("job.succeeded", "job={} file={} ms={} counts={}", job.id(), job.filename(), ms, result.counts().encode());
          } else {
            xlog.warn("job.failed", "job={} file={} ms={} reason=\"{}\"", job.id(), job.filename(), ms, result.message());
          }
          currentJob = null;
          return true;
        });
  }

  private record JobResult(boolean succeeded, String message, JsonObject counts, JsonArray errors, boolean paused) {
    JobResult(boolean succeeded, String message, JsonObject counts) {
      this(succeeded, message, counts, new JsonArray(), false);
    }

    JobResult(boolean succeeded, String message, JsonObject counts, JsonArray errors) {
      this(succeeded, message, counts, errors, false);
    }

    static JobResult pausedWith(String message) {
      return new JobResult(false, message, new JsonObject(), new JsonArray(), true);
    }

    /**
     * Items the shop refused ({@code failed} counted) make a finished job {@code succeeded_with_errors}, never a
     * clean success; notes such as offers deferred until their product arrives do not.
     */
    String state() {
      if (!succeeded) return ExchangeStore.Job.FAILED;
      return failedItems() > 0 ? ExchangeStore.Job.SUCCEEDED_WITH_ERRORS : ExchangeStore.Job.SUCCEEDED;
    }

    long failedItems() {
      Object failed = counts.getValue("failed");
      return failed instanceof Number n ? n.longValue() : 0;
    }
  }

  /**
   * The shop is down: the job is {@code paused} (exponential backoff up to 5 minutes) and runs again, resuming where
   * it stopped; 1C keeps polling and is answered progress with the reason (in Russian) and the next attempt
   * meanwhile. The technical cause goes to the log only.
   */
  private Future<JobResult> pause(ExchangeStore.Job job, ImportProcessor.TargetUnavailable e, ExchangeLog xlog) {
    long delay = Math.min(MAX_PAUSE_SECONDS, PAUSE_BASE_SECONDS << Math.min(job.attempts() - 1, 10));
    // the reason is written for 1C's operator (TargetUnavailable is an OperatorMessage); the technical cause is in
    // the log lines of the failed call
    String reason = e.getMessage() == null || e.getMessage().isBlank() ? SHOP_UNREACHABLE
        : e.getMessage().replaceAll("[.\\s]+$", "");
    xlog.warn("job.paused", "job={} file={} attempt={} retryInSeconds={} progress={} reason=\"{}\"", job.id(),
        job.filename(), job.attempts(), delay, (long) currentProgress, reason);
    return store.pauseJob(job.id(), delay, reason, currentProgress).map(v -> JobResult.pausedWith(reason));
  }

  /** The job's plan waits for an operator: stored as held (not finished), logged as {@code plan.held}. */
  private Future<JobResult> hold(ExchangeStore.Job job, ImportProcessor.Held e, ExchangeLog xlog) {
    xlog.warn("plan.held", "job={} file={} reason=\"{}\"", job.id(), job.filename(), e.getMessage());
    return store.holdJob(job.id(), e.getMessage()).map(v -> JobResult.pausedWith(e.getMessage()));
  }

  /** Why a job waits, as 1C's operator and the API read it. */
  static final String SHOP_UNREACHABLE = "магазин OpenCart недоступен (не отвечает или отвечает ошибкой)";

  private static ImportProcessor.TargetUnavailable unavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ImportProcessor.TargetUnavailable u) return u;
    }
    return null;
  }

  private Future<JobResult> unzip(ExchangeStore.Job job, ExchangeLog xlog) {
    Path dir = runDir(exchangeRoot, job.runId());
    Path archive = dir.resolve(job.filename());
    return vertx.<List<ZipUnpacker.Extracted>>executeBlocking(() -> unpacker.unpack(archive, dir), false)
        // a refused archive's reason is written for the operator (ZipUnpacker)
        .recover(e -> Future.failedFuture(e instanceof ZipUnpacker.UnsafeArchiveException ? new OperatorMessage(e.getMessage(), e) : e))
        .compose(files -> store.recordUnpacked(job.runId(), job.filename(),
                files.stream().map(f -> new ExchangeStore.FileEntry(f.name(), 1, f.bytes(), 1, "complete", true)).toList())
            .map(v -> {
              long bytes = files.stream().mapToLong(ZipUnpacker.Extracted::bytes).sum();
              xlog.info("zip.unpacked", "archive={} files={} bytes={}", job.filename(), files.size(), bytes);
              return new JobResult(true, "Распаковка архива завершена: файлов " + files.size(),
                  new JsonObject().put("files", files.size()).put("bytes", bytes));
            }));
  }

  private Future<JobResult> importFile(ExchangeStore.Job job, ExchangeLog xlog) {
    Path file = runDir(exchangeRoot, job.runId()).resolve(job.filename());
    return store.findRun(job.runId())
        .compose(run -> {
          String type = run.map(ExchangeStore.Run::type).orElse("catalog");
          boolean dryRun = run.map(ExchangeStore.Run::dryRun).orElse(false);
          ImportProcessor processor = processors.get(type);
          if (processor == null) {
            return Future.failedFuture(new OperatorMessage("обмен типа " + type + " этим мостом не импортируется"));
          }
          if (ImportProcessor.RUN_END_JOB.equals(job.filename()) && !processor.handlesRunEnd()) {
            return Future.succeededFuture(Map.entry(type, new ImportProcessor.ImportOutcome("Обмен завершён", Map.of())));
          }
          long version = job.createdAt() == null ? DataVersion.now() : DataVersion.of(job.createdAt().toInstant());
          return processor.process(new ImportProcessor.ImportTask(job.id(), job.runId(), type, file, job.filename(),
              xlog, p -> currentProgress = p, version, dryRun)).map(outcome -> Map.entry(type, outcome));
        })
        .map(typed -> {
          ImportProcessor.ImportOutcome outcome = typed.getValue();
          JsonObject counts = new JsonObject();
          outcome.counts().forEach(counts::put);
          try {
            finished.finished(typed.getKey(), counts);
          } catch (RuntimeException e) {
            xlog.warn("job.listener.failed", "job={} error=\"{}\"", job.id(), e.toString());
          }
          return new JobResult(true, outcome.summary(), counts, new JsonArray(List.copyOf(outcome.errors())));
        });
  }

  /** The task of a job as the runner gives it to its processor (also for recomputing its plan on approval). */
  public static ImportProcessor.ImportTask taskOf(ExchangeStore.Job job, ExchangeStore.Run run, Path exchangeRoot) {
    long version = job.createdAt() == null ? DataVersion.now() : DataVersion.of(job.createdAt().toInstant());
    return new ImportProcessor.ImportTask(job.id(), job.runId(), run.type(),
        runDir(exchangeRoot, job.runId()).resolve(job.filename()), job.filename(), ExchangeLog.of(job.runId()),
        p -> { }, version, run.dryRun());
  }

  /** What 1C and the API are told; the technical text goes to the log (with a reference when of no known kind). */
  private static String describe(Throwable e) {
    return Reasons.explained(e, "job.failed.cause");
  }
}
