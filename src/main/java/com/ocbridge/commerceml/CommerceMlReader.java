package com.ocbridge.commerceml;

import com.ocbridge.commerceml.internal.ReadSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;

import java.nio.file.Path;

/**
 * Streaming CommerceML reader: parses a document from a Vert.x {@link ReadStream} with aalto's non-blocking
 * parser and hands {@link com.ocbridge.commerceml.model.CmlRecord records} to a {@link RecordHandler} one by one.
 *
 * <ul>
 *   <li>Never blocks the event loop; memory does not grow with the file (records are not kept).</li>
 *   <li>Backpressure: while a future returned by the handler is incomplete the source is paused.</li>
 *   <li>Accepts UTF-8 with or without BOM and single-byte encodings such as windows-1251 (transcoded on the fly);
 *       matches elements by local name whatever the namespace or schema version (2.03 … 3.1).</li>
 *   <li>Refuses DTDs and entity references, and enforces {@link ReaderLimits}; errors are
 *       {@link CommerceMlException}s with line and column.</li>
 * </ul>
 *
 * <pre>{@code
 * CommerceMlReader reader = new CommerceMlReader();
 * ClassifierIndex dictionaries = new ClassifierIndex();          // shared by all files of one exchange
 * reader.read(vertx, Path.of("import0_1.xml"), dictionaries, record -> switch (record) {
 *     case Product p -> repository.upsert(p);                      // Future<Void>: the file waits for it
 *     default -> Future.succeededFuture();
 * });
 * }</pre>
 * (Java 17 has no pattern switch; use {@code instanceof} chains.) Instances are immutable and may be shared.
 */
public final class CommerceMlReader {
  /** Read buffer of the file convenience method. */
  public static final int FILE_READ_BUFFER = 64 * 1024;

  private final ReaderLimits limits;

  public CommerceMlReader() {
    this(ReaderLimits.DEFAULT);
  }

  public CommerceMlReader(ReaderLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads one document from {@code source} with a fresh dictionary index.
   *
   * @see #read(ReadStream, ClassifierIndex, RecordHandler)
   */
  public Future<ReadSummary> read(ReadStream<Buffer> source, RecordHandler handler) {
    return read(source, new ClassifierIndex(), handler);
  }

  /**
   * Reads one document from {@code source}. Call it on the stream's context (as any Vert.x handler does). The
   * reader takes over the stream's handlers and resumes it (pause an HTTP request before any asynchronous step
   * that precedes this call). On failure the stream is left paused; the caller owns it (close the file, answer
   * the request).
   *
   * @param index dictionaries from earlier files of the same exchange; the reader adds this file's groups,
   *              properties, price types, warehouses and units to it
   * @return the summary, after the last record was handled; failed with a {@link CommerceMlException} for bad
   * input, or with the handler's failure
   */
  public Future<ReadSummary> read(ReadStream<Buffer> source, ClassifierIndex index, RecordHandler handler) {
    return new ReadSession(source, handler, index, limits).start();
  }

  /** Opens {@code file} read-only (64 KiB read buffer), reads it with a fresh index, and closes it. */
  public Future<ReadSummary> read(Vertx vertx, Path file, RecordHandler handler) {
    return read(vertx, file, new ClassifierIndex(), handler);
  }

  /** Opens {@code file} read-only (64 KiB read buffer), reads it and closes it, also when the read fails. */
  public Future<ReadSummary> read(Vertx vertx, Path file, ClassifierIndex index, RecordHandler handler) {
    OpenOptions options = new OpenOptions().setRead(true).setWrite(false).setCreate(false);
    return vertx.fileSystem().open(file.toString(), options).compose(f -> {
      AsyncFile asyncFile = f.setReadBufferSize(FILE_READ_BUFFER);
      return read(asyncFile, index, handler)
          .eventually(() -> asyncFile.close().otherwise(e -> null));
    });
  }
}
