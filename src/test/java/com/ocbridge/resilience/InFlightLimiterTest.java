package com.ocbridge.resilience;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightLimiterTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void startsAtMostTheLimitAndTheRestInSubmissionOrder() {
    InFlightLimiter limiter = new InFlightLimiter(2);
    List<Promise<Integer>> running = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      results.add(limiter.submit(() -> {
        started.add(n);
        Promise<Integer> p = Promise.promise();
        running.add(p);
        return p.future();
      }));
    }
    assertEquals(List.of(0, 1), started);
    assertEquals(2, limiter.inFlight());
    assertEquals(3, limiter.queued());

    running.get(1).complete(1); // a later one finishing first frees a slot for the next in line
    assertEquals(List.of(0, 1, 2), started);
    running.get(0).fail("boom");
    assertEquals(List.of(0, 1, 2, 3), started);
    running.get(2).complete(2);
    running.get(3).complete(3);
    running.get(4).complete(4);

    assertEquals(List.of(0, 1, 2, 3, 4), started);
    assertEquals(0, limiter.inFlight());
    assertEquals(0, limiter.queued());
    assertEquals(1, results.get(1).result());
    assertTrue(results.get(0).failed(), "failures reach the caller");
    assertEquals(4, results.get(4).result());
  }

  @Test
  void aThrowingTaskReleasesItsSlot() {
    InFlightLimiter limiter = new InFlightLimiter(1);

    Future<Object> thrown = limiter.submit(() -> {
      throw new IllegalStateException("bug");
    });

    assertTrue(thrown.failed());
    assertEquals("bug", thrown.cause().getMessage());
    assertEquals(0, limiter.inFlight());
    assertEquals("next", limiter.submit(() -> Future.succeededFuture("next")).result());
  }

  @Test
  void longQueueOfInstantTasksDrainsFromAnEventLoopWithoutDeepStacks() throws Exception {
    InFlightLimiter limiter = new InFlightLimiter(1);
    int count = 20_000;
    Promise<Integer> gate = Promise.promise();
    Promise<List<Future<Integer>>> submitted = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<Integer>> all = new ArrayList<>();
      all.add(limiter.submit(() -> gate.future()));
      for (int i = 1; i < count; i++) {
        int n = i;
        all.add(limiter.submit(() -> Future.succeededFuture(n)));
      }
      gate.complete(0);
      submitted.complete(all);
    });
    List<Future<Integer>> all = submitted.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    Future.all(all).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(count - 1, all.get(count - 1).result());
    assertEquals(0, limiter.inFlight());
  }

  @Test
  void limitMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new InFlightLimiter(0));
  }
}
