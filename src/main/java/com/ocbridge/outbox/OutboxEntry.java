package com.ocbridge.outbox;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the outbox as a worker or an operator sees it.
 *
 * @param claimToken set while the entry is {@code processing}; marks made with a stale token are ignored, so a worker
 *     that lost its lease (it was too slow, or presumed dead) can never overwrite the outcome of the new claimer
 * @param attempts delivery attempts so far, including the current one for a claimed entry
 * @param nextAttemptAt when a {@code pending} entry becomes due; for a {@code processing} entry, the end of its lease
 */
public record OutboxEntry(
    long id,
    String type,
    String uniqueKey,
    String orderingKey,
    JsonObject payload,
    OutboxStatus status,
    int attempts,
    Instant nextAttemptAt,
    UUID claimToken,
    String claimedBy,
    String lastError,
    JsonObject result,
    Instant createdAt,
    Instant lastAttemptAt,
    Instant processedAt) {

  static OutboxEntry from(Row row) {
    return new OutboxEntry(
        row.getLong("id"),
        row.getString("type"),
        row.getString("unique_key"),
        row.getString("ordering_key"),
        row.getJsonObject("payload"),
        OutboxStatus.parse(row.getString("status")),
        row.getInteger("attempts"),
        instant(row.getOffsetDateTime("next_attempt_at")),
        row.getUUID("claim_token"),
        row.getString("claimed_by"),
        row.getString("last_error"),
        row.getJsonObject("result"),
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("last_attempt_at")),
        instant(row.getOffsetDateTime("processed_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /** The operator view (GET /api/v1/outbox): everything but the fencing token. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("uniqueKey", uniqueKey)
        .put("orderingKey", orderingKey)
        .put("status", status.wire())
        .put("attempts", attempts)
        .put("nextAttemptAt", text(nextAttemptAt))
        .put("claimedBy", claimedBy)
        .put("lastError", lastError)
        .put("result", result)
        .put("createdAt", text(createdAt))
        .put("lastAttemptAt", text(lastAttemptAt))
        .put("processedAt", text(processedAt))
        .put("payload", payload);
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
