package com.ocbridge.status;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When 1C last got through to the bridge, per way in: the exchange ({@code catalog}, {@code sale}), the stock API
 * ({@code stock}) and {@code GET /api/v1/orders} ({@code orders}). Only authenticated calls count. Not kept across
 * restarts: after a start it says "not since the start", which is what an operator can act on.
 */
public final class OneCContacts {
  public static final List<String> TYPES = List.of("catalog", "sale", "stock", "orders");

  private final Clock clock;
  private final Map<String, Instant> last = new ConcurrentHashMap<>();

  public OneCContacts() {
    this(Clock.systemUTC());
  }

  OneCContacts(Clock clock) {
    this.clock = clock;
  }

  /** {@code type}: one of {@link #TYPES}; anything else is ignored (it must not grow the map or the metrics). */
  public void touch(String type) {
    if (TYPES.contains(type)) last.put(type, clock.instant());
  }

  public Instant last(String type) {
    return last.get(type);
  }

  /** Every type, in {@link #TYPES} order, null where no contact happened since the start. */
  public Map<String, Instant> all() {
    Map<String, Instant> map = new LinkedHashMap<>();
    for (String t : TYPES) map.put(t, last.get(t));
    return map;
  }
}
