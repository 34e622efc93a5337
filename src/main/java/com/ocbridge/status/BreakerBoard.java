package com.ocbridge.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every circuit breaker of the service by name (the shop's traffic lanes, the 1C push), with the time of its last
 * state change, which resilience4j does not keep. Registration happens at start; reads from any thread.
 */
public final class BreakerBoard {
  /** {@code since}: the last transition, null when the breaker kept its first state since the start. */
  public record Breaker(String name, String state, Instant since) {
    public boolean open() {
      return state.equals("OPEN") || state.equals("FORCED_OPEN");
    }
  }

  private final Clock clock;
  private final List<Map.Entry<String, CircuitBreaker>> breakers = new CopyOnWriteArrayList<>();
  private final Map<String, Instant> since = new ConcurrentHashMap<>();

  public BreakerBoard() {
    this(Clock.systemUTC());
  }

  BreakerBoard(Clock clock) {
    this.clock = clock;
  }

  public void add(String name, CircuitBreaker breaker) {
    breakers.add(Map.entry(name, breaker));
    breaker.getEventPublisher().onStateTransition(e -> since.put(name, clock.instant()));
  }

  public void addAll(Map<String, CircuitBreaker> named) {
    named.forEach(this::add);
  }

  public List<Breaker> breakers() {
    List<Breaker> list = new ArrayList<>();
    for (Map.Entry<String, CircuitBreaker> e : breakers) {
      list.add(new Breaker(e.getKey(), e.getValue().getState().name(), since.get(e.getKey())));
    }
    return list;
  }

  /** 0 closed, 1 half-open, 2 open (forced or not), 3 anything else resilience4j has. */
  public static int code(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
      default -> 3;
    };
  }

  List<Map.Entry<String, CircuitBreaker>> raw() {
    return breakers;
  }
}
