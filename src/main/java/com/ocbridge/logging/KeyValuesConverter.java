package com.ocbridge.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * {@code %ctx} in the text pattern: {@code " exchange=ab12cd34 messageId=…"} for the context fields of the line that
 * its message does not already name (an {@code ExchangeLog} line starts with {@code exchange=…}: no second copy).
 */
public final class KeyValuesConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc == null || mdc.isEmpty()) return "";
    String message = event.getFormattedMessage();
    StringBuilder sb = new StringBuilder();
    for (String field : ContextFieldsFilter.FIELDS) {
      String value = mdc.get(field);
      if (value == null || (message != null && names(message, field))) continue;
      sb.append(' ').append(field).append('=').append(value);
    }
    return sb.toString();
  }

  private static boolean names(String message, String field) {
    String key = field + "=";
    return message.startsWith(key) || message.contains(" " + key);
  }
}
