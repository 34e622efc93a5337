package com.ocbridge.status;

import com.ocbridge.opencart.CallObserver;
import com.ocbridge.opencart.OpenCartException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the shop answers, since when, why not, and when it last answered. Fed by every request the client sends
 * ({@link CallObserver}) and by {@link ShopProbe}; a refusal of our data (422, 404…) is an answer, so it counts as
 * reachable, while a refused connection, a timeout, a 5xx, a page instead of the extension's JSON or a refused API
 * key does not (the bridge cannot work with the shop until that changes).
 */
public final class ShopReachability implements CallObserver {
  /**
   * @param known     false until the first request had an outcome (then {@code reachable} is false, reason says so)
   * @param since     when the current state began (null while unknown)
   * @param reason    why the shop is unreachable, a Russian sentence; null while reachable
   * @param lastOkAt  the last answer from the shop, null if none since the start
   */
  public record State(boolean configured, boolean known, boolean reachable, Instant since, String reason,
      Instant lastOkAt) {
    public boolean unreachable() {
      return configured && known && !reachable;
    }
  }

  static final String NOT_CHECKED = "Связь с магазином ещё не проверена: первая проверка идёт сразу после запуска.";
  static final String NOT_CONFIGURED = "Магазин не настроен (opencart.baseUrl не задан).";

  private final Clock clock;
  private final AtomicReference<State> state;

  public ShopReachability(boolean configured) {
    this(configured, Clock.systemUTC());
  }

  ShopReachability(boolean configured, Clock clock) {
    this.clock = clock;
    this.state = new AtomicReference<>(new State(configured, false, false, null,
        configured ? NOT_CHECKED : NOT_CONFIGURED, null));
  }

  public State state() {
    return state.get();
  }

  @Override
  public void called(String op, long nanos, OpenCartException failure) {
    if (failure == null || !ShopReasons.meansUnreachable(failure)) {
      answered();
    } else {
      failed(ShopReasons.of(failure));
    }
  }

  /** The shop answered a request. */
  public void answered() {
    Instant now = clock.instant();
    state.updateAndGet(s -> new State(s.configured(), true, true, s.known() && s.reachable() ? s.since() : now, null,
        now));
  }

  /** A request found the shop unusable; {@code reason} is a Russian sentence for the operator. */
  public void failed(String reason) {
    Instant now = clock.instant();
    state.updateAndGet(s -> new State(s.configured(), true, false,
        s.known() && !s.reachable() ? s.since() : now, reason, s.lastOkAt()));
  }
}
