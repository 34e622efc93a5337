package com.ocbridge.plan;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Collects the lines of one job's plan as they are computed and sends them to the database in batches (memory holds
 * one batch, whatever the size of the file), counting them and hashing them in order for the plan's fingerprint.
 */
public final class PlanWriter {
  static final int BATCH = 500;

  private final PlanStore store;
  private final long jobId;
  private final BigDecimal priceChangePercent;
  private final List<PlanItem> buffer = new ArrayList<>();
  private final JsonObject counts = new JsonObject();
  private final MessageDigest digest;
  private int seq;
  private long disables;
  private long deletions;
  private long priceJumps;

  /** {@code priceChangePercent}: a price change above it counts as a jump (0: none counts). */
  public PlanWriter(PlanStore store, long jobId, BigDecimal priceChangePercent) {
    this.store = store;
    this.jobId = jobId;
    this.priceChangePercent = priceChangePercent == null ? BigDecimal.ZERO : priceChangePercent;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The lines of one thing (a product and the fields of it that change); counted once under its kind and action.
   * {@code deletion}: 1C marked it for deletion (the approval rule catalog.approval.deleteMoreThan).
   */
  public Future<Void> add(List<PlanItem> lines, boolean deletion) {
    if (lines.isEmpty()) return Future.succeededFuture();
    PlanItem first = lines.get(0);
    count(first.kind() + "." + first.action());
    if (first.kind().equals(PlanItem.PRODUCT) && first.action().equals(PlanItem.DISABLE)) disables++;
    if (deletion) deletions++;
    for (PlanItem item : lines) {
      if (item.action().equals(PlanItem.UPDATE) && item.field() != null) {
        count(item.kind() + ".update." + item.field());
      }
      if ("price".equals(item.field()) && jumped(item.oldValue(), item.newValue())) priceJumps++;
      digest.update((item.kind() + '\u0001' + item.action() + '\u0001' + item.externalId() + '\u0001' + item.field()
          + '\u0001' + item.oldValue() + '\u0001' + item.newValue() + '\n').getBytes(StandardCharsets.UTF_8));
      buffer.add(item);
    }
    return buffer.size() >= BATCH ? flush() : Future.succeededFuture();
  }

  public Future<Void> add(PlanItem item) {
    return add(List.of(item), false);
  }

  private void count(String key) {
    counts.put(key, counts.getLong(key, 0L) + 1);
  }

  /** More than the configured percentage up or down, from a known old price above zero. */
  boolean jumped(String oldValue, String newValue) {
    if (priceChangePercent.signum() <= 0 || oldValue == null || newValue == null) return false;
    try {
      BigDecimal before = new BigDecimal(oldValue);
      BigDecimal after = new BigDecimal(newValue);
      if (before.signum() <= 0) return false;
      BigDecimal percent = after.subtract(before).abs().multiply(BigDecimal.valueOf(100))
          .divide(before, 4, RoundingMode.HALF_UP);
      return percent.compareTo(priceChangePercent) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public Future<Void> flush() {
    if (buffer.isEmpty()) return Future.succeededFuture();
    List<PlanItem> batch = List.copyOf(buffer);
    buffer.clear();
    int from = seq;
    seq += batch.size();
    return store.addItems(jobId, from, batch);
  }

  /** After the last line: flushed; the summary to store. */
  public Future<PlanSummary> finish(boolean fullCatalog, long linked) {
    return flush().map(v -> new PlanSummary(counts.copy(), seq, HexFormat.of().formatHex(digest.digest()), disables,
        deletions, priceJumps, fullCatalog, linked));
  }
}
