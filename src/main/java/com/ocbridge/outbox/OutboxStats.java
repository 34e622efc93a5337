package com.ocbridge.outbox;

import io.vertx.core.json.JsonObject;

/**
 * Open work in the outbox. {@code done} rows are not counted: they are history, and counting them would get slower
 * as the table grows.
 *
 * @param oldestPendingSeconds age of the oldest entry not yet delivered (pending or processing), 0 when there is none
 */
public record OutboxStats(long pending, long processing, long failed, double oldestPendingSeconds) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("pending", pending)
        .put("processing", processing)
        .put("failed", failed)
        .put("oldestPendingSeconds", oldestPendingSeconds);
  }
}
