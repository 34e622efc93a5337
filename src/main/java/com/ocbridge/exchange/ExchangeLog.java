package com.ocbridge.exchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-line log events that belong to one exchange run; every line carries {@code exchange=<run id>} so that
 * {@code grep exchange=ab12cd34} shows the whole story of one exchange. (An MDC would not survive the hops
 * between event-loop callbacks, so the id travels with this object instead.)
 */
public final class ExchangeLog {
  private static final Logger log = LoggerFactory.getLogger("exchange");

  private final String prefix;

  private ExchangeLog(String runId) {
    this.prefix = "exchange=" + runId + " event=";
  }

  public static ExchangeLog of(String runId) {
    return new ExchangeLog(runId);
  }

  public void info(String event, String details, Object... args) {
    if (log.isInfoEnabled()) log.info(prefix + event + (details.isEmpty() ? "" : " " + details), args);
  }

  public void warn(String event, String details, Object... args) {
    log.warn(prefix + event + (details.isEmpty() ? "" : " " + details), args);
  }

  public void error(String event, String details, Object... args) {
    log.error(prefix + event + (details.isEmpty() ? "" : " " + details), args);
  }
}
