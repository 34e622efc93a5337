package com.ocbridge.opencart.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Filter and page of {@code order.list}; null fields are not sent. Orders come ordered by
 * {@code order_id} ascending; status 0 (abandoned checkouts) is excluded unless listed.
 *
 * @param limit 1–100, shop default 50
 * @param page  from 1
 */
public record OrderQuery(OffsetDateTime dateAddedFrom, OffsetDateTime dateAddedTo, OffsetDateTime dateModifiedFrom,
             List<Integer> statusIds, Long idGt, Integer limit, Integer page) {

  public OrderQuery {
    statusIds = statusIds == null ? null : List.copyOf(statusIds);
  }

  public static OrderQuery all() {
    return new OrderQuery(null, null, null, null, null, null, null);
  }

  /** Orders modified since the watermark, in the given statuses. */
  public static OrderQuery modifiedSince(OffsetDateTime from, List<Integer> statusIds) {
    return new OrderQuery(null, null, from, statusIds, null, null, null);
  }

  /** Orders with an id above the watermark, in the given statuses. */
  public static OrderQuery idAbove(long lastId, List<Integer> statusIds) {
    return new OrderQuery(null, null, null, statusIds, lastId, null, null);
  }

  public OrderQuery withPage(int pageNo, int pageSize) {
    return new OrderQuery(dateAddedFrom, dateAddedTo, dateModifiedFrom, statusIds, idGt, pageSize, pageNo);
  }
}
