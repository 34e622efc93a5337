package com.ocbridge.opencart.model;

import java.util.List;

/** One page of a list answer: {@code {"items":[…],"total":1234,"page":1,"limit":100}}. */
public record Page<T>(List<T> items, int total, int page, int limit) {

  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** Whether a later page has more items. */
  public boolean hasMore() {
    return (long) page * limit < total;
  }
}
