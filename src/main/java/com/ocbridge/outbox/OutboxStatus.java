package com.ocbridge.outbox;

import java.util.Locale;

/**
 * The life of an entry: pending → processing → done, back to pending for a retry, or failed (dead letter); an
 * operator may cancel a pending or failed entry (cancelled: never delivered).
 */
public enum OutboxStatus {
  PENDING, PROCESSING, DONE, FAILED, CANCELLED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for anything but the four wire names */
  public static OutboxStatus parse(String s) {
    for (OutboxStatus status : values()) {
      if (status.wire().equals(s)) return status;
    }
    throw new IllegalArgumentException("unknown outbox status '" + s + "' (pending, processing, done, failed, cancelled)");
  }
}
