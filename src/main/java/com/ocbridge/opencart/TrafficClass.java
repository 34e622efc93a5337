package com.ocbridge.opencart;

/**
 * The kinds of traffic the bridge sends to the shop. Each has its own in-flight limit and circuit breaker
 * ({@code opencart.concurrency}, {@code opencart.stockConcurrency}, {@code opencart.orderReadConcurrency},
 * {@code opencart.orderWriteConcurrency}), so an image-heavy import that fills its limit or opens its breaker does
 * not hold back fast stock, order polling or status deliveries.
 */
public enum TrafficClass {
  /** Catalog import: products, categories, dictionaries, pictures, the import's stock and deactivation. */
  CATALOG("catalog"),
  /** The fast stock API ({@code POST /api/v1/stock}) and its queued deliveries. */
  STOCK("stock"),
  /** Order polling and reading orders and statuses. */
  ORDER_READS("order-reads"),
  /** Status changes and notes written to orders. */
  ORDER_WRITES("order-writes");

  private final String label;

  TrafficClass(String label) {
    this.label = label;
  }

  /** The name in log lines and messages. */
  public String label() {
    return label;
  }
}
