package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the tests of documents from 1C share: the orders configuration, uploads, the job's counts, history calls. */
final class OneCDocumentsHarness {
  private OneCDocumentsHarness() {}

  /** {@code more} orders settings, merged into the harness's (its statusMap included). */
  static JsonObject orders(JsonObject more) {
    return new JsonObject().put("orders", more);
  }

  /** Uploads {@code file} as a new client does (file, then import until done) and answers the job's counts. */
  static JsonObject upload(OrdersHarness h, Path file, String name) throws Exception {
    OneCExchangeClient c = h.sale(true);
    assertEquals("success", c.upload(file, name).first());
    OneCExchangeClient.Reply imported = c.importFile(name);
    assertEquals("success", imported.first(), imported.text());
    return lastJob(h).getJsonObject("counts");
  }

  static JsonObject lastJob(OrdersHarness h) throws Exception {
    JsonArray runs = h.api().get("/api/v1/exchanges").json().getJsonArray("exchanges");
    JsonObject run = h.api().get("/api/v1/exchanges/" + runs.getJsonObject(0).getString("id")).json();
    JsonArray jobs = run.getJsonArray("jobs");
    return jobs.getJsonObject(jobs.size() - 1);
  }

  /** order id → the history_add calls the shop got for it, in order. */
  static Map<Long, List<JsonObject>> historyByOrder(OrdersHarness h) {
    return h.book.historyCalls().stream().collect(Collectors.groupingBy(c -> c.getLong("order_id"), TreeMap::new,
        Collectors.toList()));
  }

  /** Waits until no history entry (status or note) is pending or being delivered. */
  static void drained(OrdersHarness h) throws InterruptedException {
    OrdersHarness.eventually("outbox drained", () -> {
      try {
        return h.sql("SELECT count(*) FROM outbox WHERE type IN ('order.status', 'order.note')"
            + " AND status IN ('pending', 'processing')").iterator().next().getLong(0) == 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
