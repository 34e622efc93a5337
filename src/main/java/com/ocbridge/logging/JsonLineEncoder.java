package com.ocbridge.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code log.format=json}: one JSON object per line, flat, so a log shipper can index it without parsing the message:
 * {@code time, level, logger, event} (the {@code event=} of the message, when it has one), {@code message}, the
 * context fields ({@code exchange}, {@code messageId}, {@code order}) and {@code error} (the stack trace) when any.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern EVENT = Pattern.compile("(?:^|\\s)event=([^\\s\"]+)");
  private static final byte[] NONE = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      String message = event.getFormattedMessage();
      Matcher m = message == null ? null : EVENT.matcher(message);
      if (m != null && m.find()) json.writeStringField("event", m.group(1));
      json.writeStringField("message", message);
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null) {
        for (String field : ContextFieldsFilter.FIELDS) {
          String value = mdc.get(field);
          if (value != null) json.writeStringField(field, value);
        }
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) json.writeStringField("error", ThrowableProxyUtil.asString(error));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
