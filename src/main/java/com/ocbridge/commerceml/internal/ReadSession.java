package com.ocbridge.commerceml.internal;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.ocbridge.commerceml.ClassifierIndex;
import com.ocbridge.commerceml.CommerceMlException;
import com.ocbridge.commerceml.CommerceMlException.Reason;
import com.ocbridge.commerceml.ReadSummary;
import com.ocbridge.commerceml.ReaderLimits;
import com.ocbridge.commerceml.RecordHandler;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Offer;
import com.ocbridge.commerceml.model.RecordKind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One read of one document: feeds the chunks of a {@link ReadStream} through the {@link InputNormalizer} into
 * aalto's async parser, maps events to records with {@link CmlMapper} and hands records to the caller's
 * {@link RecordHandler}.
 *
 * <p>Backpressure: when a handler returns an incomplete future, parsing stops right there (mid-chunk; aalto keeps
 * the rest of the chunk), the source is paused, and parsing continues when the future completes. Chunks that
 * still arrive are queued (a well-behaved stream sends at most the one in flight). Memory is therefore bounded by
 * a few chunks plus the record being built, whatever the file size.
 *
 * <p>Threading: everything runs on the source's context; a handler future completed elsewhere is hopped back
 * onto it. Parsing a 64 KiB chunk takes well under a millisecond, so it is fine on an event loop.
 */
public final class ReadSession implements Handler<Buffer> {
  private final ReadStream<Buffer> source;
  private final RecordHandler handler;
  private final ReaderLimits limits;
  private final AsyncXMLStreamReader<AsyncByteArrayFeeder> parser;
  private final InputNormalizer normalizer;
  private final DocState state;
  private final CmlMapper mapper;
  private final ArrayDeque<CmlRecord> pending = new ArrayDeque<>();
  private final ArrayDeque<Buffer> queued = new ArrayDeque<>();
  private final long[] counts = new long[RecordKind.values().length];
  private long priceCount;
  private long stockCount;
  private final Promise<ReadSummary> promise = Promise.promise();

  private Context context;
  /** A handler future is pending: parsing is suspended. */
  private boolean waiting;
  /** The parser has consumed everything fed to it. */
  private boolean needInput = true;
  private boolean inputEnded;
  private boolean normalizerFlushed;
  private boolean endOfInputFed;
  private boolean documentEnded;
  private boolean paused;
  private boolean done;

  private long bytesIn;
  private long bytesSinceEvent;
  /**
   * The last few KiB fed to aalto (references to the fed arrays, no copies) with their absolute offsets, to
   * turn aalto's byte columns into characters.
   */
  private final ArrayDeque<FedChunk> recent = new ArrayDeque<>();
  private long recentBytes;
  private long fedBytes;

  private record FedChunk(byte[] bytes, int length, long start) {
  }

  public ReadSession(ReadStream<Buffer> source, RecordHandler handler, ClassifierIndex index, ReaderLimits limits) {
    this.source = source;
    this.handler = handler;
    this.limits = limits;
    this.parser = AaltoFactory.newAsyncReader();
    this.normalizer = new InputNormalizer(64 * 1024);
    this.state = new DocState(this::collect, index);
    this.mapper = new CmlMapper(parser, state, limits);
  }

  /** Attaches to the source and starts reading; the future completes after the last record was handled. */
  public Future<ReadSummary> start() {
    source.exceptionHandler(this::fail);
    source.endHandler(v -> onEnd());
    source.handler(this);
    source.resume(); // callers may have paused it while setting up (HTTP request bodies must be)
    return promise.future();
  }

  /** A chunk from the source. */
  @Override
  public void handle(Buffer buffer) {
    if (done) {
      return;
    }
    if (context == null) {
      context = Vertx.currentContext();
    }
    bytesIn += buffer.length();
    if (limits.maxDocumentBytes() >= 0 && bytesIn > limits.maxDocumentBytes()) {
      fail(new CommerceMlException(Reason.LIMIT_EXCEEDED,
          "Document is larger than " + limits.maxDocumentBytes() + " bytes", -1, -1));
      return;
    }
    if (waiting || !queued.isEmpty() || !needInput) {
      queued.add(buffer);
      pauseSource();
      return;
    }
    try {
      feed(buffer);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    pump();
  }

  private void onEnd() {
    if (done) {
      return;
    }
    if (context == null) {
      context = Vertx.currentContext();
    }
    inputEnded = true;
    if (!waiting) {
      pump();
    }
  }

  /** Records produced by the mapper wait here until handed to the handler (in order). */
  private void collect(CmlRecord record) {
    counts[record.kind().ordinal()]++;
    if (record instanceof Offer o) {
      priceCount += o.prices().size();
      stockCount += o.stockByWarehouse().size() + (o.totalQuantity() != null ? 1 : 0);
    }
    pending.add(record);
  }

  private void feed(Buffer buffer) {
    byte[] out = normalizer.process(buffer.getBytes());
    if (out != null && normalizer.lastLength() > 0) {
      feedParser(out, normalizer.lastLength());
    }
  }

  private void feedParser(byte[] bytes, int len) {
    try {
      parser.getInputFeeder().feedInput(bytes, 0, len);
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
    recent.addLast(new FedChunk(bytes, len, fedBytes));
    recentBytes += len;
    while (recentBytes - recent.peekFirst().length() >= 8192) {
      recentBytes -= recent.pollFirst().length();
    }
    fedBytes += len;
    bytesSinceEvent += len;
    needInput = false;
  }

  /**
   * The main loop: deliver pending records, parse until the parser needs input, feed queued chunks, and at the
   * end of input finish the document. Returns when waiting for a handler future or for more input.
   */
  private void pump() {
    try {
      while (!done) {
        while (!pending.isEmpty()) {
          Future<Void> f = handler.onRecord(pending.poll());
          if (f == null || (f.isComplete() && f.succeeded())) {
            continue; // fast path: handled synchronously
          }
          if (f.isComplete()) {
            fail(f.cause());
          } else {
            waitFor(f);
          }
          return;
        }
        if (documentEnded) {
          complete();
          return;
        }
        if (!needInput) {
          int event = parser.next();
          if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            needInput = true;
            if (bytesSinceEvent > limits.maxTokenBytes()) {
              throw new CommerceMlException(Reason.LIMIT_EXCEEDED, "A single XML token (tag, attribute, "
                  + "comment or text) is longer than " + limits.maxTokenBytes() + " bytes", -1, -1);
            }
          } else {
            bytesSinceEvent = 0;
            if (event == XMLStreamConstants.END_DOCUMENT) {
              documentEnded = true;
            } else {
              mapper.onEvent(event);
            }
          }
          continue;
        }
        if (!queued.isEmpty()) {
          feed(queued.poll());
          continue;
        }
        if (!inputEnded) {
          resumeSource();
          return;
        }
        if (!normalizerFlushed) {
          normalizerFlushed = true;
          byte[] rest = normalizer.finish();
          if (rest != null && normalizer.lastLength() > 0) {
            feedParser(rest, normalizer.lastLength());
          }
          continue;
        }
        if (!endOfInputFed) {
          endOfInputFed = true;
          parser.getInputFeeder().endOfInput();
          needInput = false;
          continue;
        }
        throw new CommerceMlException(Reason.MALFORMED_XML, "Unexpected end of input: the document is "
            + (mapper.depth() > 0 ? "incomplete (" + mapper.depth() + " elements not closed)" : "empty"),
            -1, -1);
      }
    } catch (XMLStreamException e) {
      fail(malformed(e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void waitFor(Future<Void> f) {
    waiting = true;
    pauseSource();
    f.onComplete(ar -> onContext(ar));
  }

  private void onContext(AsyncResult<Void> ar) {
    Context now = Vertx.currentContext();
    if (context != null && now != context) {
      context.runOnContext(v -> resumeAfter(ar));
    } else {
      resumeAfter(ar);
    }
  }

  private void resumeAfter(AsyncResult<Void> ar) {
    waiting = false;
    if (ar.failed()) {
      fail(ar.cause());
    } else {
      pump();
    }
  }

  private void pauseSource() {
    if (!paused) {
      paused = true;
      source.pause();
    }
  }

  private void resumeSource() {
    if (paused) {
      paused = false;
      source.resume();
    }
  }

  private void complete() {
    done = true;
    Map<String, Long> map = new LinkedHashMap<>();
    for (RecordKind k : RecordKind.values()) {
      if (counts[k.ordinal()] > 0) {
        map.put(k.key(), counts[k.ordinal()]);
      }
    }
    if (priceCount > 0) {
      map.put("price", priceCount);
    }
    if (stockCount > 0) {
      map.put("stock", stockCount);
    }
    promise.tryComplete(new ReadSummary(Set.copyOf(state.kinds()), state.schemaVersion(), state.generatedAt(),
        state.onlyChanges(), normalizer.encoding(), normalizer.bom(), bytesIn, Map.copyOf(map)));
  }

  private void fail(Throwable t) {
    if (done) {
      return;
    }
    done = true;
    pending.clear();
    queued.clear();
    pauseSource(); // stop reading: a 1 GB file need not be read to its end to report an error on line 3
    if (t instanceof CommerceMlException ce && ce.line() < 0) {
      int[] pos = position(parser.getLocation());
      t = new CommerceMlException(ce.reason(), ce.getMessage(), pos[0], pos[1], ce.getCause());
    }
    promise.tryFail(t);
  }

  private CommerceMlException malformed(XMLStreamException e) {
    int[] pos = position(e.getLocation());
    String msg = e.getMessage();
    int at = msg == null ? -1 : msg.indexOf("\n at [row,col");
    if (at < 0 && msg != null) {
      at = msg.indexOf(" at [row,col");
    }
    if (at > 0) {
      msg = msg.substring(0, at);
    }
    return new CommerceMlException(Reason.MALFORMED_XML, "Malformed XML: " + (msg == null ? e : msg.strip()),
        pos[0], pos[1], e);
  }

  /**
   * Maps an aalto location to a position in the original input: aalto counts lines from the root element
   * (the normalizer removed the prolog) and columns in bytes, which we convert to characters when the line
   * start is still in one of the last two chunks.
   */
  private int[] position(Location loc) {
    if (loc == null || loc.getLineNumber() <= 0) {
      return new int[]{-1, -1};
    }
    int line = loc.getLineNumber();
    int col = loc.getColumnNumber();
    long end = fedBytes;
    // aalto keeps the offset in an int: restore the high bits from what we fed
    long offset = (end & ~0xFFFF_FFFFL) | (loc.getCharacterOffset() & 0xFFFF_FFFFL);
    if (offset > end) {
      offset -= 1L << 32;
    }
    if (col > 0) {
      int chars = charsBetween(offset - (col - 1), offset);
      if (chars >= 0) {
        col = chars + 1;
      }
    }
    if (line == 1) {
      col += normalizer.prologColumns();
    }
    return new int[]{line + normalizer.prologNewlines(), col};
  }

  /**
   * Characters (UTF-8 lead bytes) in the absolute byte range, stopping at a newline; -1 if the range is no
   * longer in memory.
   */
  private int charsBetween(long from, long to) {
    if (recent.isEmpty() || from < recent.peekFirst().start() || to > fedBytes || from > to) {
      return -1;
    }
    int n = 0;
    for (FedChunk c : recent) {
      long end = c.start() + c.length();
      for (long p = Math.max(from, c.start()); p < Math.min(to, end); p++) {
        byte b = c.bytes()[(int) (p - c.start())];
        if (b == '\n') {
          // aalto sometimes reports an error after reading ahead into the next line without counting
          // that newline: the error belongs to the end of the line the row number names
          return n;
        }
        if ((b & 0xC0) != 0x80) {
          n++;
        }
      }
    }
    return n;
  }
}
