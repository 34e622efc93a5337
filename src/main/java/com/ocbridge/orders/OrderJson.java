package com.ocbridge.orders;

import com.ocbridge.support.Sha256;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.ocbridge.opencart.model.Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The stored form of an order ({@code shop_order.content}): OpenCart's {@link Order} without what changes on its
 * own ({@code date_modified}, the history list), written with a fixed field order so that equal orders give equal
 * text and so equal hashes. Money stays decimal text, dates keep the shop's offset.
 */
final class OrderJson {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private static final ObjectMapper MAPPER = create();

  private OrderJson() {}

  private static ObjectMapper create() {
    SimpleModule dates = new SimpleModule("orders-dates");
    dates.addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
      @Override
      public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(DATE.format(value));
      }
    });
    dates.addDeserializer(OffsetDateTime.class, new StdDeserializer<>(OffsetDateTime.class) {
      @Override
      public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String s = p.getValueAsString();
        return s == null || s.isBlank() ? null : OffsetDateTime.parse(s);
      }
    });
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(dates)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    return mapper;
  }

  /** The order as stored: no date_modified, no history (neither is part of what 1C gets). */
  static Order normalise(Order o) {
    return new Order(o.orderId(), o.invoiceNo(), o.invoicePrefix(), o.storeId(), o.orderStatusId(), o.orderStatus(),
        o.dateAdded(), null, o.currencyCode(), o.currencyValue(), o.total(), o.languageCode(), o.comment(), o.ip(),
        o.customer(), o.paymentAddress(), o.shippingAddress(), o.paymentMethod(), o.shippingMethod(), o.products(),
        o.totals(), null);
  }

  static String write(Order normalised) {
    try {
      return MAPPER.writeValueAsString(normalised);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("order " + normalised.orderId() + " cannot be written as JSON", e);
    }
  }

  static Order read(String json) {
    try {
      return MAPPER.readValue(json, Order.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(String text) {
    return Sha256.hex(text);
  }
}
