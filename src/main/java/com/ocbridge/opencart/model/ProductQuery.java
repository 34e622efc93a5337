package com.ocbridge.opencart.model;

import java.time.OffsetDateTime;

/**
 * Filter and page of {@code product.list}; null fields are not sent.
 *
 * @param limit 1–500, shop default 100
 * @param page  from 1
 */
public record ProductQuery(OffsetDateTime modifiedFrom, Boolean status, Integer limit, Integer page) {

  public static ProductQuery all() {
    return new ProductQuery(null, null, null, null);
  }

  public ProductQuery withPage(int pageNo, int pageSize) {
    return new ProductQuery(modifiedFrom, status, pageSize, pageNo);
  }
}
