package com.ocbridge.app;

import com.ocbridge.exchange.ExchangeHousekeeping;
import com.ocbridge.exchange.ImportJobRunner;
import com.ocbridge.retention.Retention;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the background job runner a context of its own, so its state is only touched on one thread; also runs the
 * exchange folder's housekeeping and the database's retention at start and then periodically, off the request path,
 * and ends the runs 1C left open every minute.
 */
final class JobsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(JobsVerticle.class);
  private static final long HOUSEKEEPING_MS = 6 * 3600_000L;
  private static final long RUN_SWEEP_MS = 60_000L;

  private final ImportJobRunner runner;
  private final ExchangeHousekeeping housekeeping;
  private final Retention retention;

  JobsVerticle(ImportJobRunner runner, ExchangeHousekeeping housekeeping, Retention retention) {
    this.runner = runner;
    this.housekeeping = housekeeping;
    this.retention = retention;
  }

  @Override
  public Future<?> start() {
    runner.start();
    cleanUp();
    vertx.setPeriodic(HOUSEKEEPING_MS, t -> cleanUp());
    vertx.setPeriodic(RUN_SWEEP_MS, t -> endIdleRuns());
    if (retention.enabled()) {
      purge();
      vertx.setPeriodic(retention.interval().toMillis(), t -> purge());
    } else {
      log.info("event=retention.off reason=\"retention.enabled is false: finished rows are kept\"");
    }
    return Future.succeededFuture();
  }

  private void endIdleRuns() {
    housekeeping.endIdleRuns()
        .onSuccess(ended -> {
          if (ended > 0) runner.wake();
        })
        .onFailure(e -> log.warn("event=exchange.runs.end.failed error=\"{}\"", e.toString()));
  }

  private void cleanUp() {
    housekeeping.removeOldFiles()
        .onFailure(e -> log.warn("event=exchange.housekeeping.failed error=\"{}\"", e.toString()));
  }

  private void purge() {
    // Retention logs each table's failure itself; this only catches what would escape it
    retention.runOnce().onFailure(e -> log.warn("event=retention.failed error=\"{}\"", e.toString()));
  }
}
