package com.ocbridge.status;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The last order poll: when, whether it worked, why not, and since when polls keep failing. */
public final class OrderPollTracker {
  /**
   * @param failingSince the first failed poll of the current run of failures, null while polls work
   * @param lastOkAt     the last successful poll, null if none since the start
   */
  public record Poll(Instant at, boolean ok, String error, Instant failingSince, Instant lastOkAt) {}

  private final Clock clock;
  private final boolean enabled;
  private final AtomicReference<Poll> last = new AtomicReference<>();

  public OrderPollTracker(boolean enabled) {
    this(enabled, Clock.systemUTC());
  }

  OrderPollTracker(boolean enabled, Clock clock) {
    this.enabled = enabled;
    this.clock = clock;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Null until the first poll ended. */
  public Poll last() {
    return last.get();
  }

  public void succeeded() {
    Instant now = clock.instant();
    last.set(new Poll(now, true, null, null, now));
  }

  /** A poll failed with {@code failure}; only its kind is kept (a Russian sentence), the text goes to the log. */
  public void failed(Throwable failure) {
    failed(ShopReasons.forOperator(failure));
  }

  /** {@code reason}: a Russian sentence for the operator, no exception text. */
  public void failed(String reason) {
    Instant now = clock.instant();
    last.updateAndGet(p -> new Poll(now, false, reason, p != null && !p.ok() ? p.failingSince() : now,
        p == null ? null : p.lastOkAt()));
  }
}
