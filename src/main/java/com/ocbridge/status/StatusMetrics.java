package com.ocbridge.status;

import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.opencart.CallObserver;
import com.ocbridge.opencart.OpenCartException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ocbridge_*} series an operator alerts on (README "Health and metrics"). Gauges read trackers or a cache
 * refreshed by a timer, never the database in the scrape. Tags stay low-cardinality: operation names, error kinds,
 * exchange types and fixed result names, never ids or SKUs.
 */
public final class StatusMetrics implements CallObserver, com.ocbridge.stock.StockApi.Listener {
  private static final Logger log = LoggerFactory.getLogger(StatusMetrics.class);
  static final List<String> ITEM_RESULTS = List.of("created", "updated", "unchanged", "disabled", "failed");

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final ExchangeStore store;
  private final Duration refresh;
  private final AtomicReference<ExchangeStore.ImportSummary> imports =
      new AtomicReference<>(new ExchangeStore.ImportSummary(null, 0, 0, 0));
  private final Counter stockReceived;
  private final Counter stockQueued;
  private final Counter stockApplied;
  private final Counter stockUnknown;
  private volatile boolean running = true;
  private volatile long timer = -1;
  /** Held here: Micrometer keeps only a weak reference to a gauge's object, and a lone lambda would be collected. */
  private DoubleSupplier importProgress = () -> -1;

  private StatusMetrics(Vertx vertx, MeterRegistry registry, ExchangeStore store, Duration refresh) {
    this.vertx = vertx;
    this.registry = registry;
    this.store = store;
    this.refresh = refresh;
    stockReceived = Counter.builder("ocbridge.stock.messages.received")
        .description("Stock messages taken by POST /api/v1/stock").register(registry);
    stockQueued = Counter.builder("ocbridge.stock.messages.queued")
        .description("Stock messages queued because the shop was unreachable").register(registry);
    stockApplied = Counter.builder("ocbridge.stock.lines.applied")
        .description("Stock lines written to the shop at once").register(registry);
    stockUnknown = Counter.builder("ocbridge.stock.lines.unknown")
        .description("Stock lines neither the catalog nor the shop knows").register(registry);
  }

  /** Registers every series and starts the refresh of the cached import figures. */
  public static StatusMetrics start(Vertx vertx, MeterRegistry registry, ExchangeStore store, StatusBoard board,
      DoubleSupplier importProgress, Duration refresh) {
    // no metrics backend (Vert.x started without one): the series are kept in a registry nobody scrapes
    StatusMetrics m = new StatusMetrics(vertx, registry == null ? new SimpleMeterRegistry() : registry, store, refresh);
    m.bind(board, importProgress);
    m.refresh();
    return m;
  }

  private void bind(StatusBoard board, DoubleSupplier importProgress) {
    Gauge.builder("ocbridge.shop.reachable", board.shop(), s -> s.state().reachable() ? 1 : 0)
        .description("1 while the shop answers, 0 while it is unreachable, not checked yet or not configured")
        .register(registry);
    for (var e : board.breakers().raw()) {
      Gauge.builder("ocbridge.breaker.state", e.getValue(), b -> BreakerBoard.code(b.getState()))
          .tag("breaker", e.getKey()).description("Circuit breaker: 0 closed, 1 half-open, 2 open")
          .register(registry);
    }
    for (String type : OneCContacts.TYPES) {
      Gauge.builder("ocbridge.onec.last.contact.age.seconds", board.contacts(), c -> age(c.last(type)))
          .tag("type", type).description("Seconds since 1C last called (NaN: not since the start)")
          .register(registry);
    }
    if (board.polls().enabled()) {
      Gauge.builder("ocbridge.orders.poll.age.seconds", board.polls(), p -> age(lastGoodPoll(p)))
          .description("Seconds since the last successful order poll (NaN: none since the start)").register(registry);
      Gauge.builder("ocbridge.orders.poll.ok", board.polls(), p -> p.last() == null || p.last().ok() ? 1 : 0)
          .description("0 while order polls fail").register(registry);
    }
    this.importProgress = importProgress;
    Gauge.builder("ocbridge.import.progress.percent", this, m -> Math.max(0, m.importProgress.getAsDouble()))
        .description("Progress of the running import job, 0-100 (0 when none runs)").register(registry);
    Gauge.builder("ocbridge.import.running", this, m -> m.importProgress.getAsDouble() >= 0 ? 1 : 0)
        .description("1 while an import job runs").register(registry);
    for (String state : List.of("queued", "paused", "failed_24h")) {
      Gauge.builder("ocbridge.import.jobs", this, m -> m.jobs(state)).tag("state", state)
          .description("Import jobs queued, paused waiting for the shop, failed in the last 24 h").register(registry);
    }
  }

  private static Instant lastGoodPoll(OrderPollTracker p) {
    OrderPollTracker.Poll last = p.last();
    return last == null ? null : last.lastOkAt();
  }

  private static double age(Instant at) {
    return at == null ? Double.NaN : Math.max(0, (System.currentTimeMillis() - at.toEpochMilli()) / 1000.0);
  }

  private double jobs(String state) {
    ExchangeStore.ImportSummary s = imports.get();
    return switch (state) {
      case "queued" -> s.queued();
      case "paused" -> s.paused();
      default -> s.failed24h();
    };
  }

  /** Per-operation latency and errors of every request to the shop. */
  @Override
  public void called(String op, long nanos, OpenCartException failure) {
    Timer.builder("ocbridge.shop.request").tag("op", op).tag("outcome", failure == null ? "ok" : "error")
        .description("Requests to the shop by operation").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    if (failure != null) {
      Counter.builder("ocbridge.shop.errors").tag("op", op).tag("kind", failure.kind().name().toLowerCase(Locale.ROOT))
          .description("Failed requests to the shop by operation and kind").register(registry).increment();
    }
  }

  /** An import job finished with these counts. */
  public void importFinished(String type, JsonObject counts) {
    for (String result : ITEM_RESULTS) {
      Object n = counts.getValue(result);
      if (n instanceof Number number && number.longValue() > 0) {
        Counter.builder("ocbridge.import.items").tag("type", type).tag("result", result)
            .description("Items of finished import jobs by result").register(registry).increment(number.longValue());
      }
    }
  }

  @Override
  public void received() {
    stockReceived.increment();
  }

  @Override
  public void applied(int lines, int unknown) {
    stockApplied.increment(lines);
    stockUnknown.increment(unknown);
  }

  @Override
  public void queued() {
    stockQueued.increment();
  }

  private void refresh() {
    store.importSummary()
        .onSuccess(imports::set)
        .onFailure(e -> log.debug("event=status.metrics.refresh.failed error=\"{}\"", e.toString()))
        .onComplete(ar -> {
          if (running) timer = vertx.setTimer(Math.max(1, refresh.toMillis()), id -> refresh());
        });
  }

  public void stop() {
    running = false;
    long t = timer;
    if (t >= 0) vertx.cancelTimer(t);
  }
}
