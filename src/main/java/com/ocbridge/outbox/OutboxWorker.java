package com.ocbridge.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries: one per service instance, deployed as a verticle so that all its state lives on one
 * event loop. It claims due entries in batches, hands each to the {@link OutboxHandler} registered for its type,
 * and records the outcome. Several instances may run against one database; {@code SKIP LOCKED} and the lease keep
 * them from delivering the same entry twice, and an entry whose claimer died comes back when its lease expires.
 *
 * <p>It wakes on {@code LISTEN outbox} (enqueue sends a NOTIFY at commit) and otherwise polls every
 * {@code pollInterval}; the loop is a self-rescheduling timer, so two claims never overlap. Stopping stops claiming
 * and waits up to {@code stopGrace} for deliveries in flight; whatever is still in flight then keeps its lease and
 * is delivered again (idempotently) after it expires.
 *
 * <p>Sizing: deploy one worker per group of types that share a remote, with {@code maxInFlight} equal to what the
 * remote may take at once (for 1C, {@code OneCPushSettings.maxConcurrent}). Entries claimed beyond that would only
 * queue inside the handler, holding leases and weakening the creation order (see {@link Outbox}).
 */
public final class OutboxWorker extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

  /**
   * @param instanceId written to {@code claimed_by}, for operators
   * @param maxInFlight entries being delivered at once by this instance (handlers may limit further, e.g. 1C to 2)
   * @param claimBatch most entries taken by one claim query
   * @param lease how long a claim is exclusive; must exceed the slowest delivery including queueing in the handler
   * @param pollInterval how often to look for due work without a NOTIFY (retries that became due, expired leases)
   * @param handlerErrorBackoff delay after a handler failed its Future (a bug, not a remote answer)
   * @param stopGrace how long stop() waits for deliveries in flight
   */
  public record Settings(String instanceId, int maxInFlight, int claimBatch, Duration lease, Duration pollInterval,
      Backoff handlerErrorBackoff, Duration stopGrace) {
    public Settings {
      if (maxInFlight < 1 || claimBatch < 1) throw new IllegalArgumentException("maxInFlight and claimBatch must be >= 1");
    }

    public static Settings defaults() {
      return new Settings(defaultInstanceId(), 8, 32, Duration.ofMinutes(5), Duration.ofSeconds(1),
          new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 2, 0.2), Duration.ofSeconds(10));
    }

    public Settings withInstanceId(String id) {
      return new Settings(id, maxInFlight, claimBatch, lease, pollInterval, handlerErrorBackoff, stopGrace);
    }

    public Settings withMaxInFlight(int n) {
      return new Settings(instanceId, n, claimBatch, lease, pollInterval, handlerErrorBackoff, stopGrace);
    }

    public Settings withLease(Duration d) {
      return new Settings(instanceId, maxInFlight, claimBatch, d, pollInterval, handlerErrorBackoff, stopGrace);
    }

    public Settings withPollInterval(Duration d) {
      return new Settings(instanceId, maxInFlight, claimBatch, lease, d, handlerErrorBackoff, stopGrace);
    }

    public Settings withStopGrace(Duration d) {
      return new Settings(instanceId, maxInFlight, claimBatch, lease, pollInterval, handlerErrorBackoff, d);
    }

    private static String defaultInstanceId() {
      // "pid@host" from the JVM, plus a random suffix so two workers in one JVM (tests) are told apart
      return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
  }

  private final Outbox outbox;
  private final PgConnectOptions listenOptions;
  private final Map<String, OutboxHandler> handlers;
  private final List<String> types;
  private final Settings settings;

  private Context context;
  private PgSubscriber subscriber;
  private boolean running;
  private boolean claiming;
  private boolean claimAgain;
  private int inFlight;
  private long timer = -1;
  private Promise<Void> drained;
  private Map<Delivery.Outcome, Counter> counters;

  /**
   * @param listenOptions where to LISTEN for NOTIFYs (the same database as the outbox), or null to rely on polling
   * @param handlers by entry type; only these types are claimed by this instance
   */
  public OutboxWorker(Outbox outbox, PgConnectOptions listenOptions, Map<String, OutboxHandler> handlers,
      Settings settings) {
    if (handlers.isEmpty()) throw new IllegalArgumentException("an outbox worker needs at least one handler");
    this.outbox = outbox;
    this.listenOptions = listenOptions;
    this.handlers = Map.copyOf(handlers);
    this.types = List.copyOf(handlers.keySet());
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    counters = counters(BackendRegistries.getDefaultNow());
    running = true;
    log.info("event=outbox.worker.started instance={} types={} maxInFlight={} leaseMs={}", settings.instanceId(),
        types, settings.maxInFlight(), settings.lease().toMillis());
    // A worker without LISTEN still works (it polls), so a failed subscription must not fail the deployment.
    return listen().onComplete(ar -> tick()).otherwiseEmpty();
  }

  private Future<Void> listen() {
    if (listenOptions == null) return Future.succeededFuture();
    subscriber = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(retries -> 1_000L);
    subscriber.channel(Outbox.CHANNEL).handler(type -> {
      if (handlers.containsKey(type)) onWorker(this::tick);
    });
    return subscriber.connect()
        .onFailure(e -> log.warn("event=outbox.listen.failed error=\"{}\" fallback=poll", e.toString()));
  }

  @Override
  public Future<?> stop() {
    running = false;
    cancelTimer();
    Future<Void> closed = subscriber == null ? Future.succeededFuture() : subscriber.close();
    Future<Void> idle;
    if (inFlight == 0) {
      idle = Future.succeededFuture();
    } else {
      drained = Promise.promise();
      idle = drained.future().timeout(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS)
          .onFailure(e -> log.warn("event=outbox.worker.parked inFlight={} reason=\"lease expires, then redelivered\"",
              inFlight));
    }
    return Future.join(closed, idle)
        .onComplete(ar -> log.info("event=outbox.worker.stopped instance={}", settings.instanceId()))
        .otherwiseEmpty();
  }

  /** Claims as much work as there is room for; called by the timer, a NOTIFY, and every finished delivery. */
  private void tick() {
    if (!running) return;
    if (claiming) {
      claimAgain = true;
      return;
    }
    int free = settings.maxInFlight() - inFlight;
    // Refill in batches: one claim query per freed slot would make the claim, not the deliveries, the bottleneck.
    // While at least half the slots are busy, wait for more to free up (each finished delivery calls tick()).
    if (free <= 0 || (inFlight > 0 && free < (settings.maxInFlight() + 1) / 2)) return;
    int want = Math.min(free, settings.claimBatch());
    cancelTimer();
    claiming = true;
    claimAgain = false;
    outbox.claim(want, settings.lease(), settings.instanceId(), types).onComplete(ar -> onWorker(() -> {
      claiming = false;
      if (ar.failed()) {
        log.warn("event=outbox.claim.failed error=\"{}\"", ar.cause().toString());
        schedule();
        return;
      }
      List<OutboxEntry> claimed = ar.result();
      claimed.forEach(this::dispatch);
      if (claimed.size() == want || claimAgain) {
        context.runOnContext(v -> tick()); // there may be more due work right now
      } else {
        schedule();
      }
    }));
  }

  private void dispatch(OutboxEntry entry) {
    inFlight++;
    long started = System.nanoTime();
    deliver(entry)
        .compose(delivery -> settle(entry, delivery, (System.nanoTime() - started) / 1_000_000))
        .onComplete(ar -> onWorker(() -> {
          inFlight--;
          if (ar.failed()) {
            // the outcome could not be written; the lease brings the entry back and it is delivered again
            log.warn("event=outbox.record.failed id={} error=\"{}\"", entry.id(), ar.cause().toString());
          }
          if (drained != null && inFlight == 0) drained.tryComplete();
          tick();
        }));
  }

  private Future<Delivery> deliver(OutboxEntry entry) {
    Future<Delivery> answer;
    try {
      answer = handlers.get(entry.type()).deliver(entry);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.recover(e -> {
      log.error("event=outbox.handler.error id={} type={} error=\"{}\"", entry.id(), entry.type(), e.toString(), e);
      return Future.succeededFuture(Delivery.retry(settings.handlerErrorBackoff().delay(entry.attempts()),
          "handler error: " + e));
    });
  }

  private Future<Void> settle(OutboxEntry entry, Delivery d, long ms) {
    Counter counter = counters.get(d.outcome());
    if (counter != null) counter.increment();
    Future<Boolean> recorded = switch (d.outcome()) {
      case DONE -> {
        log.info("event=outbox.delivered id={} type={} key={} attempt={} ms={}", entry.id(), entry.type(),
            entry.uniqueKey(), entry.attempts(), ms);
        yield outbox.markDone(entry, d.result());
      }
      case RETRY -> {
        log.info("event=outbox.retry id={} type={} key={} attempt={} afterMs={} reason=\"{}\"", entry.id(),
            entry.type(), entry.uniqueKey(), entry.attempts(), d.after().toMillis(), d.reason());
        yield outbox.markRetry(entry, d.reason(), d.after());
      }
      case FAILED -> {
        log.warn("event=outbox.dead_letter id={} type={} key={} attempt={} reason=\"{}\"", entry.id(), entry.type(),
            entry.uniqueKey(), entry.attempts(), d.reason());
        yield outbox.markFailed(entry, d.reason());
      }
      case BREAKER_OPEN -> outbox.release(entry, d.after());
    };
    return recorded.map(applied -> {
      if (!applied) {
        log.warn("event=outbox.lease.lost id={} type={} outcome={} reason=\"claimed again after the lease expired\"",
            entry.id(), entry.type(), d.outcome());
      }
      return null;
    });
  }

  private void schedule() {
    if (!running) return;
    cancelTimer();
    timer = vertx.setTimer(Math.max(1, settings.pollInterval().toMillis()), id -> {
      timer = -1;
      tick();
    });
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Futures of handlers and of the pool may complete on other contexts; all state is touched on ours. */
  private void onWorker(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** Deliveries by outcome in /metrics, when a Micrometer registry is installed (not in most tests). */
  private static Map<Delivery.Outcome, Counter> counters(MeterRegistry registry) {
    Map<Delivery.Outcome, Counter> map = new EnumMap<>(Delivery.Outcome.class);
    if (registry == null) return map;
    for (Delivery.Outcome o : Delivery.Outcome.values()) {
      map.put(o, Counter.builder("ocbridge.outbox.deliveries").tag("outcome", o.name().toLowerCase())
          .description("Outbox delivery attempts by outcome").register(registry));
    }
    return map;
  }
}
