package com.ocbridge.orders;

import io.vertx.core.json.JsonObject;

/**
 * One status change for the shop, as it sits in the outbox ({@code order.status}): OpenCart's
 * {@code order.history_add} fields plus where it came from.
 *
 * @param uniqueKey the outbox key that makes a repeat a no-op: order, target status and a hash of what asked
 * @param source    {@code 1c-document} or {@code api}
 */
record StatusChange(long orderId, int statusId, String comment, boolean notifyCustomer, String source, String uniqueKey) {

  JsonObject toJson() {
    return new JsonObject().put("orderId", orderId).put("statusId", statusId).put("comment", comment)
        .put("notify", notifyCustomer).put("source", source);
  }

  static StatusChange fromJson(JsonObject json, String uniqueKey) {
    return new StatusChange(json.getLong("orderId"), json.getInteger("statusId"), json.getString("comment"),
        json.getBoolean("notify", false), json.getString("source"), uniqueKey);
  }
}
