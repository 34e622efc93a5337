package com.ocbridge.status;

/**
 * The trackers of one service, created at start and handed to the parts that feed them. {@code shop} is known to
 * be not configured when {@code opencart.baseUrl} is empty; {@code polls} is disabled without the orders feature.
 */
public record StatusBoard(ShopReachability shop, BreakerBoard breakers, OneCContacts contacts,
    OrderPollTracker polls) {
  public static StatusBoard create(boolean shopConfigured, boolean ordersEnabled) {
    return new StatusBoard(new ShopReachability(shopConfigured), new BreakerBoard(), new OneCContacts(),
        new OrderPollTracker(ordersEnabled));
  }
}
