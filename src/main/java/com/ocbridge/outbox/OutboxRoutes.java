package com.ocbridge.outbox;

import com.ocbridge.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Operator endpoints over the outbox, as plain handlers for the lead's router (authentication is the router's):
 * <ul>
 *   <li>{@code GET /api/v1/outbox?status=pending|processing|done|failed&limit=1..1000} →
 *       200 {@code {"entries":[…],"stats":{…}}}; open work oldest first, history newest first; limit defaults to 100.
 *   <li>{@code POST /api/v1/outbox/{id}/retry} → 202 {@code {"entry":{…}}} once queued again (a failed entry with
 *       its attempts reset, or a backing-off pending entry made due now); 404 unknown id; 409 when it is being
 *       delivered or already done.
 * </ul>
 * Errors are {@code {"error":{"code","message","details"}}} as everywhere under /api/v1.
 */
public final class OutboxRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private final Outbox outbox;

  public OutboxRoutes(Outbox outbox) {
    this.outbox = outbox;
  }

  public Handler<RoutingContext> list() {
    return ctx -> {
      Optional<OutboxStatus> status;
      int limit;
      try {
        String s = ctx.request().getParam("status");
        status = s == null || s.isEmpty() ? Optional.empty() : Optional.of(OutboxStatus.parse(s));
        limit = limit(ctx.request().getParam("limit"));
      } catch (IllegalArgumentException e) {
        error(ctx, 400, "bad_request", e.getMessage(), null);
        return;
      }
      Future.all(outbox.list(status, limit), outbox.stats())
          .onSuccess(all -> {
            JsonArray entries = new JsonArray();
            all.<java.util.List<OutboxEntry>>resultAt(0).forEach(e -> entries.add(e.toJson()));
            json(ctx, 200, new JsonObject().put("entries", entries).put("stats", all.<OutboxStats>resultAt(1).toJson()));
          })
          .onFailure(ctx::fail);
    };
  }

  /** {@code POST /api/v1/outbox/{id}/retry} → 202 {@code {"entry":{…}}}; 404 unknown id; 409 not failed or pending. */
  public Handler<RoutingContext> retry() {
    return byId((ctx, id) -> outbox.retry(id).onSuccess(replay -> {
      switch (replay.outcome()) {
        case REPLAYED -> json(ctx, 202, new JsonObject().put("entry", replay.entry().orElseThrow().toJson()));
        case NOT_FOUND -> error(ctx, 404, "not_found", "no outbox entry " + id, null);
        case NOT_RETRYABLE -> conflict(ctx, id, replay.entry(), "only failed or pending entries can be retried");
      }
    }).onFailure(ctx::fail));
  }

  /** {@code POST /api/v1/outbox/{id}/cancel} → 200 {@code {"entry":{…}}}; 404 unknown id; 409 processing or done. */
  public Handler<RoutingContext> cancel() {
    return byId((ctx, id) -> outbox.cancel(id).onSuccess(cancel -> {
      switch (cancel.outcome()) {
        case CANCELLED -> json(ctx, 200, new JsonObject().put("entry", cancel.entry().orElseThrow().toJson()));
        case NOT_FOUND -> error(ctx, 404, "not_found", "no outbox entry " + id, null);
        case NOT_CANCELLABLE -> conflict(ctx, id, cancel.entry(), "only pending or failed entries can be cancelled");
      }
    }).onFailure(ctx::fail));
  }

  /** An action on the entry named by the {@code id} path parameter (400 when it is not a number). */
  private static Handler<RoutingContext> byId(java.util.function.BiConsumer<RoutingContext, Long> action) {
    return ctx -> {
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        error(ctx, 400, "bad_request", "id must be a number", null);
        return;
      }
      action.accept(ctx, id);
    };
  }

  private static void conflict(RoutingContext ctx, long id, java.util.Optional<OutboxEntry> entry, String rule) {
    String s = entry.map(e -> e.status().wire()).orElse("?");
    error(ctx, 409, "conflict", "outbox entry " + id + " is " + s + "; " + rule, new JsonObject().put("status", s));
  }

  private static int limit(String param) {
    if (param == null || param.isEmpty()) return DEFAULT_LIMIT;
    int n;
    try {
      n = Integer.parseInt(param);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a number");
    }
    if (n < 1 || n > MAX_LIMIT) throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    return n;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String code, String message, JsonObject details) {
    json(ctx, status, ApiError.envelope(code, message, details));
  }
}
