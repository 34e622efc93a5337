package com.ocbridge.api;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.plan.PlanApproval;
import com.ocbridge.plan.PlanStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/exchanges/{id}/plan} (paged JSON, or CSV), {@code …/plan.csv}, {@code POST …/plan/approve} and
 * {@code …/plan/reject}: what an exchange's import jobs will do (or did) to the shop, and an operator's decision on a
 * held plan.
 */
public final class PlanApi {
  private static final int CSV_PAGE = 1000;
  private static final List<String> PRECEDENCE = List.of(PlanStore.HELD, PlanStore.COMPUTING, PlanStore.REJECTED,
      PlanStore.APPROVED, PlanStore.READY, PlanStore.STALE, PlanStore.APPLIED);

  private final ExchangeStore exchanges;
  private final PlanStore plans;
  private final PlanApproval approval;

  public PlanApi(ExchangeStore exchanges, PlanStore plans, PlanApproval approval) {
    this.exchanges = exchanges;
    this.plans = plans;
    this.approval = approval;
  }

  public void get(RoutingContext ctx) {
    ValidatedRequest req = ApiRouter.validated(ctx);
    if ("csv".equals(text(req.getQuery().get("format")))) {
      csv(ctx);
      return;
    }
    String runId = req.getPathParameters().get("id").getString();
    RequestParameter limitParam = req.getQuery().get("limit");
    int limit = limitParam == null || limitParam.isNull() ? 100 : limitParam.getInteger();
    long[] after = after(text(req.getQuery().get("after")));
    PlanStore.Filter filter = filter(req);
    ApiResponses.reply(ctx, 200, exchanges.findRun(runId).compose(run -> {
      if (run.isEmpty()) return Future.failedFuture(ApiError.notFound("no exchange " + runId));
      return Future.all(plans.ofRun(runId), exchanges.jobsOfRun(runId),
              plans.page(runId, filter, after[0], (int) after[1], limit + 1))
          .map(all -> {
            List<PlanStore.Plan> list = all.resultAt(0);
            List<ExchangeStore.Job> jobs = all.resultAt(1);
            List<PlanStore.Line> lines = all.resultAt(2);
            JsonArray items = new JsonArray();
            lines.stream().limit(limit).forEach(l -> items.add(line(l)));
            PlanStore.Line last = lines.size() > limit ? lines.get(limit - 1) : null;
            JsonObject counts = new JsonObject();
            JsonArray described = new JsonArray();
            for (PlanStore.Plan p : list) {
              p.counts().forEach(e -> {
                if (e.getValue() instanceof Number n) counts.put(e.getKey(), counts.getLong(e.getKey(), 0L) + n.longValue());
              });
              described.add(plan(p, jobs));
            }
            return new JsonObject().put("exchange", runId).put("dryRun", run.get().dryRun())
                .put("state", state(list)).put("counts", counts).put("plans", described).put("items", items)
                .put("next", last == null ? null : last.jobId() + ":" + last.seq());
          });
    }));
  }

  /** Every matching line, streamed page by page with backpressure; UTF-8 with a BOM so that Excel reads Cyrillic. */
  public void csv(RoutingContext ctx) {
    ValidatedRequest req = ApiRouter.validated(ctx);
    String runId = req.getPathParameters().get("id").getString();
    PlanStore.Filter filter = filter(req);
    exchanges.findRun(runId).onFailure(ctx::fail).onSuccess(run -> {
      if (run.isEmpty()) {
        ctx.fail(ApiError.notFound("no exchange " + runId));
        return;
      }
      HttpServerResponse response = ctx.response().setChunked(true)
          .putHeader("Content-Type", "text/csv; charset=utf-8").putHeader("Cache-Control", "no-store")
          .putHeader("Content-Disposition", "attachment; filename=\"plan-" + runId + ".csv\"");
      response.write(Buffer.buffer(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
          .appendString("job;seq;kind;action;external_id;name;field;old_value;new_value\r\n"));
      page(response, runId, filter, 0, 0).onComplete(ar -> {
        if (ar.failed()) {
          ApiResponses.failure(ctx);
          response.reset(); // the status line is gone: cut the answer rather than end it as if complete
        } else {
          response.end();
        }
      });
    });
  }

  private Future<Void> page(HttpServerResponse response, String runId, PlanStore.Filter filter, long job, int seq) {
    return plans.page(runId, filter, job, seq, CSV_PAGE).compose(lines -> {
      if (lines.isEmpty()) return Future.succeededFuture();
      StringBuilder out = new StringBuilder();
      for (PlanStore.Line l : lines) {
        var i = l.item();
        out.append(l.jobId()).append(';').append(l.seq()).append(';').append(i.kind()).append(';').append(i.action())
            .append(';').append(cell(i.externalId())).append(';').append(cell(i.name())).append(';')
            .append(cell(i.field())).append(';').append(cell(i.oldValue())).append(';').append(cell(i.newValue()))
            .append("\r\n");
      }
      PlanStore.Line last = lines.get(lines.size() - 1);
      Future<Void> written = response.write(out.toString());
      if (lines.size() < CSV_PAGE) return written;
      return written.compose(v -> page(response, runId, filter, last.jobId(), last.seq()));
    });
  }

  static String cell(String value) {
    if (value == null) return "";
    boolean quote = value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0 || value.indexOf(',') >= 0;
    // a leading = + - @ would be taken for a formula by Excel
    String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+") ? "'" + value
        : value;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  public void approve(RoutingContext ctx) {
    String runId = ApiRouter.validated(ctx).getPathParameters().get("id").getString();
    RequestParameter body = ApiRouter.validated(ctx).getBody();
    String seen = null;
    if (body != null && !body.isNull() && body.isJsonObject()) seen = body.getJsonObject().getString("fingerprint");
    answer(ctx, approval.approve(runId, seen));
  }

  public void reject(RoutingContext ctx) {
    answer(ctx, approval.reject(ApiRouter.validated(ctx).getPathParameters().get("id").getString()));
  }

  private void answer(RoutingContext ctx, Future<PlanApproval.Outcome> outcome) {
    ApiResponses.reply(ctx, 200, outcome.compose(o -> {
      if (o.done()) return Future.succeededFuture(new JsonObject().put("plan", plan(o.plan(), List.of())));
      JsonObject details = new JsonObject();
      if (o.plan() != null) details.put("plan", plan(o.plan(), List.of()));
      return Future.failedFuture(new ApiError(o.status(), o.status() == 404 ? "not_found" : "conflict", o.refusal(),
          details));
    }));
  }

  private static String state(List<PlanStore.Plan> list) {
    if (list.isEmpty()) return PlanStore.COMPUTING;
    for (String s : PRECEDENCE) {
      if (list.stream().anyMatch(p -> p.state().equals(s))) return s;
    }
    return PlanStore.STALE;
  }

  private static JsonObject plan(PlanStore.Plan p, List<ExchangeStore.Job> jobs) {
    String file = jobs.stream().filter(j -> j.id() == p.jobId()).map(ExchangeStore.Job::filename).findFirst()
        .orElse(null);
    return new JsonObject().put("job", p.jobId()).put("file", file).put("state", p.state()).put("counts", p.counts())
        .put("items", p.items()).put("fingerprint", p.fingerprint()).put("reason", p.reason())
        .put("computedMs", p.computedMs()).put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString());
  }

  private static JsonObject line(PlanStore.Line l) {
    var i = l.item();
    return new JsonObject().put("job", l.jobId()).put("seq", l.seq()).put("kind", i.kind()).put("action", i.action())
        .put("externalId", i.externalId()).put("name", i.name()).put("field", i.field())
        .put("oldValue", i.oldValue()).put("newValue", i.newValue());
  }

  private static PlanStore.Filter filter(ValidatedRequest req) {
    Map<String, RequestParameter> q = req.getQuery();
    RequestParameter job = q.get("job");
    return new PlanStore.Filter(job == null || job.isNull() ? null : job.getLong(), text(q.get("kind")),
        text(q.get("action")), text(q.get("field")));
  }

  private static long[] after(String cursor) {
    if (cursor == null) return new long[] {0, -1};
    String[] parts = cursor.split(":");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])}; // the contract's pattern checked it
  }

  private static String text(RequestParameter p) {
    return p == null || p.isNull() ? null : p.getString();
  }

  static List<String> operations() {
    return List.of("getExchangePlan", "getExchangePlanCsv", "approveExchangePlan", "rejectExchangePlan");
  }
}
