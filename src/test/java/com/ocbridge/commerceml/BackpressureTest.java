package com.ocbridge.commerceml;

import com.ocbridge.testing.Samples;

import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Offer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow consumer pauses the source instead of making the reader buffer; failures abort the read. */
class BackpressureTest extends ReaderTestBase {
  private static final String OFFERS = "d16izhevsk__1coutlet/offers0_1.xml"; // 2.9 MB, 2 641 offers
  @Test
  void slow_handler_pauses_the_source_and_nothing_runs_ahead() throws Exception {
    byte[] bytes = Files.readAllBytes(Samples.file(OFFERS));
    ChunkedReadStream source = new ChunkedReadStream(context, bytes, () -> 16 * 1024);
    List<CmlRecord> seen = new ArrayList<>();
    AtomicInteger slow = new AtomicInteger();
    AtomicInteger pausedWhileWaiting = new AtomicInteger();
    AtomicInteger readWhileWaiting = new AtomicInteger();
    ReadSummary summary = source.readWith(new CommerceMlReader(), record -> {
      assertTrue(Context.isOnEventLoopThread(), "records are delivered on the event loop");
      seen.add(record);
      if (!(record instanceof Offer) || seen.size() % 50 != 0) {
        return Future.succeededFuture(); // fast path
      }
      slow.incrementAndGet();
      Promise<Void> p = Promise.promise();
      int chunksBefore = source.chunks;
      vertx.setTimer(2, t -> {
        if (source.isPaused()) {
          pausedWhileWaiting.incrementAndGet();
        }
        if (source.chunks != chunksBefore) {
          readWhileWaiting.incrementAndGet(); // a chunk was read while a record was pending
        }
        p.complete();
      });
      return p.future();
    }).await();
    assertEquals(2641, summary.count("offer"));
    assertEquals(Collected.read(vertx, Samples.file(OFFERS)).records, seen, "same records, same order");
    assertTrue(slow.get() > 40);
    assertEquals(0, readWhileWaiting.get(), "no chunk is read while a record is pending");
    assertEquals(slow.get(), pausedWhileWaiting.get(), "paused every time the handler was slow");
    assertTrue(source.pauses >= slow.get());
    assertTrue(source.resumes >= slow.get());
  }

  @Test
  void a_chunk_already_in_flight_after_pause_is_queued_not_lost() throws Exception {
    byte[] bytes = Files.readAllBytes(Samples.file(OFFERS));
    ChunkedReadStream source = new ChunkedReadStream(context, bytes, () -> 4096).ignoringFirstPause();
    List<CmlRecord> seen = new ArrayList<>();
    source.readWith(new CommerceMlReader(), record -> {
      seen.add(record);
      if (seen.size() == 3) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(5, t -> p.complete());
        return p.future();
      }
      return Future.succeededFuture();
    }).await();
    assertEquals(Collected.read(vertx, Samples.file(OFFERS)).records, seen);
  }

  @Test
  void handler_future_completed_on_another_thread_resumes_on_the_source_context() throws Exception {
    byte[] bytes = Files.readAllBytes(Samples.file("dobromyslov__commerceml-parser/offers0_1.xml"));
    ChunkedReadStream source = new ChunkedReadStream(context, bytes, () -> 1024);
    List<String> threads = new ArrayList<>();
    ReadSummary s = source.readWith(new CommerceMlReader(), record -> {
      threads.add(Thread.currentThread().getName());
      return vertx.executeBlocking(() -> null).mapEmpty(); // completes on a worker thread
    }).await();
    assertEquals(44, s.count("offer"));
    assertTrue(threads.stream().allMatch(t -> t.startsWith("vert.x-eventloop")), threads.toString());
    assertEquals(1, threads.stream().distinct().count());
  }

  @Test
  void failed_handler_future_aborts_the_read_and_leaves_the_source_paused() throws Exception {
    byte[] bytes = Files.readAllBytes(Samples.file(OFFERS));
    ChunkedReadStream source = new ChunkedReadStream(context, bytes, () -> 8192);
    IllegalStateException boom = new IllegalStateException("database down");
    AtomicInteger calls = new AtomicInteger();
    Future<ReadSummary> f = source.readWith(new CommerceMlReader(), record -> {
      if (calls.incrementAndGet() == 100) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(1, t -> p.fail(boom));
        return p.future();
      }
      return Future.succeededFuture();
    });
    assertSame(boom, unwrap(assertThrows(Exception.class, f::await)));
    assertEquals(100, calls.get(), "no record after the failure");
    assertTrue(source.isPaused());
    assertTrue(source.position() < bytes.length, "the rest of the file was not read");
  }

  @Test
  void exception_thrown_by_the_handler_aborts_the_read() throws Exception {
    byte[] bytes = Files.readAllBytes(Samples.file(OFFERS));
    RuntimeException boom = new RuntimeException("bug in the consumer");
    Future<ReadSummary> f = new ChunkedReadStream(context, bytes, () -> 8192).readWith(new CommerceMlReader(), r -> {
      throw boom;
    });
    assertSame(boom, unwrap(assertThrows(Exception.class, f::await)));
  }

  @Test
  void source_error_fails_the_read() throws Exception {
    byte[] bytes = Files.readAllBytes(Samples.file(OFFERS));
    java.io.IOException broken = new java.io.IOException("connection reset");
    ChunkedReadStream source = new ChunkedReadStream(context, bytes, () -> 8192).failingAfter(100_000, broken);
    Future<ReadSummary> f = source.readWith(new CommerceMlReader(), r -> Future.succeededFuture());
    assertSame(broken, unwrap(assertThrows(Exception.class, f::await)));
  }

  @Test
  void file_convenience_closes_the_file_after_a_failure() {
    // a hostile file through read(vertx, path): fails with the reason, and the AsyncFile is closed (no leak)
    Future<ReadSummary> f = new CommerceMlReader().read(vertx,
        Samples.file("carono__yii2-1c-exchange/to.xml"), r -> Future.failedFuture("stop"));
    Exception e = assertThrows(Exception.class, f::await);
    assertEquals("stop", unwrap(e).getMessage());
  }

  private static Throwable unwrap(Exception e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
