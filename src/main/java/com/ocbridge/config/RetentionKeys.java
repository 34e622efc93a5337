package com.ocbridge.config;

import java.util.Map;

/**
 * The {@code retention.*} keys: their defaults, and their checks. For every number, 0 (like leaving the key out)
 * means the default; there is no "0 = for ever", because a 0 that silently stopped purging would bring the
 * unbounded growth back unnoticed. {@code retention.enabled: false} keeps everything; a very long period (up to ten
 * years) keeps one table's rows.
 *
 * <p>Why the defaults are what they are (README "Retention" says the same):
 * <ul>
 *   <li>{@code outboxDoneDays} 30: a delivered entry's unique key is what stops the same work from being queued
 *       again. Repeats come from the order poller's overlap re-reads, an order changed again while it is still
 *       handed over (its 1C push key is per order), the same API request retried, a stock message re-sent: all
 *       within hours or days. A month also keeps a month of delivery history for operators.
 *   <li>{@code stockMessageDays} 7: 1C re-sends a message after a timeout or a failed exchange, within minutes or
 *       after a weekend at the most; a repeat after that is applied again, which is harmless (values are absolute).
 *   <li>{@code saleBatchDays} 30: a confirmed batch's effect is in the orders for good; the batch is the record
 *       of what went to 1C in which answer, kept as long as the outbox history.
 *   <li>{@code sessionDays} 2: a session is refused after 24 idle hours anyway; one more day for reading logs.
 * </ul>
 */
final class RetentionKeys {
  static final int OUTBOX_DONE_DAYS = 30;
  static final int STOCK_MESSAGE_DAYS = 7;
  static final int SALE_BATCH_DAYS = 30;
  static final int SESSION_DAYS = 2;
  static final int BATCH_SIZE = 500;
  static final int INTERVAL_MINUTES = 60;
  private static final int MAX_DAYS = 3650;

  @FunctionalInterface
  interface Declare {
    void key(String path, ConfigLoader.Type type, Object defaultValue);
  }

  private RetentionKeys() {}

  static void declare(Declare d) {
    d.key("retention.enabled", ConfigLoader.Type.BOOL, true);
    d.key("retention.outboxDoneDays", ConfigLoader.Type.INT, OUTBOX_DONE_DAYS);
    d.key("retention.stockMessageDays", ConfigLoader.Type.INT, STOCK_MESSAGE_DAYS);
    d.key("retention.saleBatchDays", ConfigLoader.Type.INT, SALE_BATCH_DAYS);
    d.key("retention.sessionDays", ConfigLoader.Type.INT, SESSION_DAYS);
    d.key("retention.batchSize", ConfigLoader.Type.INT, BATCH_SIZE);
    d.key("retention.intervalMinutes", ConfigLoader.Type.INT, INTERVAL_MINUTES);
  }

  static BridgeConfig.Retention build(Map<String, Object> v) {
    return new BridgeConfig.Retention((boolean) v.get("retention.enabled"),
        orDefault(v, "retention.outboxDoneDays", OUTBOX_DONE_DAYS, 1, MAX_DAYS, "days"),
        orDefault(v, "retention.stockMessageDays", STOCK_MESSAGE_DAYS, 1, MAX_DAYS, "days"),
        orDefault(v, "retention.saleBatchDays", SALE_BATCH_DAYS, 1, MAX_DAYS, "days"),
        // below 2 a session could go while 1C may still use it (it is valid for 24 hours after its last call)
        orDefault(v, "retention.sessionDays", SESSION_DAYS, 2, MAX_DAYS, "days"),
        orDefault(v, "retention.batchSize", BATCH_SIZE, 10, 10_000, "rows"),
        orDefault(v, "retention.intervalMinutes", INTERVAL_MINUTES, 1, 1440, "minutes"));
  }

  private static int orDefault(Map<String, Object> v, String key, int defaultValue, int min, int max, String unit) {
    int value = (int) v.get(key);
    if (value == 0) return defaultValue;
    if (value < min || value > max) {
      throw new ConfigException(key, "must be 0 (the default, " + defaultValue + ") or between " + min + " and "
          + max + " " + unit + ", got " + value);
    }
    return value;
  }
}
