package com.ocbridge.catalog;

import com.ocbridge.support.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Content hashes of what is sent to the shop. Writes are hashed as their JSON (null fields left out, maps sorted),
 * 128 bits of SHA-256 in hex.
 */
final class Hashes {
  /** The write records carry their own JSON naming; maps are sorted so that equal content hashes equally. */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Hashes() {}

  static String ofJson(Object value) {
    try {
      return of(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot hash " + value.getClass().getSimpleName(), e);
    }
  }

  static String of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.digest(bytes), 0, 16);
  }

  /** Full SHA-256 (hex) of picture bytes: the identity of a picture in the shop. */
  static String content(byte[] bytes) {
    return Sha256.hex(bytes);
  }
}
