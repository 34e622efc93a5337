package com.ocbridge.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox gauges for /metrics: {@code ocbridge_outbox_depth{status="pending|processing|failed"}} and
 * {@code ocbridge_outbox_oldest_pending_seconds}. Gauges are read synchronously by the scrape, so the figures come
 * from a cache refreshed every {@code refresh} by a self-rescheduling timer, never from a query in the scrape.
 */
public final class OutboxMetrics {
  private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

  private final Vertx vertx;
  private final Outbox outbox;
  private final Duration refresh;
  private final AtomicReference<OutboxStats> last = new AtomicReference<>(new OutboxStats(0, 0, 0, 0));
  private volatile boolean running = true;
  private volatile long timer = -1;

  private OutboxMetrics(Vertx vertx, Outbox outbox, Duration refresh) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.refresh = refresh;
  }

  /** @param registry where to register the gauges; null (no metrics backend, as in tests) registers nothing */
  public static OutboxMetrics start(Vertx vertx, Outbox outbox, MeterRegistry registry, Duration refresh) {
    OutboxMetrics metrics = new OutboxMetrics(vertx, outbox, refresh);
    if (registry != null) {
      for (String status : new String[] {"pending", "processing", "failed"}) {
        Gauge.builder("ocbridge.outbox.depth", metrics, m -> m.depth(status))
            .tag("status", status).description("Outbox entries by status (done ones are not counted)")
            .register(registry);
      }
      Gauge.builder("ocbridge.outbox.oldest.pending.seconds", metrics, m -> m.last().oldestPendingSeconds())
          .description("Age of the oldest entry not yet delivered").register(registry);
    }
    metrics.refresh();
    return metrics;
  }

  public OutboxStats last() {
    return last.get();
  }

  private double depth(String status) {
    OutboxStats s = last.get();
    return switch (status) {
      case "pending" -> s.pending();
      case "processing" -> s.processing();
      default -> s.failed();
    };
  }

  private void refresh() {
    outbox.stats()
        .onSuccess(last::set)
        .onFailure(e -> log.debug("event=outbox.metrics.refresh.failed error=\"{}\"", e.toString()))
        .onComplete(ar -> {
          if (running) timer = vertx.setTimer(Math.max(1, refresh.toMillis()), id -> refresh());
        });
  }

  public void stop() {
    running = false;
    if (timer >= 0) vertx.cancelTimer(timer);
  }
}
