package com.ocbridge.commerceml;

import com.ocbridge.commerceml.internal.XmlEncoder;
import com.ocbridge.commerceml.model.OrderDocument;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

/**
 * Streams the orders document the site returns for {@code type=sale&mode=query} (protocol reference §8.5):
 * one {@code Buffer} per order written to a {@link WriteStream} (an HTTP response, a file), never the whole
 * document in memory. Output reads back through {@link CommerceMlReader} to equal {@link OrderDocument}s, except for
 * what only the site writes and the reader does not report: {@code Скидки}, line {@code Налоги}, a company's
 * {@code ЮридическийАдрес} and contact person.
 *
 * <pre>{@code
 * OrdersWriter w = OrdersWriter.create(response, OrdersWriterOptions.defaults());
 * response.putHeader("Content-Type", w.options().contentType()).setChunked(true);
 * w.writeAll(orders.iterator()).compose(v -> w.finish()).compose(v -> response.end());
 * }</pre>
 *
 * Not thread-safe; use from the write stream's context. The stream is never ended by the writer.
 */
public final class OrdersWriter {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final String ROOT = "КоммерческаяИнформация";

  private final WriteStream<Buffer> out;
  private final OrdersWriterOptions options;
  private final XmlEncoder enc;
  private final OrderXml xml;
  private boolean headerWritten;
  private boolean finished;

  private OrdersWriter(WriteStream<Buffer> out, OrdersWriterOptions options) {
    this.out = out;
    this.options = options;
    this.enc = new XmlEncoder(options.charset());
    this.xml = new OrderXml(enc, options.container());
  }

  public static OrdersWriter create(WriteStream<Buffer> out, OrdersWriterOptions options) {
    return new OrdersWriter(out, options);
  }

  /** A complete document in one buffer, for small answers and tests. */
  public static Buffer toBuffer(Iterable<OrderDocument> orders, OrdersWriterOptions options) {
    OrdersWriter w = new OrdersWriter(null, options);
    Buffer all = Buffer.buffer();
    w.header();
    for (OrderDocument o : orders) {
      w.xml.document(o);
      all.appendBuffer(w.enc.drain());
    }
    w.footer();
    return all.appendBuffer(w.enc.drain());
  }

  public OrdersWriterOptions options() {
    return options;
  }

  /** Writes one order (and the prolog and root before the first one). The future is that of the stream write. */
  public Future<Void> write(OrderDocument order) {
    if (finished) {
      return Future.failedFuture(new IllegalStateException("finish() was already called"));
    }
    if (!headerWritten) {
      header();
    }
    xml.document(order);
    return out.write(enc.drain());
  }

  /**
   * Writes all orders, respecting backpressure: while the stream's write queue is full it waits for the drain
   * handler instead of buffering. Completes when the last write completed, or fails with the first failure.
   */
  public Future<Void> writeAll(Iterator<OrderDocument> orders) {
    Promise<Void> done = Promise.promise();
    writeSome(orders, done, Future.succeededFuture());
    return done.future();
  }

  private void writeSome(Iterator<OrderDocument> orders, Promise<Void> done, Future<Void> last) {
    try {
      while (orders.hasNext()) {
        if (out.writeQueueFull()) {
          Future<Void> pending = last;
          out.drainHandler(v -> {
            out.drainHandler(null);
            writeSome(orders, done, pending);
          });
          return;
        }
        last = write(orders.next());
        last.onFailure(done::tryFail);
      }
      last.onComplete(ar -> {
        if (ar.succeeded()) {
          done.tryComplete();
        } else {
          done.tryFail(ar.cause());
        }
      });
    } catch (RuntimeException e) {
      done.tryFail(e);
    }
  }

  /** Closes the root element (writing the prolog first if no order was written). Does not end the stream. */
  public Future<Void> finish() {
    if (finished) {
      return Future.succeededFuture();
    }
    if (!headerWritten) {
      header();
    }
    finished = true;
    footer();
    return out.write(enc.drain());
  }

  private void header() {
    headerWritten = true;
    boolean isUtf8 = options.charset().equals(StandardCharsets.UTF_8);
    if (isUtf8 && options.utf8Bom()) {
      enc.bytes((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }
    enc.markup("<?xml version=\"1.0\" encoding=\"").markup(isUtf8 ? "UTF-8" : options.charset().name())
        .markup("\"?>\n");
    LocalDateTime at = options.generatedAt() != null ? options.generatedAt()
        : LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    enc.markup("<" + ROOT);
    if (options.namespace() != null) {
      enc.markup(" xmlns=\"").attribute(options.namespace()).markup("\"");
    }
    enc.markup(" ВерсияСхемы=\"").attribute(options.schemaVersion()).markup("\"")
        .markup(" ДатаФормирования=\"").markup(DATE_TIME.format(at)).markup("\">\n");
  }

  private void footer() {
    enc.markup("</" + ROOT + ">\n");
  }
}
