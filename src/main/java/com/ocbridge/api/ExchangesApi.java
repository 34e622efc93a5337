package com.ocbridge.api;

import com.ocbridge.exchange.ExchangeStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/** {@code GET /api/v1/exchanges[/{id}]}: what 1C sent, what the imports did, how long it took, what failed. */
public final class ExchangesApi {
  private final ExchangeStore store;
  private final LongToDoubleFunction liveProgress;

  /** {@code liveProgress}: the running job's progress as the runner sees it between heartbeats, or -1. */
  public ExchangesApi(ExchangeStore store, LongToDoubleFunction liveProgress) {
    this.store = store;
    this.liveProgress = liveProgress;
  }

  public void list(RoutingContext ctx) {
    var limitParam = ApiRouter.validated(ctx).getQuery().get("limit");
    int limit = limitParam == null || limitParam.isNull() ? 50 : limitParam.getInteger();
    Future<JsonObject> result = store.listRuns(limit)
        .compose(runs -> Future.all(runs.stream().map(this::describe).toList())
            .map(all -> new JsonObject().put("exchanges", new JsonArray(all.list()))));
    ApiResponses.reply(ctx, 200, result);
  }

  public void get(RoutingContext ctx) {
    String id = ApiRouter.validated(ctx).getPathParameters().get("id").getString();
    ApiResponses.reply(ctx, 200, store.findRun(id).compose(run -> run.isPresent() ? describe(run.get())
        : Future.failedFuture(ApiError.notFound("no exchange " + id))));
  }

  private Future<JsonObject> describe(ExchangeStore.Run run) {
    return store.jobsOfRun(run.id()).map(jobs -> {
      JsonObject counters = new JsonObject();
      JsonArray list = new JsonArray();
      for (ExchangeStore.Job job : jobs) {
        job.counts().forEach(e -> {
          if (e.getValue() instanceof Number n) {
            counters.put(e.getKey(), counters.getLong(e.getKey(), 0L) + n.longValue());
          }
        });
        list.add(job(job, liveProgress.applyAsDouble(job.id())));
      }
      return new JsonObject()
          .put("id", run.id()).put("type", run.type()).put("state", run.state())
          .put("clientVersion", run.clientVersion()).put("origin", run.origin()).put("dryRun", run.dryRun())
          .put("startedAt", iso(run.startedAt())).put("lastSeenAt", iso(run.lastSeenAt()))
          .put("completedAt", iso(run.completedAt()))
          .put("counters", counters).put("jobs", list);
    });
  }

  /**
   * One job as the API shows it. A paused job keeps the progress it had reached (the number 1C is told too), with
   * why it waits and when it tries again; a running one shows the runner's figure if it is ahead of the stored one.
   */
  public static JsonObject job(ExchangeStore.Job job, double live) {
    boolean paused = ExchangeStore.Job.PAUSED.equals(job.state());
    // a running job: whole percent, rounded down, as 1C is told it
    double progress = ExchangeStore.Job.RUNNING.equals(job.state()) ? Math.floor(Math.max(job.progress(), live))
        : job.progress();
    return new JsonObject()
        .put("id", job.id()).put("exchange", job.runId()).put("kind", job.kind()).put("file", job.filename())
        .put("state", job.state()).put("progress", progress).put("message", job.message())
        .put("pausedReason", paused ? job.pausedReason() : null)
        .put("nextAttemptAt", paused ? iso(job.nextAttemptAt()) : null)
        .put("counts", job.counts()).put("errors", job.errors()).put("attempts", job.attempts())
        .put("createdAt", iso(job.createdAt())).put("startedAt", iso(job.startedAt()))
        .put("finishedAt", iso(job.finishedAt()));
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  static List<String> operations() {
    return List.of("listExchanges", "getExchange");
  }
}
