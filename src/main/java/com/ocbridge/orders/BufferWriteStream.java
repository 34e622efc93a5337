package com.ocbridge.orders;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Collects what {@link com.ocbridge.commerceml.OrdersWriter} streams, order by order, as encoded bytes: the
 * exchange answers {@code mode=query} with one body (and a Content-Length, as the reference server does), so the
 * document is kept as bytes in the response charset, never as one String.
 */
final class BufferWriteStream implements WriteStream<Buffer> {
  private final Buffer buffer = Buffer.buffer(64 * 1024);

  Buffer buffer() {
    return buffer;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    buffer.appendBuffer(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
