package com.ocbridge.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * resilience4j {@link Retry} and {@link CircuitBreaker} around Vert.x futures, composed as
 * retry(breaker(call)).
 *
 * <p>resilience4j has no Vert.x module and its async support runs on a
 * {@code ScheduledExecutorService}, i.e. off the event loop. Here the resilience4j objects are used
 * only as state machines (permission, outcome, next delay); waiting between attempts is a
 * {@code vertx.setTimer}, so nothing blocks and nothing leaves Vert.x threads.
 *
 * <p>Every attempt goes through the breaker, so an open breaker stops a retry sequence early:
 * {@link CallNotPermittedException} is never retried, and when it ends a sequence that had a real
 * failure before, the caller gets that real failure (with the refusal attached as suppressed),
 * which says more than "breaker open".
 *
 * <p>Optional half-open probe: when the breaker lets the first trial call through after its
 * open-state wait, the probe (for example a cheap {@code ping}) runs as that trial call instead of
 * the caller's operation, so a write is never the thing that tests a shaky remote. The caller's
 * operation runs right after a successful probe; a failed probe fails the call and re-opens the
 * breaker when the failure is a recorded one.
 */
public final class FutureResilience {

  private static final Logger log = LoggerFactory.getLogger(FutureResilience.class);

  private final Vertx vertx;
  private final ResilienceConfig config;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private volatile Supplier<? extends Future<?>> halfOpenProbe;

  private FutureResilience(Vertx vertx, ResilienceConfig config) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.retry = Retry.of(config.name(), retryConfig(config));
    this.breaker = CircuitBreaker.of(config.name(), breakerConfig(config));
  }

  public static FutureResilience create(Vertx vertx, ResilienceConfig config) {
    return new FutureResilience(vertx, config);
  }

  /** Sets (or, with {@code null}, removes) the call used as the breaker's half-open trial. */
  public FutureResilience withHalfOpenProbe(Supplier<? extends Future<?>> probe) {
    this.halfOpenProbe = probe;
    return this;
  }

  /**
   * Runs {@code action} under retry and breaker. The supplier is invoked once per attempt, so it
   * must create a fresh request (and re-open any stream) each time.
   */
  public <T> Future<T> call(Supplier<Future<T>> action) {
    Objects.requireNonNull(action, "action");
    Promise<T> promise = Promise.promise();
    attempt(action, retry.asyncContext(), promise, null, 1);
    return promise.future();
  }

  public CircuitBreaker.State state() {
    return breaker.getState();
  }

  /** The underlying breaker, for metrics and event listeners. */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  /** The underlying retry, for metrics and event listeners. */
  public Retry retry() {
    return retry;
  }

  public ResilienceConfig config() {
    return config;
  }

  private <T> void attempt(Supplier<Future<T>> action, Retry.AsyncContext<T> context, Promise<T> promise,
               Throwable previousFailure, int attemptNo) {
    throughBreaker(action, true).onComplete(outcome -> {
      if (outcome.succeeded()) {
        context.onComplete();
        promise.complete(outcome.result());
        return;
      }
      Throwable failure = outcome.cause();
      if (failure instanceof CallNotPermittedException && previousFailure != null) {
        context.onError(failure); // lets the retry metrics see the end of the sequence
        previousFailure.addSuppressed(failure);
        promise.fail(previousFailure);
        return;
      }
      long delay = context.onError(failure); // negative: not retryable or attempts used up
      if (delay < 0) {
        promise.fail(failure);
        return;
      }
      log.warn("{}: attempt {} of {} failed ({}), retrying in {} ms", config.name(), attemptNo,
          config.maxAttempts(), failure.getMessage(), delay);
      vertx.setTimer(Math.max(1, delay), timerId -> attempt(action, context, promise, failure, attemptNo + 1));
    });
  }

  private <T> Future<T> throughBreaker(Supplier<Future<T>> action, boolean probeAllowed) {
    if (!breaker.tryAcquirePermission()) {
      return Future.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
    }
    Supplier<? extends Future<?>> probe = halfOpenProbe;
    if (probeAllowed && probe != null && breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
      log.info("{}: circuit breaker half-open, probing before the next call", config.name());
      // the probe consumed the trial permission; the real call asks for its own afterwards
      Supplier<Future<Void>> probeCall = () -> probe.get().<Void>mapEmpty();
      return measured(probeCall).compose(probeResult -> throughBreaker(action, false));
    }
    return measured(action);
  }

  /** Runs one permitted call and reports its duration and outcome to the breaker. */
  private <R> Future<R> measured(Supplier<? extends Future<R>> action) {
    long start = breaker.getCurrentTimestamp();
    Future<R> future;
    try {
      future = action.get();
      if (future == null) {
        future = Future.failedFuture(new NullPointerException("the supplier returned no Future"));
      }
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    return future.andThen(outcome -> {
      long duration = breaker.getCurrentTimestamp() - start;
      if (outcome.succeeded()) {
        breaker.onResult(duration, breaker.getTimestampUnit(), outcome.result());
      } else {
        breaker.onError(duration, breaker.getTimestampUnit(), outcome.cause());
      }
    });
  }

  private static RetryConfig retryConfig(ResilienceConfig c) {
    IntervalFunction backoff = c.jitter() > 0
        ? IntervalFunction.ofExponentialRandomBackoff(c.initialBackoff(), c.backoffMultiplier(), c.jitter(),
            c.maxBackoff())
        : IntervalFunction.ofExponentialBackoff(c.initialBackoff(), c.backoffMultiplier(), c.maxBackoff());
    return RetryConfig.custom()
        .maxAttempts(c.maxAttempts())
        .intervalFunction(backoff)
        .retryOnException(t -> !(t instanceof CallNotPermittedException) && c.retryIf().test(t))
        .build();
  }

  private static CircuitBreakerConfig breakerConfig(ResilienceConfig c) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(c.slidingWindowSize())
        .minimumNumberOfCalls(c.minimumNumberOfCalls())
        .failureRateThreshold(c.failureRateThreshold())
        .waitDurationInOpenState(c.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(c.permittedCallsInHalfOpenState())
        .recordException(c.recordAsFailure())
        .build();
  }
}
