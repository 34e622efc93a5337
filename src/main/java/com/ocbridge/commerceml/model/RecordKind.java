package com.ocbridge.commerceml.model;

/** What a {@link CmlRecord} describes; {@link #key()} is the name used in {@code ReadSummary.counts()}. */
public enum RecordKind {
  CLASSIFIER("classifier"),
  GROUP("group"),
  PROPERTY("property"),
  PRICE_TYPE("priceType"),
  WAREHOUSE("warehouse"),
  UNIT("unit"),
  CATALOG("catalog"),
  PRODUCT("product"),
  OFFER_PACKAGE("offerPackage"),
  OFFER("offer"),
  ORDER("order");

  private final String key;

  RecordKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
