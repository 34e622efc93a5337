package com.ocbridge.onec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ocbridge.onec.OneCReply.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client alone against WireMock stubs of 1C's orders service, over real sockets. */
class OneCOrdersClientTest {
  static Vertx vertx;
  static OneCStub onec;
  OneCOrdersClient client;

  @BeforeAll
  static void startAll() {
    vertx = Vertx.vertx();
    onec = new OneCStub();
  }

  @AfterAll
  static void stopAll() {
    onec.close();
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    onec.reset();
  }

  @AfterEach
  void closeClient() {
    if (client != null) client.close();
  }

  OneCOrdersClient client(OneCPushSettings settings) {
    client = new OneCOrdersClient(vertx, settings);
    return client;
  }

  static OneCPushSettings.Breaker quickBreaker() {
    return new OneCPushSettings.Breaker(4, 2, 50f, Duration.ofMillis(300));
  }

  @Test
  void sendsTheContractRequestAndARepeatIsHarmless() {
    onec.acceptOrders();
    OneCOrdersClient c = client(onec.settings());
    OneCReply first = c.pushOrder(Orders.order(10452), Orders.key(10452)).await();
    assertEquals(Kind.DELIVERED, first.kind(), first.message());
    assertEquals(201, first.status());
    assertEquals("ЦБ-10452", first.body().getJsonObject("onec").getString("number"));

    LoggedRequest request = onec.orderRequests().get(0);
    assertEquals(OneCStub.AUTHORIZATION, request.getHeader("Authorization"), "Basic from UTF-8 bytes");
    assertEquals("opencart:0:10452", request.getHeader("Idempotency-Key"));
    UUID.fromString(request.getHeader("X-Request-Id"));
    JsonObject body = new JsonObject(request.getBodyAsString());
    assertEquals(1, body.getInteger("schemaVersion"));
    assertEquals("10452", body.getString("siteOrderId"));
    assertEquals("1850.00", body.getJsonObject("totals").getString("total"), "money as decimal strings");
    assertEquals("Москва", body.getJsonObject("delivery").getJsonObject("address").getString("city"));
    assertEquals("позвонить за час", body.getString("comment"), "control characters are not sent into 1C");
    assertTrue(body.getString("payloadHash").matches("sha256:[0-9a-f]{64}"), body.getString("payloadHash"));

    OneCReply again = c.pushOrder(Orders.order(10452), Orders.key(10452)).await();
    assertEquals(Kind.DELIVERED, again.kind(), again.message());
    assertEquals(200, again.status(), "same hash on the repeat, so 1C answers exists");
    assertEquals("exists", again.body().getString("status"));
    assertEquals(List.of("opencart:0:10452"), onec.created());
  }

  @Test
  void aChangedOrderUnderTheSameKeyIsRejected() {
    onec.acceptOrders();
    OneCOrdersClient c = client(onec.settings());
    assertEquals(Kind.DELIVERED, c.pushOrder(Orders.order(7), Orders.key(7)).await().kind());
    OneCReply changed = c.pushOrder(Orders.order(7, "B-200"), Orders.key(7)).await();
    assertEquals(Kind.REJECTED, changed.kind());
    assertTrue(changed.message().startsWith("ORDER_CHANGED"), changed.message());
    assertEquals(CircuitBreaker.State.CLOSED, c.breakerState(), "business errors do not trip the breaker");
  }

  @Test
  void aRefusedConnectionIsTransient() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OneCPushSettings settings = OneCPushSettings.defaults(URI.create("http://127.0.0.1:" + port + "/hs/site/v1"),
        OneCStub.USER, OneCStub.PASSWORD);
    OneCReply reply = client(settings).pushOrder(Orders.order(1), Orders.key(1)).await();
    assertEquals(Kind.TRANSIENT, reply.kind());
    assertEquals(0, reply.status());
    assertTrue(reply.message().startsWith("no answer from 1C"), reply.message());
  }

  @Test
  void aTimeoutIsTransientAndTheRetryFindsTheOrderThere() {
    onec.acceptOrders();
    onec.delayFirst(Orders.key(5), 1_500);
    OneCOrdersClient c = client(onec.settings().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
    long started = System.nanoTime();
    OneCReply timedOut = c.pushOrder(Orders.order(5), Orders.key(5)).await();
    assertEquals(Kind.TRANSIENT, timedOut.kind(), timedOut.message());
    assertTrue((System.nanoTime() - started) / 1_000_000 < 1_200, "did not wait for the slow answer");
    OneCReply retried = c.pushOrder(Orders.order(5), Orders.key(5)).await();
    assertEquals(Kind.DELIVERED, retried.kind());
    assertEquals("exists", retried.body().getString("status"), "the first attempt had reached 1C");
    assertEquals(List.of(Orders.key(5)), onec.created());
  }

  @Test
  void atMostMaxConcurrentRequestsAtATime() {
    onec.server.stubFor(OneCStub.orderPost().willReturn(OneCStub.json(201, OneCFixtures.created("1"))
        .withFixedDelay(200)));
    OneCOrdersClient c = client(onec.settings());
    AtomicInteger peak = new AtomicInteger();
    long timer = vertx.setPeriodic(5, t -> peak.accumulateAndGet(c.inFlight(), Math::max));
    long started = System.nanoTime();
    List<Future<OneCReply>> all = new ArrayList<>();
    for (int i = 1; i <= 6; i++) all.add(c.pushOrder(Orders.order(i), Orders.key(i)));
    Future.all(all).await();
    long ms = (System.nanoTime() - started) / 1_000_000;
    vertx.cancelTimer(timer);
    assertTrue(all.stream().allMatch(f -> f.result().kind() == Kind.DELIVERED));
    assertTrue(ms >= 580, "6 requests of 200 ms, 2 at a time, need 3 rounds; took " + ms + " ms");
    assertEquals(2, peak.get(), "peak requests in flight");
  }

  @Test
  void theBreakerOpensStopsCallingAndClosesAfterAPingPasses() throws Exception {
    onec.server.stubFor(OneCStub.orderPost().willReturn(OneCStub.html(503, OneCFixtures.GATEWAY_503_HTML)));
    onec.server.stubFor(get(OneCStub.PING).willReturn(OneCStub.html(503, OneCFixtures.GATEWAY_503_HTML)));
    OneCOrdersClient c = client(onec.settings().withBreaker(quickBreaker()));
    assertEquals(Kind.TRANSIENT, c.pushOrder(Orders.order(1), Orders.key(1)).await().kind());
    assertEquals(Kind.TRANSIENT, c.pushOrder(Orders.order(1), Orders.key(1)).await().kind());
    assertEquals(CircuitBreaker.State.OPEN, c.breakerState());

    OneCReply held = c.pushOrder(Orders.order(1), Orders.key(1)).await();
    assertEquals(Kind.BREAKER_OPEN, held.kind());
    assertTrue(held.retryAfter().toMillis() > 0 && held.retryAfter().toMillis() <= 300, "" + held.retryAfter());
    assertEquals(2, onec.orderRequests().size(), "nothing sent while open");

    Thread.sleep(350);
    assertEquals(Kind.BREAKER_OPEN, c.pushOrder(Orders.order(1), Orders.key(1)).await().kind(), "probe failed");
    assertEquals(1, onec.pings(), "half-open probes with ping, not with the order");
    assertEquals(2, onec.orderRequests().size());
    assertEquals(CircuitBreaker.State.OPEN, c.breakerState());

    onec.server.resetAll();
    onec.acceptOrders();
    Thread.sleep(350);
    OneCReply delivered = c.pushOrder(Orders.order(1), Orders.key(1)).await();
    assertEquals(Kind.DELIVERED, delivered.kind(), delivered.message());
    assertEquals(CircuitBreaker.State.CLOSED, c.breakerState());
    assertEquals(1, onec.pings(), "after the reset: one probe, then the order");
  }

  @Test
  void unauthorizedOpensTheBreakerAtOnce() {
    onec.server.stubFor(OneCStub.orderPost().willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Basic realm=\"1C\"")));
    OneCOrdersClient c = client(onec.settings().withBreaker(quickBreaker()));
    OneCReply reply = c.pushOrder(Orders.order(1), Orders.key(1)).await();
    assertEquals(Kind.CONFIG, reply.kind());
    assertEquals(CircuitBreaker.State.OPEN, c.breakerState(), "one 401 is enough: retrying burns sessions");
    assertFalse(reply.message().contains(OneCStub.PASSWORD), "never the password");
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertFalse(onec.settings().toString().contains(OneCStub.PASSWORD));
  }
}
