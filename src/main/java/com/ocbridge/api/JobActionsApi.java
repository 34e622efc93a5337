package com.ocbridge.api;

import com.ocbridge.exchange.JobControl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/exchanges/{id}/jobs/{jobId}/retry} and {@code …/cancel}: 200 with the job as it is now,
 * 404 for an unknown exchange or job, 409 (with the job's state and why) when the job is not in a state the action
 * applies to.
 */
public final class JobActionsApi {
  private final JobControl control;

  public JobActionsApi(JobControl control) {
    this.control = control;
  }

  public void retry(RoutingContext ctx) {
    act(ctx, "retry");
  }

  public void cancel(RoutingContext ctx) {
    act(ctx, "cancel");
  }

  private void act(RoutingContext ctx, String action) {
    var params = ApiRouter.validated(ctx).getPathParameters();
    String runId = params.get("id").getString();
    long jobId = params.get("jobId").getLong();
    Future<JobControl.Outcome> outcome = action.equals("retry") ? control.retry(runId, jobId)
        : control.cancel(runId, jobId);
    ApiResponses.reply(ctx, 200, outcome.compose(o -> {
      if (o.job().isEmpty()) {
        return Future.failedFuture(ApiError.notFound("no job " + jobId + " in exchange " + runId));
      }
      JsonObject job = ExchangesApi.job(o.job().get(), -1);
      if (!o.done()) {
        return Future.failedFuture(new ApiError(409, "conflict", o.refusal(),
            new JsonObject().put("state", o.job().get().state())));
      }
      return Future.succeededFuture(new JsonObject().put("job", job));
    }));
  }
}
