package com.ocbridge.outbox;

import io.vertx.core.Future;

/**
 * Delivers one kind of outbox entry (one {@code type}) to wherever it goes. Register one per type with
 * {@link OutboxWorker}.
 *
 * <p>Contract, kept small on purpose:
 * <ul>
 *   <li>Called on the worker's event loop; must not block. The entry's {@code payload} is what was enqueued,
 *       {@code attempts} counts this attempt too (1 on the first try).
 *   <li>Must be idempotent towards the remote side: after a crash or an expired lease the same entry can be
 *       delivered again (at least once delivery; the remote's idempotency key makes it exactly once in effect).
 *   <li>Answers a {@link Delivery}: done, retry after a delay, failed for good (dead letter), or breaker open
 *       (nothing was sent; the attempt is not counted). A failed Future is treated as a retry with the worker's
 *       default backoff and logged as a bug.
 *   <li>Should finish well within the worker's lease, or the entry may be delivered twice.
 * </ul>
 */
@FunctionalInterface
public interface OutboxHandler {
  Future<Delivery> deliver(OutboxEntry entry);
}
