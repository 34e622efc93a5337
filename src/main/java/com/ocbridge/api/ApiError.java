package com.ocbridge.api;

import io.vertx.core.json.JsonObject;

/**
 * A failure that travels down a Future chain and is turned into the JSON error envelope once, at the HTTP
 * edge: {@code {"error":{"code","message","details"}}} with {@link #status}.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final JsonObject details;

  public ApiError(int status, String code, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? new JsonObject() : details;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message, null);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message, null);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "conflict", message, null);
  }

  public static ApiError unprocessable(String message, JsonObject details) {
    return new ApiError(422, "unprocessable", message, details);
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, "unavailable", message, null);
  }

  public int status() {
    return status;
  }

  public JsonObject envelope() {
    return envelope(code, getMessage(), details);
  }

  public static JsonObject envelope(String code, String message, JsonObject details) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)
        .put("details", details == null ? new JsonObject() : details));
  }
}
