package com.ocbridge.outbox;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * What a handler says about one delivery attempt.
 *
 * @param after for RETRY and BREAKER_OPEN, how long to wait before the entry is due again
 * @param reason for RETRY and FAILED, what the remote said (stored as the entry's last error, shown to operators)
 * @param result for DONE, what the remote answered that is worth keeping (e.g. 1C's document number); may be null
 */
public record Delivery(Outcome outcome, Duration after, String reason, JsonObject result) {
  public enum Outcome {
    /** Delivered: the entry is done. */
    DONE,
    /** Not delivered this time, try again later; the attempt counts. */
    RETRY,
    /** The remote refused it for good: dead letter until an operator replays it. */
    FAILED,
    /** Nothing was sent because the remote is known to be unavailable; put back without counting an attempt. */
    BREAKER_OPEN
  }

  public Delivery {
    Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.RETRY || outcome == Outcome.BREAKER_OPEN) && after == null) {
      throw new IllegalArgumentException(outcome + " needs a delay");
    }
  }

  public static Delivery done(JsonObject result) {
    return new Delivery(Outcome.DONE, null, null, result);
  }

  public static Delivery retry(Duration after, String reason) {
    return new Delivery(Outcome.RETRY, after, reason, null);
  }

  public static Delivery failed(String reason) {
    return new Delivery(Outcome.FAILED, null, reason, null);
  }

  public static Delivery breakerOpen(Duration after) {
    return new Delivery(Outcome.BREAKER_OPEN, after, "circuit breaker open", null);
  }
}
