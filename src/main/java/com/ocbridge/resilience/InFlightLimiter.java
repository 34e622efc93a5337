package com.ocbridge.resilience;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An asynchronous semaphore: at most {@code maxInFlight} submitted tasks run at once, the others
 * wait in FIFO order. Nothing blocks; a waiting task is started when a running one completes.
 *
 * <p>The lock guards only the counter and the queue (never user code), so submitting from several
 * event loops is safe. A queued task is started on the Vert.x context it was submitted from, which
 * also keeps a long queue of instantly completing tasks from growing the stack.
 */
public final class InFlightLimiter {

  private final int maxInFlight;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  public InFlightLimiter(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  public <T> Future<T> submit(Supplier<Future<T>> task) {
    Objects.requireNonNull(task, "task");
    Promise<T> promise = Promise.promise();
    Context submitter = Vertx.currentContext();
    boolean startNow;
    synchronized (this) {
      startNow = inFlight < maxInFlight;
      if (startNow) {
        inFlight++;
      } else {
        waiting.addLast(() -> startOn(submitter, task, promise));
      }
    }
    if (startNow) {
      run(task, promise);
    }
    return promise.future();
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  public synchronized int queued() {
    return waiting.size();
  }

  private <T> void startOn(Context context, Supplier<Future<T>> task, Promise<T> promise) {
    if (context != null) {
      context.runOnContext(v -> run(task, promise));
    } else {
      run(task, promise);
    }
  }

  private <T> void run(Supplier<Future<T>> task, Promise<T> promise) {
    Future<T> future;
    try {
      future = task.get();
      if (future == null) {
        future = Future.failedFuture(new NullPointerException("the task returned no Future"));
      }
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    future.onComplete(outcome -> {
      release();
      promise.handle(outcome);
    });
  }

  /** Hands the slot straight to the next waiting task, or frees it. */
  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.pollFirst();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
