package com.ocbridge.orders;

import java.util.List;
import java.util.Set;

/**
 * Which orders go to 1C: those in {@code orders.statusIds}, and never status 0 (an abandoned checkout: OpenCart
 * creates the order row before payment and leaves it at 0 if the buyer walks away), even if it is configured.
 */
record HandOverPolicy(Set<Integer> statusIds) {

  static HandOverPolicy of(List<Integer> configured) {
    return new HandOverPolicy(Set.copyOf(configured.stream().filter(id -> id != null && id != 0).toList()));
  }

  boolean handsOver(int statusId) {
    return statusId != 0 && statusIds.contains(statusId);
  }

  Integer[] asArray() {
    return statusIds.toArray(new Integer[0]);
  }
}
