package com.ocbridge.plan;

import io.vertx.core.json.JsonObject;

/**
 * What a computed plan amounts to: {@code counts} per {@code kind.action} (one per thing, not per field line) and per
 * {@code kind.update.field}; {@code items} its lines; {@code fingerprint} a SHA-256 over the lines in order (an
 * approval applies exactly the plan shown); the figures the approval rules look at: products to disable (by a full
 * catalog's end), {@code deletions} (things 1C marked for deletion that the shop has), {@code priceJumps} (products
 * whose price changes by more than catalog.approval.priceChangePercent), and for a full catalog's end the
 * {@code linked} enabled products the share of disabled ones is taken of.
 */
public record PlanSummary(JsonObject counts, long items, String fingerprint, long disables, long deletions,
    long priceJumps, boolean fullCatalog, long linked) {}
