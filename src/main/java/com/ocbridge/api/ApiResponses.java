package com.ocbridge.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.json.schema.JsonSchemaValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON answers and turns every failure into the error envelope, logged once here. */
public final class ApiResponses {
  private static final Logger log = LoggerFactory.getLogger("api");

  private ApiResponses() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    json(ctx.response(), status, body);
  }

  public static void json(io.vertx.core.http.HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** Runs a handler's future and answers with its JSON, or with the envelope of its failure. */
  public static void reply(RoutingContext ctx, int status, Future<JsonObject> result) {
    result.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }

  /**
   * The router's failure handler for /api and /console: validation (400), auth (401), limits (413), our ApiErrors,
   * the rest 500; a client that went away is not answered.
   */
  public static void failure(RoutingContext ctx) {
    if (ctx.response().ended()) return;
    Throwable failure = ctx.failure();
    if (failure instanceof io.vertx.core.http.HttpClosedException || failure instanceof java.nio.channels.ClosedChannelException
        || ctx.response().closed()) {
      // the client went away mid-request (or mid-answer): nobody to answer, nothing wrong with the service
      log.info("event=api.client_gone method={} path={}", ctx.request().method(), ctx.request().path());
      return;
    }
    ApiError error = toApiError(ctx.statusCode(), failure);
    if (error.status() >= 500) {
      log.error("event=api.error method={} path={} error=\"{}\"", ctx.request().method(), ctx.request().path(),
          failure == null ? "status " + ctx.statusCode() : failure.toString());
    } else {
      log.info("event=api.refused method={} path={} status={} reason=\"{}\"", ctx.request().method(),
          ctx.request().path(), error.status(), error.getMessage());
    }
    json(ctx, error.status(), error.envelope());
  }

  static ApiError toApiError(int statusCode, Throwable failure) {
    if (failure instanceof ApiError e) return e;
    if (failure instanceof ValidatorException v) {
      return new ApiError(400, "bad_request", describe(v), new JsonObject().put("type", v.type().name()));
    }
    if (failure instanceof HttpException h) {
      Throwable cause = h.getCause();
      if (cause instanceof ApiError e) return e;
      if (cause instanceof ValidatorException v) {
        return new ApiError(400, "bad_request", describe(v), new JsonObject().put("type", v.type().name()));
      }
      return byStatus(h.getStatusCode(), h.getPayload() != null ? h.getPayload() : h.getMessage());
    }
    if (failure == null) return byStatus(statusCode, null);
    // a refusal of the framework's own, with its cause attached (a body or form field over the limit: 413)
    if (statusCode >= 400 && statusCode < 500) return byStatus(statusCode, null);
    if (failure instanceof io.vertx.core.json.DecodeException) {
      return ApiError.badRequest("the body is not valid JSON");
    }
    // the cause is logged by failure(); the client is told nothing internal (no SQL, no stack, no class names)
    return new ApiError(500, "internal", "internal error", null);
  }

  private static String describe(ValidatorException v) {
    String message = v.getMessage();
    if (v.getCause() instanceof JsonSchemaValidationException s && s.location() != null) {
      message = message + " (at " + s.location() + ")";
    }
    return message;
  }

  private static ApiError byStatus(int status, String message) {
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", message == null ? "bad request" : message, null);
      case 401 -> new ApiError(401, "unauthorized", "missing or unknown API token", null);
      case 404 -> new ApiError(404, "not_found", "no such resource", null);
      case 405 -> new ApiError(405, "method_not_allowed", "method not allowed", null);
      case 413 -> new ApiError(413, "payload_too_large", "the body is larger than the limit", null);
      case 415 -> new ApiError(415, "unsupported_media_type", "send application/json", null);
      case 503 -> new ApiError(503, "unavailable", "this operation is not available in this service", null);
      default -> new ApiError(status < 400 ? 500 : status, status < 500 ? "bad_request" : "internal",
          message == null || status >= 500 || status < 400 ? "error " + status : message, null);
    };
  }
}
