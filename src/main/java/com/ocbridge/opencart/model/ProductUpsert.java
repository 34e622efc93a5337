package com.ocbridge.opencart.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Objects;

/**
 * One product write: how to find the product, whether to create it when nothing matches, and the
 * fields (body of {@code product.upsert}, item of {@code products.upsert}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductUpsert(ProductRef match, boolean createIfMissing, ProductWrite product) {

  public ProductUpsert {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(product, "product");
  }

  /** Create or update, matched by the 1C id (the write carries the same external id). */
  public static ProductUpsert byExternalId(String externalId, ProductWrite product) {
    ProductWrite withId = externalId.equals(product.externalId()) ? product
        : product.toBuilder().externalId(externalId).build();
    return new ProductUpsert(ProductRef.externalId(externalId), true, withId);
  }
}
