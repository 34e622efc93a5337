package com.ocbridge.ordering;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks in order per key: a task starts once every earlier task that named any of its keys has
 * finished (succeeded or failed); tasks with disjoint keys run side by side. This is what keeps two writers of one
 * product (the catalog import, the fast stock API, a queued stock message) from overtaking each other between
 * "read what the shop has" and "the shop confirmed": the later one reads after the earlier one's write.
 *
 * <p>Nothing blocks: the lock guards only the map of each key's last task, never a task. Keys are released when
 * their last task ends, so the map holds only keys of running or waiting tasks.
 */
public final class KeyedSequencer {
  private final Map<String, Future<Void>> tails = new HashMap<>();

  /** Runs {@code task} after the earlier tasks of {@code keys}; its outcome is the task's. */
  public <T> Future<T> run(Collection<String> keys, Supplier<Future<T>> task) {
    Set<String> mine = new LinkedHashSet<>(keys);
    Promise<Void> done = Promise.promise();
    List<Future<Void>> before = new ArrayList<>();
    synchronized (this) {
      for (String key : mine) {
        Future<Void> previous = tails.put(key, done.future());
        if (previous != null) before.add(previous);
      }
    }
    Future<Void> ready = before.isEmpty() ? Future.succeededFuture() : Future.join(before).<Void>mapEmpty()
        .otherwiseEmpty();
    return ready.compose(v -> start(task)).andThen(outcome -> {
      synchronized (this) {
        for (String key : mine) tails.remove(key, done.future());
      }
      done.complete();
    });
  }

  /** Keys with a running or waiting task (for tests and metrics). */
  public synchronized int keysInUse() {
    return tails.size();
  }

  private static <T> Future<T> start(Supplier<Future<T>> task) {
    try {
      Future<T> future = task.get();
      return future != null ? future : Future.failedFuture(new NullPointerException("the task returned no Future"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
