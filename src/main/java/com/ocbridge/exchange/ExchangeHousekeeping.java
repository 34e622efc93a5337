package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the uploaded files of finished exchange runs after {@link #KEEP_DAYS} days (2.09+ clients name every
 * upload with a new GUID, so the exchange folder would otherwise only grow). The run records stay, so
 * {@code GET /api/v1/exchanges} keeps the history; re-imports never need old files (1C always uploads again).
 */
public final class ExchangeHousekeeping {
  private static final Logger log = LoggerFactory.getLogger("exchange");
  static final int KEEP_DAYS = 7;

  private final Vertx vertx;
  private final ExchangeStore store;
  private final Path exchangeRoot;

  /** Removes, with a run's files, what else is kept of them (the change plans); answers how many rows. */
  private final java.util.function.Function<String, Future<Integer>> alsoRemove;

  public ExchangeHousekeeping(Vertx vertx, ExchangeStore store, Path exchangeRoot) {
    this(vertx, store, exchangeRoot, runId -> Future.succeededFuture(0));
  }

  public ExchangeHousekeeping(Vertx vertx, ExchangeStore store, Path exchangeRoot,
      java.util.function.Function<String, Future<Integer>> alsoRemove) {
    this.vertx = vertx;
    this.store = store;
    this.exchangeRoot = exchangeRoot;
    this.alsoRemove = alsoRemove;
  }

  /**
   * Ends the runs 1C left open (no {@code complete}, nothing for {@link ExchangeHandler#RUN_IDLE_MINUTES}), so their
   * end jobs run (a full catalog's deactivation among them); answers how many.
   */
  public Future<Integer> endIdleRuns() {
    return store.endIdleRuns(ExchangeHandler.RUN_IDLE_MINUTES).map(ended -> {
      if (ended > 0) log.info("event=exchange.runs.ended runs={} idleMinutes={}", ended, ExchangeHandler.RUN_IDLE_MINUTES);
      return ended;
    });
  }

  /** Answers how many runs' folders were removed. */
  public Future<Integer> removeOldFiles() {
    return store.runsWithOldFiles(KEEP_DAYS).compose(this::remove);
  }

  private Future<Integer> remove(List<String> runIds) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (String runId : runIds) {
      String dir = ImportJobRunner.runDir(exchangeRoot, runId).toString();
      chain = chain.compose(n -> vertx.fileSystem().exists(dir)
          .compose(exists -> exists ? vertx.fileSystem().deleteRecursive(dir) : Future.succeededFuture())
          .compose(v -> alsoRemove.apply(runId))
          .compose(plans -> store.markFilesRemoved(runId).map(plans))
          .map(plans -> {
            ExchangeLog.of(runId).info("exchange.files.removed", "dir={} keptDays={} plans={}", dir, KEEP_DAYS, plans);
            return n + 1;
          }));
    }
    return chain;
  }
}
