package com.ocbridge.resilience;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link FutureResilience} around real WebClient calls to WireMock: retry counts, backoff, breaker
 * opening/closing, the half-open probe, and that everything stays on the event loop.
 */
class FutureResilienceTest {

  /** What the test's remote call fails with for a non-2xx answer. */
  static final class HttpStatusException extends RuntimeException {
    final int status;

    HttpStatusException(int status) {
      super("HTTP " + status);
      this.status = status;
    }
  }

  private static Vertx vertx;
  private static WireMockServer remote;
  private static WebClient web;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    remote = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    remote.start();
    web = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    web.close();
    remote.stop();
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    remote.resetAll();
  }

  private static boolean serverSide(Throwable t) {
    return t instanceof HttpStatusException e && e.status >= 500 || t instanceof IOException;
  }

  private static ResilienceConfig config(int attempts) {
    return ResilienceConfig.defaults("test", FutureResilienceTest::serverSide)
        .withRetry(attempts, Duration.ofMillis(10), Duration.ofMillis(40));
  }

  private static Future<String> fetch(String path) {
    return web.get(remote.port(), "127.0.0.1", path).timeout(2000).send()
        .compose(FutureResilienceTest::bodyOrFailure);
  }

  private static Future<String> bodyOrFailure(HttpResponse<Buffer> r) {
    return r.statusCode() / 100 == 2 ? Future.succeededFuture(r.bodyAsString())
        : Future.failedFuture(new HttpStatusException(r.statusCode()));
  }

  private static int requests(String path) {
    return remote.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount();
  }

  // ------------------------------------------------------------------ retry

  @Test
  void retriesExactlyTheConfiguredNumberOfAttempts() {
    remote.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
    FutureResilience resilience = FutureResilience.create(vertx, config(4));

    Throwable failure = failure(resilience.call(() -> fetch("/down")));

    assertEquals(503, assertInstanceOf(HttpStatusException.class, failure).status);
    assertEquals(4, requests("/down"));
  }

  @Test
  void twice503Then200GivesTheAnswerAfterExactlyThreeRequests() {
    remote.stubFor(get("/flaky").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("one"));
    remote.stubFor(get("/flaky").inScenario("s").whenScenarioStateIs("one")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("two"));
    remote.stubFor(get("/flaky").inScenario("s").whenScenarioStateIs("two")
        .willReturn(aResponse().withStatus(200).withBody("fine")));

    assertEquals("fine", result(FutureResilience.create(vertx, config(5)).call(() -> fetch("/flaky"))));
    assertEquals(3, requests("/flaky"));
  }

  @Test
  void nonRetryableFailureIsNotRetried() {
    remote.stubFor(get("/invalid").willReturn(aResponse().withStatus(422)));

    Throwable failure = failure(FutureResilience.create(vertx, config(5)).call(() -> fetch("/invalid")));

    assertEquals(422, assertInstanceOf(HttpStatusException.class, failure).status);
    assertEquals(1, requests("/invalid"));
  }

  @Test
  void backoffGrowsBetweenAttempts() {
    remote.stubFor(get("/down").willReturn(aResponse().withStatus(500)));
    ResilienceConfig slow = ResilienceConfig.defaults("test", FutureResilienceTest::serverSide)
        .withRetry(3, Duration.ofMillis(150), Duration.ofSeconds(1)).withBackoffShape(2.0, 0.0);
    long start = System.nanoTime();

    failure(FutureResilience.create(vertx, slow).call(() -> fetch("/down")));

    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsedMs >= 150 + 300, "waits 150 ms then 300 ms between the 3 attempts, took " + elapsedMs);
    assertEquals(3, requests("/down"));
  }

  @Test
  void attemptsRunOnTheCallersEventLoopAndNothingBlocksIt() throws Exception {
    remote.stubFor(get("/down").willReturn(aResponse().withStatus(500)));
    FutureResilience resilience = FutureResilience.create(vertx, ResilienceConfig.defaults("test",
        FutureResilienceTest::serverSide).withRetry(3, Duration.ofMillis(100), Duration.ofMillis(100)));
    List<String> attemptThreads = new CopyOnWriteArrayList<>();
    List<Long> loopTicks = new CopyOnWriteArrayList<>();
    Context context = vertx.getOrCreateContext();
    Promise<Throwable> done = Promise.promise();

    context.runOnContext(v -> {
      // a periodic timer on the same event loop keeps ticking during the backoff waits
      long ticker = vertx.setPeriodic(20, id -> loopTicks.add(id));
      resilience.call(() -> {
        attemptThreads.add(Thread.currentThread().getName() + (Context.isOnEventLoopThread() ? "" : " (NOT event loop)"));
        return fetch("/down");
      }).onComplete(ar -> {
        vertx.cancelTimer(ticker);
        done.complete(ar.cause());
      });
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(3, attemptThreads.size(), attemptThreads.toString());
    assertEquals(1, attemptThreads.stream().distinct().count(), "all attempts on one thread: " + attemptThreads);
    assertTrue(attemptThreads.get(0).contains("eventloop") && !attemptThreads.get(0).contains("NOT"),
        attemptThreads.toString());
    assertTrue(loopTicks.size() >= 5, "the event loop kept running timers during 200 ms of backoff: " + loopTicks.size());
  }

  // ------------------------------------------------------------------ circuit breaker

  private static ResilienceConfig breakerOfThree(Duration openWait) {
    return config(1).withBreaker(50f, 3, 3, openWait);
  }

  @Test
  void breakerOpensAfterFailuresFailsFastAndClosesAfterTheWait() throws Exception {
    remote.stubFor(get("/svc").willReturn(aResponse().withStatus(500)));
    FutureResilience resilience = FutureResilience.create(vertx, breakerOfThree(Duration.ofMillis(400)));

    for (int i = 0; i < 3; i++) {
      assertInstanceOf(HttpStatusException.class, failure(resilience.call(() -> fetch("/svc"))));
    }
    assertEquals(CircuitBreaker.State.OPEN, resilience.state());

    assertInstanceOf(CallNotPermittedException.class, failure(resilience.call(() -> fetch("/svc"))));
    assertEquals(3, requests("/svc"), "the refused call never reached WireMock");

    remote.stubFor(get("/svc").willReturn(aResponse().withStatus(200).withBody("back")));
    Thread.sleep(500); // the open-state wait (400 ms) passes on the JUnit thread, not on an event loop

    assertEquals("back", result(resilience.call(() -> fetch("/svc"))));
    assertEquals(CircuitBreaker.State.CLOSED, resilience.state());
    assertEquals(4, requests("/svc"));
  }

  @Test
  void openBreakerEndsARetrySequenceWithTheRealFailure() {
    remote.stubFor(get("/svc").willReturn(aResponse().withStatus(500)));
    ResilienceConfig c = config(6).withBreaker(50f, 2, 2, Duration.ofSeconds(30));
    FutureResilience resilience = FutureResilience.create(vertx, c);

    Throwable failure = failure(resilience.call(() -> fetch("/svc")));

    assertEquals(500, assertInstanceOf(HttpStatusException.class, failure).status,
        "the caller sees what went wrong, not only 'breaker open'");
    assertInstanceOf(CallNotPermittedException.class, failure.getSuppressed()[0]);
    assertEquals(2, requests("/svc"), "retries stop as soon as the breaker opens");
  }

  @Test
  void failuresOutsideThePredicateDoNotOpenTheBreaker() {
    remote.stubFor(get("/invalid").willReturn(aResponse().withStatus(422)));
    FutureResilience resilience = FutureResilience.create(vertx, breakerOfThree(Duration.ofSeconds(30)));

    for (int i = 0; i < 6; i++) {
      failure(resilience.call(() -> fetch("/invalid")));
    }

    assertEquals(CircuitBreaker.State.CLOSED, resilience.state());
    assertEquals(6, requests("/invalid"));
  }

  @Test
  void halfOpenProbeRunsBeforeTheCallAndClosesTheBreaker() throws Exception {
    remote.stubFor(get("/svc").willReturn(aResponse().withStatus(500)));
    remote.stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
    FutureResilience resilience = FutureResilience.create(vertx, breakerOfThree(Duration.ofMillis(300)))
        .withHalfOpenProbe(() -> fetch("/ping"));
    for (int i = 0; i < 3; i++) {
      failure(resilience.call(() -> fetch("/svc")));
    }
    assertEquals(0, requests("/ping"), "no probe while closed");
    remote.stubFor(get("/svc").willReturn(aResponse().withStatus(200).withBody("ok")));
    Thread.sleep(400);

    assertEquals("ok", result(resilience.call(() -> fetch("/svc"))));

    assertEquals(1, requests("/ping"));
    var events = remote.getAllServeEvents();
    // newest first: the call came right after the probe
    assertEquals("/svc", events.get(0).getRequest().getUrl());
    assertEquals("/ping", events.get(1).getRequest().getUrl());
    assertEquals(CircuitBreaker.State.CLOSED, resilience.state());
  }

  @Test
  void failedProbeKeepsTheCallAwayAndReopensTheBreaker() throws Exception {
    remote.stubFor(get("/svc").willReturn(aResponse().withStatus(500)));
    remote.stubFor(get("/ping").willReturn(aResponse().withStatus(503)));
    FutureResilience resilience = FutureResilience.create(vertx, breakerOfThree(Duration.ofMillis(300)))
        .withHalfOpenProbe(() -> fetch("/ping"));
    for (int i = 0; i < 3; i++) {
      failure(resilience.call(() -> fetch("/svc")));
    }
    Thread.sleep(400);

    Throwable failure = failure(resilience.call(() -> fetch("/svc")));

    assertEquals(503, assertInstanceOf(HttpStatusException.class, failure).status, "the probe's failure");
    assertEquals(3, requests("/svc"), "the real call was not sent");
    assertEquals(1, requests("/ping"));
    assertEquals(CircuitBreaker.State.OPEN, resilience.state());
  }

  // ------------------------------------------------------------------ config

  @Test
  void configRejectsNonsense() {
    ResilienceConfig ok = config(3);
    try {
      ok.withRetry(0, Duration.ofMillis(10), Duration.ofMillis(10));
      fail("0 attempts accepted");
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("maxAttempts"));
    }
    try {
      ok.withBackoffShape(2.0, 1.0);
      fail("jitter 1.0 accepted");
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("jitter"));
    }
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Throwable failure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
