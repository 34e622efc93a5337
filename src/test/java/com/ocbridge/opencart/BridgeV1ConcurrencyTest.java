package com.ocbridge.opencart;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.opencart.model.ShopInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static com.ocbridge.opencart.Await.result;
import static com.ocbridge.opencart.BridgeStubs.data;
import static com.ocbridge.opencart.BridgeStubs.get;
import static com.ocbridge.opencart.BridgeStubs.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code opencart.concurrency}: WireMock counts the requests it serves at the same moment
 * ({@link InFlightCounter} holds each one for 250 ms), and never sees more than the limit.
 */
class BridgeV1ConcurrencyTest {

  private static Vertx vertx;
  private static WireMockServer shop;
  private static final InFlightCounter counter = new InFlightCounter();

  @BeforeAll
  static void startShop() {
    vertx = Vertx.vertx();
    shop = BridgeStubs.startServer(counter);
  }

  @AfterAll
  static void stopShop() {
    shop.stop();
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    shop.resetAll();
    counter.reset(250);
    shop.stubFor(get("ping").willReturn(data(resource("ping.json")).withTransformers(InFlightCounter.NAME)));
  }

  /**
   * The upper bound is the property; reaching it exactly shows that the counter does see
   * overlapping requests (the limit 5 case would fail if the counter could not count past 2).
   */
  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 2, 5})
  void neverMoreThanTheConfiguredRequestsInFlight(int concurrency) {
    OpenCartClient client = OpenCartClients.create(vertx, "bridge-v1",
        BridgeStubs.settings(shop).withConcurrency(concurrency));
    try {
      List<Future<ShopInfo>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(client.ping());
      }
      result(Future.all(calls));

      assertEquals(10, counter.total(), "every call reached the shop");
      assertEquals(concurrency, counter.max(),
          "at most " + concurrency + " requests in flight (and the limit was used)");
    } finally {
      client.close();
    }
  }
}
