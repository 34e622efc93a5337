package com.ocbridge.app;

import com.ocbridge.exchange.ExchangeHousekeeping;
import com.ocbridge.exchange.ImportJobRunner;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the background job runner a context of its own, so its state is only touched on one thread; also runs the
 * exchange folder's housekeeping at start and every few hours, and ends the runs 1C left open every minute.
 */
final class JobsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(JobsVerticle.class);
  private static final long HOUSEKEEPING_MS = 6 * 3600_000L;
  private static final long RUN_SWEEP_MS = 60_000L;

  private final ImportJobRunner runner;
  private final ExchangeHousekeeping housekeeping;

  JobsVerticle(ImportJobRunner runner, ExchangeHousekeeping housekeeping) {
    this.runner = runner;
    this.housekeeping = housekeeping;
  }

  @Override
  public Future<?> start() {
    runner.start();
    cleanUp();
    vertx.setPeriodic(HOUSEKEEPING_MS, t -> cleanUp());
    vertx.setPeriodic(RUN_SWEEP_MS, t -> endIdleRuns());
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
}
