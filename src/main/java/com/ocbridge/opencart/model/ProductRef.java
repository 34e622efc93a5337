package com.ocbridge.opencart.model;

import java.util.Objects;

/** Identifies a product by one key: {@code {"by":"sku","value":"ART-200"}}. */
public record ProductRef(ProductKey by, String value) {

  public ProductRef {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(value, "value");
  }

  public static ProductRef externalId(String externalId) {
    return new ProductRef(ProductKey.EXTERNAL_ID, externalId);
  }

  public static ProductRef sku(String sku) {
    return new ProductRef(ProductKey.SKU, sku);
  }

  public static ProductRef model(String model) {
    return new ProductRef(ProductKey.MODEL, model);
  }

  public static ProductRef productId(long productId) {
    return new ProductRef(ProductKey.PRODUCT_ID, Long.toString(productId));
  }
}
