package com.ocbridge.commerceml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.ocbridge.commerceml.internal.AaltoFactory;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Product;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throughput and memory of {@link CommerceMlReader} on a generated catalog, next to aalto's own raw token rate on the
 * same file in the same JVM (the ceiling). Run with {@code scripts/bench-reader [sizeMB]} (default 1024 MB, -Xmx256m).
 *
 * <p>Modes, each reading the whole file with 64 KiB chunks:
 * <ul>
 *   <li><b>raw</b>: Vert.x {@code AsyncFile} → {@code feedInput} → {@code next()} until incomplete; no names, no text,
 *       no records (the same I/O path as the reader: the ceiling),</li>
 *   <li><b>raw-direct</b>: the same token loop fed from a {@code FileChannel} on the calling thread (no Vert.x),</li>
 *   <li><b>raw+text</b>: raw-direct that also decodes every text event (aalto skips undecoded text in the raw
 *       loops; any reader of values pays this), for explaining the gap,</li>
 *   <li><b>reader</b>: {@code CommerceMlReader.read(vertx, file, handler)} building every record; the handler
 *       returns {@code Future.succeededFuture()},</li>
 *   <li><b>reader-dir</b>: the reader fed by a {@link ChannelReadStream} (blocking 64 KiB reads on the event loop,
 *       benchmark only) to compare with raw-direct without the noise of Vert.x's file I/O.</li>
 * </ul>
 * Heap: a sampler reads used heap every 5 ms (includes garbage not yet collected) and GC notifications give the heap
 * in use right after each collection (the live set); both peaks are reported per pass.
 */
@Tag("benchmark")
class ReaderBenchmark {

  @Test
  void benchmark() throws Exception {
    long mb = Long.getLong("bench.sizeMb", 100);
    int rounds = Integer.getInteger("bench.rounds", 3);
    run(mb, rounds);
  }

  public static void main(String[] args) throws Exception {
    long mb = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    run(mb, rounds);
    System.exit(0);
  }

  static void run(long sizeMb, int rounds) throws Exception {
    Path dir = Files.createTempDirectory("cml-bench");
    Path file = dir.resolve("import_bench.xml");
    Vertx vertx = Vertx.vertx();
    HeapWatch heap = new HeapWatch();
    try {
      long t0 = System.nanoTime();
      long products = new CatalogGenerator().write(file, sizeMb * 1024 * 1024);
      long size = Files.size(file);
      System.out.printf(Locale.ROOT, "generated %s: %,d bytes (%.1f MiB), %,d products in %.1f s; max heap %d MiB%n",
          file, size, size / 1048576.0, products, (System.nanoTime() - t0) / 1e9,
          Runtime.getRuntime().maxMemory() >> 20);

      List<double[]> raw = new ArrayList<>();
      List<double[]> direct = new ArrayList<>();
      List<double[]> directText = new ArrayList<>();
      List<double[]> ours = new ArrayList<>();
      List<double[]> oursDirect = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        raw.add(pass("raw       ", r, size, heap, () -> rawVertx(vertx, file)));
        direct.add(pass("raw-direct", r, size, heap, () -> rawDirect(file)));
        directText.add(pass("raw+text  ", r, size, heap, () -> rawDirectWithText(file)));
        ours.add(pass("reader    ", r, size, heap, () -> {
          AtomicLong n = new AtomicLong();
          AtomicLong check = new AtomicLong();
          ReadSummary s = new CommerceMlReader().read(vertx, file, rec -> {
            n.incrementAndGet();
            touch(rec, check);
            return Future.succeededFuture();
          }).await();
          assertEquals(products, s.count("product"));
          return n.get() + (check.get() & 1);
        }));
        oursDirect.add(pass("reader-dir", r, size, heap, () -> {
          AtomicLong n = new AtomicLong();
          AtomicLong check = new AtomicLong();
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            io.vertx.core.Context ctx = vertx.getOrCreateContext();
            Promise<ReadSummary> done = Promise.promise();
            ctx.runOnContext(v -> new CommerceMlReader().read(new ChannelReadStream(ctx, ch), rec -> {
              n.incrementAndGet();
              touch(rec, check);
              return Future.succeededFuture();
            }).onComplete(done));
            ReadSummary s = done.future().await();
            assertEquals(products, s.count("product"));
          }
          return n.get() + (check.get() & 1);
        }));
      }
      double rawBest = best(raw);
      double directBest = best(direct);
      double oursBest = best(ours);
      double rawMed = median(raw);
      double oursMed = median(ours);
      System.out.printf(Locale.ROOT, "%nRESULT file=%.1f MiB products=%,d rounds=%d%n",
          size / 1048576.0, products, rounds);
      System.out.printf(Locale.ROOT, "  raw aalto via AsyncFile : best %.1f MB/s, median %.1f MB/s%n", rawBest, rawMed);
      System.out.printf(Locale.ROOT, "  raw aalto direct        : best %.1f MB/s, median %.1f MB/s%n",
          directBest, median(direct));
      System.out.printf(Locale.ROOT,
          "  raw direct + text decode: best %.1f MB/s, median %.1f MB/s (explains the gap)%n",
          best(directText), median(directText));
      System.out.printf(Locale.ROOT, "  CommerceMlReader        : best %.1f MB/s, median %.1f MB/s%n",
          oursBest, oursMed);
      System.out.printf(Locale.ROOT, "  reader / raw (AsyncFile): best %.0f%%, median %.0f%%%n",
          100 * oursBest / rawBest, 100 * oursMed / rawMed);
      System.out.printf(Locale.ROOT, "  CommerceMlReader direct : best %.1f MB/s, median %.1f MB/s%n",
          best(oursDirect), median(oursDirect));
      System.out.printf(Locale.ROOT, "  reader / raw (direct)   : best %.0f%%, median %.0f%%%n",
          100 * best(oursDirect) / directBest, 100 * median(oursDirect) / median(direct));
      System.out.printf(Locale.ROOT,
          "  reader peak heap: sampled used %.0f MiB, live after GC %.0f MiB (max heap %d MiB)%n",
          max(ours, 1), max(ours, 2), Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      heap.close();
      vertx.close().await();
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** Reads a few fields so the JIT cannot drop record construction. */
  private static void touch(CmlRecord rec, AtomicLong check) {
    if (rec instanceof Product p) {
      check.addAndGet(p.name().length() + p.properties().size() + p.requisites().size());
    }
  }

  interface Pass {
    long run() throws Exception;
  }

  /** Runs one pass; returns {MB/s, sampled peak MiB, live-after-GC peak MiB}. */
  private static double[] pass(String name, int round, long size, HeapWatch heap, Pass pass) throws Exception {
    System.gc();
    heap.reset();
    long t = System.nanoTime();
    long result = pass.run();
    double s = (System.nanoTime() - t) / 1e9;
    double mbps = size / 1048576.0 / s;
    double sampled = heap.peakUsed() / 1048576.0;
    double live = heap.peakAfterGc() / 1048576.0;
    System.out.printf(Locale.ROOT,
        "%s round %d: %6.2f s  %6.1f MB/s  peak used %5.0f MiB  live after GC %5.0f MiB  (%,d)%n",
        name, round, s, mbps, sampled, live, result);
    return new double[]{mbps, sampled, live};
  }

  /** The ceiling: aalto's token loop fed from a Vert.x AsyncFile, 64 KiB chunks, no record building. */
  static long rawVertx(Vertx vertx, Path file) {
    AsyncFile f = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
    f.setReadBufferSize(CommerceMlReader.FILE_READ_BUFFER);
    Promise<Long> done = Promise.promise();
    AsyncXMLStreamReader<AsyncByteArrayFeeder> parser = AaltoFactory.newAsyncReader();
    long[] events = {0};
    boolean[] first = {true};
    f.handler(buf -> {
      try {
        byte[] b = buf.getBytes();
        int off = 0;
        if (first[0]) { // aalto refuses the BOM the generator writes
          first[0] = false;
          off = 3;
          b = java.util.Arrays.copyOfRange(b, off, b.length);
        }
        parser.getInputFeeder().feedInput(b, 0, b.length);
        while (parser.next() != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
          events[0]++;
        }
      } catch (XMLStreamException e) {
        done.tryFail(e);
      }
    });
    f.exceptionHandler(done::tryFail);
    f.endHandler(v -> {
      try {
        parser.getInputFeeder().endOfInput();
        int ev;
        while ((ev = parser.next()) != XMLStreamConstants.END_DOCUMENT && ev != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
          events[0]++;
        }
        done.tryComplete(events[0]);
      } catch (XMLStreamException e) {
        done.tryFail(e);
      }
    });
    try {
      return done.future().await();
    } finally {
      f.close().await();
    }
  }

  /** The same token loop from a FileChannel on this thread (no Vert.x). */
  static long rawDirect(Path file) throws Exception {
    return direct(file, false);
  }

  /**
   * Direct token loop that also decodes every text event (what any consumer of text pays inside aalto: the raw
   * loop lets aalto skip undecoded text). For explaining the gap, not a ceiling.
   */
  static long rawDirectWithText(Path file) throws Exception {
    return direct(file, true);
  }

  private static long direct(Path file, boolean text) throws Exception {
    AsyncXMLStreamReader<AsyncByteArrayFeeder> parser = AaltoFactory.newAsyncReader();
    long events = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer bb = ByteBuffer.allocate(CommerceMlReader.FILE_READ_BUFFER);
      ch.position(3); // BOM
      while (ch.read(bb) > 0) {
        bb.flip();
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        bb.clear();
        parser.getInputFeeder().feedInput(b, 0, b.length);
        int ev;
        while ((ev = parser.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
          events++;
          if (text && ev == XMLStreamConstants.CHARACTERS) {
            events += parser.getTextCharacters().length & 1;
          }
        }
      }
      parser.getInputFeeder().endOfInput();
      while (parser.next() != XMLStreamConstants.END_DOCUMENT) {
        events++;
      }
    }
    return events;
  }

  private static double best(List<double[]> runs) {
    return runs.stream().mapToDouble(r -> r[0]).max().orElse(0);
  }

  private static double median(List<double[]> runs) {
    double[] v = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
    return v.length == 0 ? 0 : v[v.length / 2];
  }

  private static double max(List<double[]> runs, int index) {
    return runs.stream().mapToDouble(r -> r[index]).max().orElse(0);
  }

  /** A ReadStream over a FileChannel doing blocking 64 KiB reads on a context; honours pause/resume. Benchmark only. */
  static final class ChannelReadStream implements io.vertx.core.streams.ReadStream<io.vertx.core.buffer.Buffer> {
    private final io.vertx.core.Context context;
    private final FileChannel channel;
    private final ByteBuffer bb = ByteBuffer.allocate(CommerceMlReader.FILE_READ_BUFFER);
    private io.vertx.core.Handler<io.vertx.core.buffer.Buffer> handler;
    private io.vertx.core.Handler<Void> endHandler;
    private io.vertx.core.Handler<Throwable> exceptionHandler;
    private boolean paused;
    private boolean scheduled;
    private boolean ended;

    ChannelReadStream(io.vertx.core.Context context, FileChannel channel) {
      this.context = context;
      this.channel = channel;
    }

    @Override
    public ChannelReadStream exceptionHandler(io.vertx.core.Handler<Throwable> h) {
      exceptionHandler = h;
      return this;
    }

    @Override
    public ChannelReadStream handler(io.vertx.core.Handler<io.vertx.core.buffer.Buffer> h) {
      handler = h;
      schedule();
      return this;
    }

    @Override
    public ChannelReadStream pause() {
      paused = true;
      return this;
    }

    @Override
    public ChannelReadStream resume() {
      paused = false;
      schedule();
      return this;
    }

    @Override
    public ChannelReadStream fetch(long amount) {
      return resume();
    }

    @Override
    public ChannelReadStream endHandler(io.vertx.core.Handler<Void> h) {
      endHandler = h;
      return this;
    }

    private void schedule() {
      if (!scheduled && handler != null) {
        scheduled = true;
        context.runOnContext(v -> {
          scheduled = false;
          pump();
        });
      }
    }

    private void pump() {
      try {
        // deliver a batch, then yield the event loop like a real stream would
        for (int i = 0; i < 64 && !paused && !ended; i++) {
          bb.clear();
          if (channel.read(bb) <= 0) {
            ended = true;
            endHandler.handle(null);
            return;
          }
          bb.flip();
          byte[] b = new byte[bb.remaining()];
          bb.get(b);
          handler.handle(io.vertx.core.buffer.Buffer.buffer(b));
        }
        if (!paused && !ended) {
          schedule();
        }
      } catch (java.io.IOException e) {
        exceptionHandler.handle(e);
      }
    }
  }

  /** Peak heap: sampled used heap every 5 ms, and heap in use right after each GC (from GC notifications). */
  static final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum()
                - nonHeap(info);
            peakAfterGc.accumulateAndGet(used, Math::max);
          }
        }, null, null);
      }
      sampler = new Thread(() -> {
        while (running) {
          peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    /** Non-heap pools (metaspace, code cache) are part of GcInfo's map; subtract them. */
    private static long nonHeap(GarbageCollectionNotificationInfo info) {
      long n = 0;
      for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        String pool = e.getKey();
        if (pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Class Space")
            || pool.contains("CodeHeap")) {
          n += e.getValue().getUsed();
        }
      }
      return n;
    }

    void reset() {
      peakUsed.set(memory.getHeapMemoryUsage().getUsed());
      peakAfterGc.set(0);
    }

    long peakUsed() {
      return peakUsed.get();
    }

    long peakAfterGc() {
      return peakAfterGc.get();
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
    }
  }
}
