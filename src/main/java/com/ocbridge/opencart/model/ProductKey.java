package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The product field a lookup or a write is matched on. */
public enum ProductKey {
  EXTERNAL_ID("external_id"),
  SKU("sku"),
  MODEL("model"),
  PRODUCT_ID("product_id");

  private final String wireName;

  ProductKey(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in queries and in {@code match.by}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }
}
