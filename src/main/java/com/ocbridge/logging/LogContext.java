package com.ocbridge.logging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Log fields that belong to a piece of work ({@code exchange}, {@code messageId}, {@code order}) and must appear on
 * every line that work causes, also on lines of classes that know nothing of it (retries, the OpenCart client, the
 * job runner). An MDC alone is thread-local and Vert.x callbacks hop threads, so the fields live in the local data of
 * a <em>duplicated</em> Vert.x context: every callback of a timer, a web-client or pg-client call started there runs
 * on that same duplicate and so sees them; {@link ContextFieldsFilter} copies them into logback's MDC for each line.
 *
 * <p>Fields are only ever put on a duplicated context: the event-loop context of a verticle is shared by all its
 * work, and a field put there would leak onto unrelated lines.
 */
public final class LogContext {
  public static final String EXCHANGE = "exchange";
  public static final String MESSAGE_ID = "messageId";
  public static final String ORDER = "order";
  private static final String KEY = "ocbridge.log.fields";

  private LogContext() {}

  /**
   * The fields of the current Vert.x context: a duplicated one, or a context created for one worker that runs one
   * piece of work at a time ({@link #dedicated}); empty elsewhere.
   */
  public static Map<String, String> current() {
    Context context = Vertx.currentContext();
    if (!(context instanceof ContextInternal internal)) return Map.of();
    Object fields = internal.localContextData().get(KEY);
    @SuppressWarnings("unchecked")
    Map<String, String> map = fields instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    return map;
  }

  /**
   * Adds a field to the current context if it is a duplicated one (an HTTP request's context is); returns whether it
   * could. Put it before the first asynchronous step so that every callback after it inherits the field.
   */
  public static boolean tag(String field, String value) {
    Context context = Vertx.currentContext();
    if (value == null || !(context instanceof ContextInternal internal) || !internal.isDuplicate()) return false;
    Map<String, String> fields = new LinkedHashMap<>(current());
    fields.put(field, value);
    internal.localContextData().put(KEY, Map.copyOf(fields));
    return true;
  }

  /**
   * A new event-loop context of its own for a worker that runs one job at a time (the import job runner): its fields
   * are set with {@link #set} while a job runs and cleared after, and nothing else runs on it, so no field can leak.
   * (The runner's jobs stay on that context itself: a duplicate of it would do as well for the fields, but the
   * catalog import's streamed file read stalled on a duplicated context, so the jobs keep their runner's context.)
   */
  public static Context dedicated(Vertx vertx) {
    return ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
  }

  /** Replaces the fields of {@code context} (one made by {@link #dedicated}); an empty map clears them. */
  public static void set(Context context, Map<String, String> fields) {
    ((ContextInternal) context).localContextData().put(KEY, Map.copyOf(fields));
  }

  /** {@link #runWith(Context, String, String, Supplier)} on the current context; directly when there is none. */
  public static <T> Future<T> runWith(String field, String value, Supplier<Future<T>> work) {
    Context base = Vertx.currentContext();
    return base == null ? work.get() : runWith(base, field, value, work);
  }

  /**
   * Runs {@code work} on a new duplicate of {@code base} that carries {@code field=value} (plus the fields of the
   * current context), so every line the work causes carries it; the result completes on the caller's context.
   */
  public static <T> Future<T> runWith(Context base, String field, String value, Supplier<Future<T>> work) {
    ContextInternal duplicate = ((ContextInternal) base).duplicate();
    Map<String, String> fields = new LinkedHashMap<>(current());
    if (value != null) fields.put(field, value);
    duplicate.localContextData().put(KEY, Map.copyOf(fields));
    ContextInternal caller = ContextInternal.current();
    Promise<T> promise = caller != null ? caller.promise() : Promise.promise();
    duplicate.runOnContext(v -> {
      Future<T> result;
      try {
        result = work.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(promise);
    });
    return promise.future();
  }
}
