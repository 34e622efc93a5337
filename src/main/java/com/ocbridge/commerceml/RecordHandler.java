package com.ocbridge.commerceml;

import com.ocbridge.commerceml.model.CmlRecord;
import io.vertx.core.Future;

/**
 * Receives the records of a document, one at a time, on the source stream's context.
 *
 * <p>Return {@code Future.succeededFuture()} when the record was handled synchronously (this costs nothing).
 * Return an incomplete future to make the reader pause the source until it completes (backpressure: e.g.
 * while a database batch is in flight). A failed future, or an exception thrown here, aborts the read
 * with that failure.
 */
@FunctionalInterface
public interface RecordHandler {
  Future<Void> onRecord(CmlRecord record);
}
