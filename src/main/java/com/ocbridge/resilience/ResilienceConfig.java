package com.ocbridge.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Settings of one {@link FutureResilience}: retry with exponential backoff and jitter, and a
 * count-based circuit breaker.
 *
 * @param name                          used in the breaker/retry names and in log lines
 * @param maxAttempts                   total attempts including the first one (1 = no retry)
 * @param initialBackoff                wait before the second attempt
 * @param maxBackoff                    upper bound of any wait between attempts
 * @param backoffMultiplier             growth factor of the wait per attempt (≥ 1)
 * @param jitter                        randomisation factor in [0, 1): the wait is spread ± that share
 * @param failureRateThreshold          percent of recorded failures in the window that opens the breaker
 * @param slidingWindowSize             number of calls the breaker looks at
 * @param minimumNumberOfCalls          calls needed before the failure rate is evaluated
 * @param waitInOpenState               how long the open breaker fails fast before letting a trial call through
 * @param permittedCallsInHalfOpenState trial calls allowed in the half-open state
 * @param retryIf                       which failures are worth another attempt
 * @param recordAsFailure               which failures count against the breaker (others are ignored by it)
 */
public record ResilienceConfig(
    String name,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double backoffMultiplier,
    double jitter,
    float failureRateThreshold,
    int slidingWindowSize,
    int minimumNumberOfCalls,
    Duration waitInOpenState,
    int permittedCallsInHalfOpenState,
    Predicate<Throwable> retryIf,
    Predicate<Throwable> recordAsFailure) {

  public ResilienceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(waitInOpenState, "waitInOpenState");
    Objects.requireNonNull(retryIf, "retryIf");
    Objects.requireNonNull(recordAsFailure, "recordAsFailure");
    require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
    require(initialBackoff.toMillis() >= 1, "initialBackoff must be at least 1 ms, was " + initialBackoff);
    require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must not be below initialBackoff");
    require(backoffMultiplier >= 1.0, "backoffMultiplier must be at least 1, was " + backoffMultiplier);
    require(jitter >= 0.0 && jitter < 1.0, "jitter must be in [0, 1), was " + jitter);
    require(failureRateThreshold > 0 && failureRateThreshold <= 100,
        "failureRateThreshold must be in (0, 100], was " + failureRateThreshold);
    require(slidingWindowSize >= 1, "slidingWindowSize must be at least 1");
    require(minimumNumberOfCalls >= 1, "minimumNumberOfCalls must be at least 1");
    require(!waitInOpenState.isNegative() && !waitInOpenState.isZero(), "waitInOpenState must be positive");
    require(permittedCallsInHalfOpenState >= 1, "permittedCallsInHalfOpenState must be at least 1");
  }

  /**
   * Defaults for a remote HTTP API: 3 attempts, 200 ms doubling up to 5 s with 30 % jitter;
   * the breaker opens when half of the last 20 calls (at least 10) failed and stays open 30 s.
   * The breaker records exactly the failures that are retried.
   */
  public static ResilienceConfig defaults(String name, Predicate<Throwable> retryIf) {
    return new ResilienceConfig(name, 3, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0, 0.3,
        50f, 20, 10, Duration.ofSeconds(30), 1, retryIf, retryIf);
  }

  public ResilienceConfig withRetry(int attempts, Duration initial, Duration max) {
    return new ResilienceConfig(name, attempts, initial, max, backoffMultiplier, jitter, failureRateThreshold,
        slidingWindowSize, minimumNumberOfCalls, waitInOpenState, permittedCallsInHalfOpenState,
        retryIf, recordAsFailure);
  }

  public ResilienceConfig withBackoffShape(double multiplier, double jitterFactor) {
    return new ResilienceConfig(name, maxAttempts, initialBackoff, maxBackoff, multiplier, jitterFactor,
        failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitInOpenState,
        permittedCallsInHalfOpenState, retryIf, recordAsFailure);
  }

  public ResilienceConfig withBreaker(float failureRatePercent, int windowSize, int minimumCalls, Duration openWait) {
    return new ResilienceConfig(name, maxAttempts, initialBackoff, maxBackoff, backoffMultiplier, jitter,
        failureRatePercent, windowSize, minimumCalls, openWait, permittedCallsInHalfOpenState,
        retryIf, recordAsFailure);
  }

  public ResilienceConfig withRecordAsFailure(Predicate<Throwable> predicate) {
    return new ResilienceConfig(name, maxAttempts, initialBackoff, maxBackoff, backoffMultiplier, jitter,
        failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitInOpenState,
        permittedCallsInHalfOpenState, retryIf, predicate);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("ResilienceConfig: " + message);
    }
  }
}
