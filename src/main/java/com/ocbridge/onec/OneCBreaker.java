package com.ocbridge.onec;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resilience4j circuit breaker fed with classified 1C replies instead of exceptions, so that it stays closed
 * through business errors and through 1C telling us to wait:
 * <ul>
 *   <li>success: DELIVERED and REJECTED (1C is up and answering; a bad order is not an outage);
 *   <li>failure: TRANSIENT and INTERNAL (5xx, HTML pages, timeouts, refused connections);
 *   <li>neutral: BUSY and MAINTENANCE (1C is there but asked us to wait; those entries back off on their own);
 *   <li>CONFIG (401, other 403, 404/405 from the web server) opens the breaker at once: retrying with a wrong login
 *       or URL only burns sessions. It stays open until a ping passes, i.e. until someone fixed the setup.
 * </ul>
 * resilience4j's own async support runs on a scheduler thread; here it is only used as a state machine
 * ({@code tryAcquirePermission} / {@code onSuccess} / {@code onError}), so everything stays on the event loop.
 */
final class OneCBreaker {
  private static final Logger log = LoggerFactory.getLogger(OneCBreaker.class);

  private final CircuitBreaker breaker;
  private final Duration openFor;
  private volatile long openedAtNanos = System.nanoTime();

  OneCBreaker(String name, OneCPushSettings.Breaker settings) {
    this.openFor = settings.openFor();
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.windowSize())
        .minimumNumberOfCalls(settings.minimumCalls())
        .failureRateThreshold(settings.failureRatePercent())
        .waitDurationInOpenState(settings.openFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .build());
    breaker.getEventPublisher().onStateTransition(e -> {
      CircuitBreaker.State to = e.getStateTransition().getToState();
      if (to == CircuitBreaker.State.OPEN) openedAtNanos = System.nanoTime();
      log.info("event=onec.breaker.transition from={} to={}", e.getStateTransition().getFromState(), to);
    });
  }

  /** The state machine itself, for status and metrics (state and transitions). */
  CircuitBreaker circuitBreaker() {
    return breaker;
  }

  CircuitBreaker.State state() {
    return breaker.getState();
  }

  boolean tryAcquire() {
    return breaker.tryAcquirePermission();
  }

  long now() {
    return breaker.getCurrentTimestamp();
  }

  /** Reports the outcome of a call that was permitted by {@link #tryAcquire()} at {@code started} ({@link #now()}). */
  void record(OneCReply reply, long started) {
    long duration = breaker.getCurrentTimestamp() - started;
    TimeUnit unit = breaker.getTimestampUnit();
    switch (reply.kind()) {
      case DELIVERED, REJECTED -> breaker.onSuccess(duration, unit);
      case TRANSIENT, INTERNAL -> breaker.onError(duration, unit, new OneCUnavailable(reply.message()));
      case BUSY, MAINTENANCE -> breaker.releasePermission();
      case CONFIG -> {
        log.error("event=onec.alert reason=\"{}\" action=\"circuit opened until a ping passes; check onec.push.*\"",
            reply.message());
        if (breaker.getState() != CircuitBreaker.State.OPEN) breaker.transitionToOpenState();
      }
      case BREAKER_OPEN -> { }
    }
  }

  /** How long until the breaker lets a probe through (at least a little, so callers do not spin). */
  Duration retryAfter() {
    long elapsed = System.nanoTime() - openedAtNanos;
    long left = openFor.toNanos() - elapsed;
    return Duration.ofNanos(Math.max(left, Math.min(openFor.toNanos(), TimeUnit.MILLISECONDS.toNanos(50))));
  }

  /** The exception resilience4j records for an infrastructure failure; never thrown. */
  static final class OneCUnavailable extends RuntimeException {
    OneCUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
