package com.ocbridge.orders;

import com.ocbridge.opencart.model.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Where the poller starts when it has no watermark yet (a fresh bridge), so that the first poll does not read the
 * shop's whole history: {@code orders.since}, or the {@link #DEFAULT_WINDOW} before the poll when it is empty.
 *
 * <p>{@code orders.since} is a calendar date of the shop: an order counts when its {@code date_modified} falls on
 * that date or later in the shop's own time. The bridge does not know the shop's time zone before it has seen an
 * order, so it asks from the earliest instant that date begins anywhere (00:00 at UTC+14) and drops what the shop's
 * answer dates, in the shop's offset, before the date. The same check applies to every later poll (an overlap
 * window reaching back past the date must not bring back what the first poll left out); it never drops an order
 * that changed after the date, however old the order is.
 */
record PollStart(LocalDate since, Duration window, Clock clock) {
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

  static PollStart of(LocalDate since) {
    return new PollStart(since, DEFAULT_WINDOW, Clock.systemUTC());
  }

  /** {@code date_modified_from} of the first poll. */
  OffsetDateTime firstFrom() {
    return since != null ? since.atStartOfDay().atOffset(EARLIEST) : OffsetDateTime.now(clock).minus(window);
  }

  /** Whether a listed order is taken: it changed on or after {@code orders.since} (all are without it). */
  boolean takes(Order o) {
    if (since == null) return true;
    OffsetDateTime at = o.dateModified() != null ? o.dateModified() : o.dateAdded();
    return at == null || !at.toLocalDate().isBefore(since);
  }
}
