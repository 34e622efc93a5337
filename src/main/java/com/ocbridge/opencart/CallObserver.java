package com.ocbridge.opencart;

/**
 * Told about every request sent to the shop (each attempt of a retried call, the breakers' half-open pings and the
 * status probe), so that reachability and per-operation latency are known without the callers' help. Called on the
 * event loop: implementations must be quick and must not block.
 */
@FunctionalInterface
public interface CallObserver {
  CallObserver NONE = (op, nanos, failure) -> { };

  /**
   * @param op      the operation's wire name ({@code ping}, {@code products.upsert}, …)
   * @param nanos   how long the request took
   * @param failure null when the shop answered the request; else why the request failed
   */
  void called(String op, long nanos, OpenCartException failure);
}
