package com.ocbridge.status;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/**
 * Pings the shop every {@code interval} (outside the traffic lanes: no retry, no breaker) so that its reachability is
 * known while the bridge is idle. Skipped while other calls already show the shop answering; one probe at a time.
 */
public final class ShopProbe {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final ShopReachability reachability;
  private final Duration interval;
  private volatile boolean running;
  private volatile long timer = -1;

  public ShopProbe(Vertx vertx, OpenCartClient shop, ShopReachability reachability, Duration interval) {
    this.vertx = vertx;
    this.shop = shop;
    this.reachability = reachability;
    this.interval = interval;
  }

  /** Probes at once, then every interval. */
  public void start() {
    running = true;
    vertx.runOnContext(v -> probe());
  }

  public void stop() {
    running = false;
    long t = timer;
    if (t >= 0) vertx.cancelTimer(t);
  }

  private void probe() {
    if (!running) return;
    if (recentlyAnswered()) {
      next();
      return;
    }
    shop.probe()
        .onSuccess(info -> reachability.answered())
        .onFailure(e -> {
          if (e instanceof OpenCartException oc) {
            reachability.called("ping", 0, oc);
          } else {
            reachability.failed(ShopReasons.forOperator(e));
          }
        })
        .onComplete(ar -> next());
  }

  private boolean recentlyAnswered() {
    ShopReachability.State s = reachability.state();
    return s.known() && s.reachable() && s.lastOkAt() != null
        && s.lastOkAt().isAfter(Instant.now().minus(interval));
  }

  private void next() {
    if (running) timer = vertx.setTimer(Math.max(1, interval.toMillis()), id -> probe());
  }
}
