package com.ocbridge.orders;

import io.vertx.core.json.JsonObject;

/**
 * One history entry for the shop, as it sits in the outbox: OpenCart's {@code order.history_add} fields plus where it
 * came from.
 *
 * @param statusId  the status to set; 0 = keep the order's status and only add {@code comment} (a note: the status
 *                  is read from the shop when the entry is delivered, so it never undoes a change made meanwhile)
 * @param comment   the history text; for documents from 1C one line per fact, in Russian
 * @param uniqueKey the outbox key that makes a repeat a no-op: order, target status and a hash of what asked
 * @param source    {@code 1c-document} or {@code api}
 */
record StatusChange(long orderId, int statusId, String comment, boolean notifyCustomer, String source, String uniqueKey) {

  /** A note that leaves the order's status as it is. */
  boolean keepsStatus() {
    return statusId == 0;
  }

  /** The same entry, setting {@code status} (what a note becomes once the shop's current status is known). */
  StatusChange withStatus(int status) {
    return new StatusChange(orderId, status, comment, notifyCustomer, source, uniqueKey);
  }

  JsonObject toJson() {
    return new JsonObject().put("orderId", orderId).put("statusId", statusId).put("comment", comment)
        .put("notify", notifyCustomer).put("source", source);
  }

  static StatusChange fromJson(JsonObject json, String uniqueKey) {
    return new StatusChange(json.getLong("orderId"), json.getInteger("statusId", 0), json.getString("comment"),
        json.getBoolean("notify", false), json.getString("source"), uniqueKey);
  }
}
