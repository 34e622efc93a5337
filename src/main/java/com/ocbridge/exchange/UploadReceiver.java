package com.ocbridge.exchange;

import com.ocbridge.messages.OperatorMessage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.WriteStream;
import java.nio.file.Path;

/**
 * Streams one {@code mode=file} request body to disk: appended at an offset, or replacing the file.
 * The body is piped (TCP backpressure), never held in memory. If the chunk fails half-way (client gone,
 * too large) the file is cut back to where it was, so a retried chunk does not leave duplicate bytes.
 */
public final class UploadReceiver {
  private final Vertx vertx;

  public UploadReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Answers the file's new total length. The request must still be paused (nothing read yet). */
  public Future<Long> receive(HttpServerRequest request, Path file, long offset, boolean replace, long maxChunk) {
    String path = file.toString();
    return vertx.fileSystem().mkdirs(file.getParent().toString())
        .compose(v -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(replace)))
        .compose(out -> {
          out.setWritePos(offset);
          CountingSink sink = new CountingSink(out, maxChunk);
          return request.pipeTo(sink)
              .map(v -> offset + sink.count)
              .recover(e -> vertx.fileSystem().truncate(path, offset).transform(t -> Future.failedFuture(
                  sink.tooLarge ? new TooLarge(maxChunk) : e)));
        });
  }

  /** The body was larger than the limit: what was written of it is cut away again. */
  public static final class TooLarge extends OperatorMessage {
    TooLarge(long max) {
      super("часть файла больше file_limit (" + max + " байт): 1С должна делить файл на части не больше этого"
          + " размера (exchange.fileLimit)");
    }
  }

  /** Counts bytes on their way to the file and refuses more than {@code max}. */
  private static final class CountingSink implements WriteStream<Buffer> {
    private final AsyncFile file;
    private final long max;
    long count;
    boolean tooLarge;

    CountingSink(AsyncFile file, long max) {
      this.file = file;
      this.max = max;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      file.exceptionHandler(handler);
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      count += data.length();
      if (count > max) {
        tooLarge = true;
        return Future.failedFuture("chunk too large");
      }
      return file.write(data);
    }

    @Override
    public Future<Void> end() {
      return file.end();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      file.setWriteQueueMaxSize(maxSize);
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return file.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      file.drainHandler(handler);
      return this;
    }
  }
}
