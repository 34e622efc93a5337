package com.ocbridge.stock;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.StubShopServer;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench-stock}: 10,000 stock lines in one POST against a stub shop that answers instantly; time from
 * sending the request to the shop's last answer, and the number of shop calls. Linked SKUs (the catalog sync's
 * link table) go by product id; unlinked ones by SKU. Several rounds with new quantities each time, median shown.
 */
@Tag("benchmark")
class StockBenchmark {
  @TempDir Path dataDir;

  @Test
  void tenThousandLines() throws Exception {
    int lines = Integer.getInteger("bench.lines", 10_000);
    int rounds = Integer.getInteger("bench.rounds", 7);
    try (StubShopServer shop = new StubShopServer()) {
      JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
          .put("opencart", new JsonObject().put("baseUrl", shop.baseUrl()).put("apiUsername", "b").put("apiKey", "k"));
      BridgeApp app = new BridgeApp(TestConfig.load(config));
      app.start().await(60, TimeUnit.SECONDS);
      try {
        List<Tuple> links = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
          links.add(Tuple.of("guid-" + i, (long) (1000 + i), "SKU-" + i, BigDecimal.ZERO, new BigDecimal("10.00")));
        }
        app.pool().preparedQuery("INSERT INTO catalog_product (external_id, product_id, sku, quantity, price) VALUES ($1,$2,$3,$4,$5)")
            .executeBatch(links).await(60, TimeUnit.SECONDS);
        ApiClient api = new ApiClient(app.httpPort(), TestConfig.API_TOKEN);
        report("linked SKUs (by product id)", api, shop, lines, rounds, "SKU-");
        report("unlinked SKUs (shop's SKU lookup)", api, shop, lines, rounds, "OTHER-");
      } finally {
        app.stop(Duration.ofSeconds(30));
      }
    }
  }

  private static void report(String label, ApiClient api, StubShopServer shop, int lines, int rounds, String prefix)
      throws Exception {
    List<Double> toLastCall = new ArrayList<>();
    List<Double> toAnswer = new ArrayList<>();
    long calls = 0;
    for (int round = 0; round < rounds; round++) {
      JsonArray items = new JsonArray();
      for (int i = 0; i < lines; i++) items.add(new JsonObject().put("sku", prefix + i).put("qty", round + 1 + i % 50));
      String body = items.encode();
      shop.resetCounts();
      long start = System.nanoTime();
      ApiClient.Answer answer = api.postJson("/api/v1/stock", body);
      long end = System.nanoTime();
      if (answer.status() != 200 || answer.json().getInteger("updated") != lines) {
        throw new AssertionError("unexpected answer: " + answer.body().substring(0, Math.min(300, answer.body().length())));
      }
      calls = shop.totalCalls();
      toLastCall.add((shop.lastAnswerNanos() - start) / 1e6);
      toAnswer.add((end - start) / 1e6);
    }
    // the first round warms the JIT; report the median of the others
    List<Double> last = new ArrayList<>(toLastCall.subList(1, rounds));
    List<Double> all = new ArrayList<>(toAnswer.subList(1, rounds));
    Collections.sort(last);
    Collections.sort(all);
    System.out.printf("BENCH stock %s: %d lines, %d shop calls, request→last shop call median %.0f ms (best %.0f, worst %.0f),"
            + " request→answer median %.0f ms; first (cold) round %.0f ms%n", label, lines, calls,
        last.get(last.size() / 2), last.get(0), last.get(last.size() - 1), all.get(all.size() / 2), toLastCall.get(0));
  }
}
