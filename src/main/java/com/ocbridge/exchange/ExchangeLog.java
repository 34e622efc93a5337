package com.ocbridge.exchange;

import com.ocbridge.logging.ContextFieldsFilter;
import com.ocbridge.logging.LogContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-line log events that belong to one exchange run; every line carries {@code exchange=<run id>} so that
 * {@code grep exchange=ab12cd34} shows the whole story of one exchange. The id is also set as the line's context
 * field (for the JSON format); lines of other classes get it from the Vert.x context the exchange's work runs on
 * ({@link com.ocbridge.logging.LogContext}).
 */
public final class ExchangeLog {
  private static final Logger log = LoggerFactory.getLogger("exchange");

  private final String prefix;
  private final Map<String, String> fields;

  private ExchangeLog(String runId) {
    this.prefix = "exchange=" + runId + " event=";
    this.fields = Map.of(LogContext.EXCHANGE, runId);
  }

  public static ExchangeLog of(String runId) {
    return new ExchangeLog(runId);
  }

  public void info(String event, String details, Object... args) {
    if (log.isInfoEnabled()) ContextFieldsFilter.with(fields, () -> log.info(line(event, details), args));
  }

  public void warn(String event, String details, Object... args) {
    ContextFieldsFilter.with(fields, () -> log.warn(line(event, details), args));
  }

  public void error(String event, String details, Object... args) {
    ContextFieldsFilter.with(fields, () -> log.error(line(event, details), args));
  }

  private String line(String event, String details) {
    return prefix + event + (details.isEmpty() ? "" : " " + details);
  }
}
