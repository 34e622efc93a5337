package com.ocbridge.commerceml;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.function.IntSupplier;

/**
 * A {@link ReadStream} over bytes in memory that cuts them into chunks of chosen sizes and honours pause/resume
 * like a file or socket would (optionally ignoring the first pause, like a stream with one chunk already in
 * flight). It counts what happened so tests can check backpressure.
 */
final class ChunkedReadStream implements ReadStream<Buffer> {
  private final Context context;
  private final byte[] data;
  private final IntSupplier chunkSizes;
  private boolean ignoreNextPause;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private int pos;
  private boolean paused;
  private boolean scheduled;
  private boolean ended;
  private Throwable failAt;
  private int failAfterBytes = -1;

  int pauses;
  int resumes;
  int chunks;

  ChunkedReadStream(Context context, byte[] data, IntSupplier chunkSizes) {
    this.context = context;
    this.data = data;
    this.chunkSizes = chunkSizes;
  }

  /** Cycles through 1, 2, ..., max, 1, 2, ... */
  static IntSupplier cycling(int max) {
    int[] next = {0};
    return () -> next[0]++ % max + 1;
  }

  /** Delivers one more chunk after the first pause (a chunk that was already in flight). */
  ChunkedReadStream ignoringFirstPause() {
    ignoreNextPause = true;
    return this;
  }

  /** Reports {@code error} through the exception handler once this many bytes were delivered. */
  ChunkedReadStream failingAfter(int bytes, Throwable error) {
    failAfterBytes = bytes;
    failAt = error;
    return this;
  }

  /**
   * Starts {@code reader} on this stream from the stream's own context, as a Vert.x handler would (this test
   * stream, like real ones, is not meant to be driven from two threads at once).
   */
  Future<ReadSummary> readWith(CommerceMlReader reader, RecordHandler handler) {
    Promise<ReadSummary> p = Promise.promise();
    context.runOnContext(v -> reader.read(this, handler).onComplete(p));
    return p.future();
  }

  boolean isPaused() {
    return paused;
  }

  int position() {
    return pos;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    handler = h;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    pauses++;
    paused = true;
    if (ignoreNextPause) {
      ignoreNextPause = false;
      oneMore = true; // this chunk was already on its way
    }
    return this;
  }

  private boolean oneMore;

  @Override
  public ReadStream<Buffer> resume() {
    resumes++;
    paused = false;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return resume();
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    while (handler != null && pos < data.length && (!paused || oneMore)) {
      if (failAfterBytes >= 0 && pos >= failAfterBytes) {
        failAfterBytes = -1;
        exceptionHandler.handle(failAt);
        return;
      }
      oneMore = false;
      int n = Math.min(Math.max(1, chunkSizes.getAsInt()), data.length - pos);
      byte[] chunk = new byte[n];
      System.arraycopy(data, pos, chunk, 0, n);
      pos += n;
      chunks++;
      handler.handle(Buffer.buffer(chunk));
    }
    if (handler != null && pos >= data.length && !paused && !ended) {
      ended = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
    }
  }
}
