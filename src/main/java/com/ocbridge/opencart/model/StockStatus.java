package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Per-item outcome of {@code products.stock_price}. */
public enum StockStatus {
  UPDATED("updated"),
  NOT_FOUND("not_found"),
  AMBIGUOUS("ambiguous"),
  INVALID("invalid"),
  /** A status this client does not know (a newer extension); see the result's message. */
  UNKNOWN("unknown");

  private final String wireName;

  StockStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static StockStatus fromWire(String value) {
    for (StockStatus s : values()) {
      if (s.wireName.equals(value)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
