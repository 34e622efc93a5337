package com.ocbridge.opencart.bridgev1;

import com.ocbridge.opencart.OpenCartSettings;
import com.ocbridge.opencart.TrafficClass;
import com.ocbridge.resilience.FutureResilience;
import com.ocbridge.resilience.InFlightLimiter;
import com.ocbridge.resilience.ResilienceConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One in-flight limiter and one circuit breaker per {@link TrafficClass}: a full catalog lane queues only catalog
 * requests, and a breaker opened by failing picture uploads does not refuse a stock update or a status change. Each
 * breaker probes with its own {@code ping} (through its own limiter) when it turns half-open.
 */
final class TrafficLanes {

  /** The limiter and breaker of one class. */
  record Lane(TrafficClass traffic, InFlightLimiter limiter, FutureResilience resilience) {
    /** retry(breaker(limiter(request))): the slot is not held while waiting for the next attempt. */
    <T> Future<T> call(Supplier<Future<T>> request) {
      return resilience.call(() -> limiter.submit(request));
    }
  }

  private final Map<TrafficClass, Lane> lanes = new EnumMap<>(TrafficClass.class);

  TrafficLanes(Vertx vertx, OpenCartSettings settings, Supplier<Future<?>> ping) {
    for (TrafficClass traffic : TrafficClass.values()) {
      InFlightLimiter limiter = new InFlightLimiter(settings.concurrency(traffic));
      ResilienceConfig config = ResilienceConfig.defaults("opencart-" + traffic.label(), BridgeV1Client::worthRetrying)
          .withRetry(settings.retryAttempts(), settings.retryInitialBackoff(),
              max(settings.retryInitialBackoff(), settings.retryMaxBackoff()))
          .withBreaker(50f, 20, 10, settings.breakerOpenWait())
          .withRecordAsFailure(BridgeV1Client::shopLooksDown);
      FutureResilience resilience = FutureResilience.create(vertx, config)
          .withHalfOpenProbe(() -> limiter.submit(ping::get));
      lanes.put(traffic, new Lane(traffic, limiter, resilience));
    }
  }

  Lane lane(TrafficClass traffic) {
    return lanes.get(traffic);
  }

  /** Connections the HTTP pool needs so that no request waits inside the pool (the limiters do the waiting). */
  static int connections(OpenCartSettings settings) {
    int sum = 0;
    for (TrafficClass traffic : TrafficClass.values()) sum += settings.concurrency(traffic);
    return sum;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
