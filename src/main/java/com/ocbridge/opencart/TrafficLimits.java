package com.ocbridge.opencart;

/**
 * In-flight limits of the traffic classes besides the catalog's (which is {@code opencart.concurrency}).
 * Small by default: these requests are single and short, and every slot is a PHP worker taken from the shop.
 */
public record TrafficLimits(int stock, int orderReads, int orderWrites) {
  public static final int DEFAULT = 2;

  public TrafficLimits {
    require(stock, "opencart.stockConcurrency");
    require(orderReads, "opencart.orderReadConcurrency");
    require(orderWrites, "opencart.orderWriteConcurrency");
  }

  public static TrafficLimits defaults() {
    return new TrafficLimits(DEFAULT, DEFAULT, DEFAULT);
  }

  private static void require(int value, String key) {
    if (value < 1) throw new IllegalArgumentException(key + " must be at least 1, was " + value);
  }
}
