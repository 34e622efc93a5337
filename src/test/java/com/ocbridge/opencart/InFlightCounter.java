package com.ocbridge.opencart;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how many requests WireMock is serving at the same moment. Each request holds its slot
 * for {@code holdMillis} inside the transformer, so overlapping requests overlap here; the
 * assertion is on the counter, not on timings of the request log.
 */
public final class InFlightCounter implements ResponseTransformerV2 {

  public static final String NAME = "in-flight-counter";

  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger max = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  private volatile long holdMillis = 200;

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    int now = current.incrementAndGet();
    max.accumulateAndGet(now, Math::max);
    total.incrementAndGet();
    try {
      Thread.sleep(holdMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      current.decrementAndGet();
    }
    return response;
  }

  public void reset(long holdFor) {
    current.set(0);
    max.set(0);
    total.set(0);
    holdMillis = holdFor;
  }

  public int max() {
    return max.get();
  }

  public int total() {
    return total.get();
  }
}
