package com.ocbridge.onec;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code max} tasks at once; the others wait in arrival order (so orders leave in the order they were
 * handed in). A waiting task is started on the context it was submitted from. Never blocks a thread.
 */
final class ConcurrencyLimit {
  private final int max;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int active;

  ConcurrencyLimit(int max) {
    this.max = max;
  }

  <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    Runnable start = () -> {
      Future<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        release();
        promise.handle(ar);
      });
    };
    boolean now;
    synchronized (this) {
      now = active < max;
      if (now) {
        active++;
      } else {
        Context ctx = Vertx.currentContext();
        waiting.add(ctx == null ? start : () -> ctx.runOnContext(v -> start.run()));
      }
    }
    if (now) start.run();
    return promise.future();
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) active--; // otherwise the slot passes straight to the next task
    }
    if (next != null) next.run();
  }

  synchronized int active() {
    return active;
  }
}
