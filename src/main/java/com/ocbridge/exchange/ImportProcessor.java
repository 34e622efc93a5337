package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The seam between the exchange protocol and what an imported file does: the protocol stores the file and runs
 * a background job; the processor reads it and applies it (parse, sync to the shop) and reports progress.
 */
public interface ImportProcessor {

  /**
   * The file name of the job that {@code mode=deactivate} queues (no uploaded file can have this name): the catalog
   * processor then disables what the run's full catalog did not list.
   */
  String DEACTIVATE_JOB = "<deactivate>";

  /**
   * The file name of the job queued when a run ends ({@code mode=complete}, a newer run, or idle past
   * {@code ExchangeHandler.RUN_IDLE_MINUTES}); it comes after every other job of the run. The catalog processor then
   * disables what a full catalog of the run did not list, unless {@code mode=deactivate} did already.
   */
  String RUN_END_JOB = "<run-end>";

  /**
   * One file to import. {@code progress} takes a percentage 0–100 (bytes read / size is good enough);
   * {@code dataVersion} is when the bridge received the file (its job's creation), for {@link
   * com.ocbridge.ordering.DataVersion}: the file's stock and price never overwrite newer data.
   */
  record ImportTask(long jobId, String runId, String type, Path file, String filename, ExchangeLog log,
      DoubleConsumer progress, long dataVersion, boolean dryRun) {
    /** {@code dryRun} false: the task writes what its file says. */
    public ImportTask(long jobId, String runId, String type, Path file, String filename, ExchangeLog log,
        DoubleConsumer progress, long dataVersion) {
      this(jobId, runId, type, file, filename, log, progress, dataVersion, false);
    }

    /** A task whose data counts as received now. */
    public ImportTask(long jobId, String runId, String type, Path file, String filename, ExchangeLog log,
        DoubleConsumer progress) {
      this(jobId, runId, type, file, filename, log, progress, com.ocbridge.ordering.DataVersion.now());
    }
  }

  /**
   * {@code summary} is shown to the 1C operator after {@code success}; counts and per-item errors (each a small
   * JSON object: what, id, reason) go to the job record that {@code GET /api/v1/exchanges/{id}} shows.
   */
  record ImportOutcome(String summary, Map<String, Long> counts, List<JsonObject> errors) {
    public ImportOutcome(String summary, Map<String, Long> counts) {
      this(summary, counts, List.of());
    }
  }

  Future<ImportOutcome> process(ImportTask task);

  /** Whether this processor has work at a run's end ({@link #RUN_END_JOB}); if not, that job just succeeds. */
  default boolean handlesRunEnd() {
    return false;
  }

  /**
   * Fail a job with this when what it writes to is unreachable (the shop is down): the job is not failed but waits
   * and runs again, resuming where it stopped, while 1C is answered {@code progress} with this message. Processors
   * must make a re-run safe (record only what the target confirmed).
   */
  /** Its message is written for 1C's operator (Russian, what happened and what happens next). */
  final class TargetUnavailable extends com.ocbridge.messages.OperatorMessage {
    public TargetUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Fail a job with this when its change plan broke an approval rule before anything was written: the job is
   * {@code held} (not failed) until an operator approves or rejects the plan. Its message (Russian) says which rule
   * and what the plan would do.
   */
  final class Held extends com.ocbridge.messages.OperatorMessage {
    public Held(String message) {
      super(message);
    }
  }
}
