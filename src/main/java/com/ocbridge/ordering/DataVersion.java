package com.ocbridge.ordering;

import java.time.Instant;

/**
 * The version of a piece of stock or price data: when the bridge received it, in microseconds since the epoch
 * (microseconds, so two messages of one second keep their order). Stored with what was written
 * ({@code catalog_product.stock_version}, {@code catalog_offer.data_version}).
 */
public final class DataVersion {
  private DataVersion() {}

  public static long of(Instant receivedAt) {
    return receivedAt.getEpochSecond() * 1_000_000L + receivedAt.getNano() / 1_000;
  }

  public static long now() {
    return of(Instant.now());
  }
}
