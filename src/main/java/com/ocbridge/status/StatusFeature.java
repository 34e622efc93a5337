package com.ocbridge.status;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.ImportJobRunner;
import com.ocbridge.onec.OneCOrdersClient;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.orders.OrderPoller;
import com.ocbridge.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connects the trackers to what feeds them (the shop client's calls, the probe, the order poller, the import runner,
 * the breakers) and offers what reads them: the status operation, the informational health checks and the metrics.
 * {@code shop}, {@code poller} and {@code oneC} are null when not configured.
 */
public final class StatusFeature {
  private static final Duration METRICS_REFRESH = Duration.ofSeconds(10);

  private final StatusBoard board;
  private final StatusMetrics metrics;
  private final StatusApi api;
  private final ShopProbe probe;
  private final Map<String, Handler<Promise<Status>>> healthChecks = new LinkedHashMap<>();

  private StatusFeature(StatusBoard board, StatusMetrics metrics, StatusApi api, ShopProbe probe) {
    this.board = board;
    this.metrics = metrics;
    this.api = api;
    this.probe = probe;
  }

  public static StatusFeature wire(Vertx vertx, MeterRegistry registry, StatusBoard board, ExchangeStore store,
      Outbox outbox, ImportJobRunner runner, OpenCartClient shop, OrderPoller poller, OneCOrdersClient oneC,
      Duration probeInterval) {
    if (shop != null) board.breakers().addAll(shop.breakers());
    if (oneC != null) board.breakers().add("onec.push", oneC.circuitBreaker());
    StatusMetrics metrics = StatusMetrics.start(vertx, registry, store, board, runner::currentProgress,
        METRICS_REFRESH);
    runner.onFinished(metrics::importFinished);
    ShopProbe probe = null;
    if (shop != null) {
      ShopReachability reachability = board.shop();
      shop.observeCalls((op, nanos, failure) -> {
        reachability.called(op, nanos, failure);
        metrics.called(op, nanos, failure);
      });
      probe = new ShopProbe(vertx, shop, reachability, probeInterval);
    }
    if (poller != null) {
      OrderPollTracker polls = board.polls();
      poller.onPolled(ar -> {
        if (ar.succeeded()) polls.succeeded();
        else polls.failed(ar.cause());
      });
    }
    StatusFeature feature = new StatusFeature(board, metrics,
        new StatusApi(new StatusReport(board, outbox, store, runner::progressOf)), probe);
    if (shop != null) feature.healthChecks.put("opencart", ShopHealth.procedure(board.shop()));
    if (oneC != null) feature.healthChecks.put("onec", oneC.healthProcedure());
    return feature;
  }

  public StatusBoard board() {
    return board;
  }

  public StatusMetrics metrics() {
    return metrics;
  }

  public StatusApi api() {
    return api;
  }

  /** Checks /health lists without answering 503 when they are DOWN (the service stays ready). */
  public Map<String, Handler<Promise<Status>>> informationalHealthChecks() {
    return healthChecks;
  }

  /** Starts the shop probe; call once the service is ready. */
  public void start() {
    if (probe != null) probe.start();
  }

  public void stop() {
    if (probe != null) probe.stop();
    metrics.stop();
  }
}
