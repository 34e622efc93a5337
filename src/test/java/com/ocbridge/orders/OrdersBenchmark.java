package com.ocbridge.orders;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.StubShopServer;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench-orders}: 10,000 orders in a stub shop that answers {@code order.list} instantly (from the
 * same generator and list semantics as the tests' shop). Measured from the moment the poller is told to poll until
 * all orders are in Postgres, then until a {@code mode=query} through the protocol (real socket, real client) has
 * returned them all, read back with the reader. Each round is a fresh service and database; the first round is
 * cold (JIT), later ones warm.
 */
@Tag("benchmark")
class OrdersBenchmark {
  @TempDir Path dataDir;
  private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();

  @Test
  void tenThousandOrders() throws Exception {
    int count = Integer.getInteger("bench.orders", 10_000);
    int rounds = Integer.getInteger("bench.rounds", 2);
    OrderBook book = new OrderBook();
    for (long id = 1; id <= count; id++) book.place(id, (int) (id % 2) + 1);
    try (StubShopServer shop = new StubShopServer()) {
      shop.answer("order.list", params -> {
        if (!open.get()) return new JsonObject().put("items", new JsonArray()).put("total", 0).put("page", 1).put("limit", 100);
        Map<String, String> q = new HashMap<>();
        params.forEach(e -> q.put(e.getKey(), String.valueOf(e.getValue())));
        return book.list(q);
      }).answer("order_status.list", params -> book.statusList());
      for (int round = 1; round <= rounds; round++) {
        round(round, count, shop);
      }
    }
  }

  private void round(int round, int count, StubShopServer shop) throws Exception {
    Path dir = Files.createDirectories(dataDir.resolve("r" + round));
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dir)
        .put("opencart", new JsonObject().put("baseUrl", shop.baseUrl()).put("apiUsername", "b").put("apiKey", "k"))
        .put("orders", new JsonObject().put("pollSeconds", 3600).put("statusIds", new JsonArray().add(1).add(2))
            .put("since", OrderBook.SINCE));
    BridgeApp app = new BridgeApp(TestConfig.load(config));
    // the shop shows its orders only from t0: the poll the service makes at start-up finds none
    open.set(false);
    app.start().await(60, TimeUnit.SECONDS);
    try {
      app.orders().poller().pollNow().await(60, TimeUnit.SECONDS);
      open.set(true);
      shop.resetCounts();
      long t0 = System.nanoTime();
      OrderPoller.PollResult poll = app.orders().poller().pollNow().await(300, TimeUnit.SECONDS);
      long stored = app.pool().query("SELECT count(*) FROM shop_order").execute().await().iterator().next().getLong(0);
      long t1 = System.nanoTime();
      long listCalls = shop.calls("order.list");
      OneCExchangeClient c = new OneCExchangeClient("http://127.0.0.1:" + app.httpPort() + "/1c/exchange", "sale", true);
      c.checkauth(TestConfig.USER, TestConfig.PASSWORD);
      c.init();
      OneCExchangeClient.Reply query = c.call("query", "");
      long t2 = System.nanoTime();
      int returned = countDocuments(query.body(), dir);
      long t3 = System.nanoTime();
      String success = c.call("success", "").first();
      long t4 = System.nanoTime();
      OrderPoller.PollResult again = app.orders().poller().pollNow().await(60, TimeUnit.SECONDS);
      long t5 = System.nanoTime();
      if (stored != count || returned != count || !success.equals("success")) {
        throw new AssertionError("stored " + stored + ", query returned " + returned + ", success " + success);
      }
      System.out.printf("BENCH orders round=%d (%s) orders=%d pages=%d shopCalls=%d%n", round,
          round == 1 ? "cold" : "warm", count, poll.pages(), listCalls);
      System.out.printf("BENCH   poll→all in Postgres      %7.0f ms (%.0f orders/s)%n", ms(t0, t1), count / (ms(t0, t1) / 1000));
      System.out.printf("BENCH   query (batch + %,d bytes) %7.0f ms%n", query.body().length, ms(t1, t2));
      System.out.printf("BENCH   poller start→query served %7.0f ms  (goal < 30000)%n", ms(t0, t2));
      System.out.printf("BENCH   reading the answer back   %7.0f ms (reader, in the benchmark, not counted)%n", ms(t2, t3));
      System.out.printf("BENCH   success                   %7.0f ms%n", ms(t3, t4));
      System.out.printf("BENCH   re-poll (overlap, no-ops) %7.0f ms read=%d changed=%d%n", ms(t4, t5), again.read(),
          again.created() + again.changed());
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  private static int countDocuments(byte[] body, Path dir) throws Exception {
    Path file = dir.resolve("query.xml");
    Files.write(file, body);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      int[] n = {0};
      new com.ocbridge.commerceml.CommerceMlReader().read(vertx, file, r -> {
        n[0]++;
        return io.vertx.core.Future.succeededFuture();
      }).await(120, TimeUnit.SECONDS);
      return n[0];
    } finally {
      vertx.close().await();
    }
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }
}
