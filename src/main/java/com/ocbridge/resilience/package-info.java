/**
 * Resilience for calls that return Vert.x futures: {@link com.ocbridge.resilience.FutureResilience}
 * (resilience4j retry with exponential backoff and jitter around a circuit breaker, waits on Vert.x
 * timers, optional half-open probe) and {@link com.ocbridge.resilience.InFlightLimiter} (at most N
 * calls in flight, FIFO, non-blocking). Used by the OpenCart client; meant for the 1C push as well.
 */
package com.ocbridge.resilience;
