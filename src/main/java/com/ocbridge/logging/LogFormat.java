package com.ocbridge.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.format} at start: logback.xml configures the text format (so that the lines before the
 * configuration is read look the same); {@code json} swaps the console appender's encoder.
 */
public final class LogFormat {
  public static final String TEXT = "text";
  public static final String JSON = "json";
  static final String APPENDER = "STDOUT";

  private LogFormat() {}

  public static void apply(String format) {
    if (!JSON.equals(format)) return;
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
    Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
    if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) return;
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
