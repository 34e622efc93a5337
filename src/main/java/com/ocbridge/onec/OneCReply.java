package com.ocbridge.onec;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * What a call to 1C came to, classified by {@link ReplyClassifier} (or by the client for network failures).
 *
 * @param status the HTTP status, 0 when there was no answer (timeout, refused connection) or no call (breaker open)
 * @param message what to tell an operator: 1C's own message where it gave one
 * @param body for DELIVERED, 1C's answer ({@code status}, {@code onec.ref}, {@code onec.number}, ...)
 * @param retryAfter for BREAKER_OPEN, how long the breaker is expected to stay open
 */
public record OneCReply(Kind kind, int status, String message, JsonObject body, Duration retryAfter) {

  public enum Kind {
    /** 200/201 with 1C's JSON answer: created, or already there (an idempotent repeat). */
    DELIVERED,
    /** 400, 409, 422 (and other 4xx): 1C will never take this as it is. Dead letter. */
    REJECTED,
    /** 401, 403 other than maintenance, 404/405 from the web server, redirects: our setup is wrong. */
    CONFIG,
    /** 403 "session start prohibited": the infobase is locked for maintenance. Retry patiently. */
    MAINTENANCE,
    /** 406 (no free session or licence), 429. Retry soon. */
    BUSY,
    /** 5xx, HTML instead of JSON (even with 200), timeouts, refused connections. Retry with backoff. */
    TRANSIENT,
    /** 500 with 1C's own INTERNAL envelope: retried a few times, then dead letter. */
    INTERNAL,
    /** Not sent: the circuit breaker is open. */
    BREAKER_OPEN
  }

  static OneCReply of(Kind kind, int status, String message) {
    return new OneCReply(kind, status, message, null, null);
  }

  static OneCReply breakerOpen(Duration retryAfter) {
    return new OneCReply(Kind.BREAKER_OPEN, 0, "circuit breaker open, 1C not called", null, retryAfter);
  }
}
