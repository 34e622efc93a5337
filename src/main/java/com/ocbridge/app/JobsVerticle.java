package com.ocbridge.app;

import com.ocbridge.exchange.ImportJobRunner;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Gives the background job runner a context of its own, so its state is only touched on one thread. */
final class JobsVerticle extends VerticleBase {
  private final ImportJobRunner runner;

  JobsVerticle(ImportJobRunner runner) {
    this.runner = runner;
  }

  @Override
  public Future<?> start() {
    runner.start();
    return Future.succeededFuture();
  }
}
