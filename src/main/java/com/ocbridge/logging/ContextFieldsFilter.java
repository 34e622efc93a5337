package com.ocbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Copies the {@link LogContext} fields of the thread's current Vert.x context (or the ones {@link #with} holds for
 * one call) into the MDC just before logback builds each event, and removes the ones it copied before, so a field
 * never sticks to a thread that moved on to other work. Encoders then read plain MDC
 * ({@link KeyValuesConverter}, {@link JsonLineEncoder}).
 */
public final class ContextFieldsFilter extends TurboFilter {
  static final List<String> FIELDS = List.of(LogContext.EXCHANGE, LogContext.MESSAGE_ID, LogContext.ORDER);
  private static final ThreadLocal<Map<String, String>> EXPLICIT = new ThreadLocal<>();

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    Map<String, String> fields = EXPLICIT.get();
    if (fields == null) fields = LogContext.current();
    for (String field : FIELDS) {
      String value = fields.get(field);
      if (value != null) MDC.put(field, value); else MDC.remove(field);
    }
    return FilterReply.NEUTRAL;
  }

  /** Logs {@code body} with {@code fields} in force, whatever context the thread is on (used by {@code ExchangeLog}). */
  public static void with(Map<String, String> fields, Runnable body) {
    Map<String, String> before = EXPLICIT.get();
    Map<String, String> merged = new java.util.LinkedHashMap<>(LogContext.current());
    merged.putAll(fields);
    EXPLICIT.set(merged);
    try {
      body.run();
    } finally {
      if (before == null) EXPLICIT.remove(); else EXPLICIT.set(before);
    }
  }
}
