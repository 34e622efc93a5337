package com.ocbridge.opencart.bridgev1;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * JSON conventions of the bridge (contract §3): money as decimal strings, dates ISO-8601 with
 * offset, absent = not sent. Field names come from the records' own annotations. A private mapper,
 * so these choices do not leak into (or depend on) Vert.x's shared codec.
 */
final class BridgeJson {

  /** Seconds always written (OffsetDateTime.toString drops ":00"); "+00:00" rather than "Z" for PHP. */
  private static final DateTimeFormatter WIRE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  static final ObjectMapper MAPPER = create();

  private BridgeJson() {
  }

  private static ObjectMapper create() {
    SimpleModule dates = new SimpleModule("ocbridge-dates");
    dates.addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
      @Override
      public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        gen.writeString(formatDate(value));
      }
    });
    dates.addDeserializer(OffsetDateTime.class, new StdDeserializer<>(OffsetDateTime.class) {
      @Override
      public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        return parseDate(p.getValueAsString());
      }
    });
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(dates)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        // newer extensions may add fields; they must not break older clients
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    return mapper;
  }

  static String formatDate(OffsetDateTime value) {
    return WIRE_DATE.format(value);
  }

  /**
   * ISO-8601 with offset. Empty strings and MySQL's zero date ("0000-00-00…", what OpenCart
   * stores for "never") read as null.
   */
  static OffsetDateTime parseDate(String value) {
    if (value == null || value.isBlank() || value.startsWith("0000-00-00")) {
      return null;
    }
    return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
