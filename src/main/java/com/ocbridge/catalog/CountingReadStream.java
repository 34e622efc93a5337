package com.ocbridge.catalog;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.LongConsumer;

/** Passes a file through to the reader and reports the bytes read so far: the job's progress. */
final class CountingReadStream implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final LongConsumer bytesRead;
  private long total;

  CountingReadStream(ReadStream<Buffer> source, LongConsumer bytesRead) {
    this.source = source;
    this.bytesRead = bytesRead;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : buffer -> {
      total += buffer.length();
      bytesRead.accept(total);
      handler.handle(buffer);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler);
    return this;
  }
}
