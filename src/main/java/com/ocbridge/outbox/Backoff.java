package com.ocbridge.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with a cap and jitter: {@code initial * multiplier^(attempt-1)}, capped at {@code max}, then
 * spread by ±{@code jitter} (a fraction) so that entries failing together do not come back together.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
  public Backoff {
    if (initial.isNegative() || max.compareTo(initial) < 0) throw new IllegalArgumentException("need 0 <= initial <= max");
    if (multiplier < 1) throw new IllegalArgumentException("multiplier must be >= 1");
    if (jitter < 0 || jitter > 1) throw new IllegalArgumentException("jitter must be in [0, 1]");
  }

  /** A fixed delay, still jittered. */
  public static Backoff fixed(Duration delay, double jitter) {
    return new Backoff(delay, delay, 1, jitter);
  }

  /** @param attempt 1 for the delay after the first failed attempt */
  public Duration delay(int attempt) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, max.toMillis());
    double spread = capped * jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
  }
}
