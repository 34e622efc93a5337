package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/orders/handover}: each order's state with 1C (waiting, handed, confirmed) and the status changes
 * received for it with their result in the shop, after a real {@code type=sale} exchange and a status change.
 */
class OrderHandoverApiTest {
  @TempDir Path dataDir;

  @Test
  void ordersShowWhereTheyStandWith1CAndTheStatusChangesReceived() throws Exception {
    try (OrdersHarness h = new OrdersHarness(dataDir, "UTF-8")) {
      h.book.place(1, 1);
      h.book.place(2, 2);
      h.poll();
      ApiClient api = h.api();
      assertEquals(JsonArray.of("waiting", "waiting"), states(api.get("/api/v1/orders/handover").json()));

      OneCExchangeClient c = h.sale(false);
      assertEquals(2, h.read(c.call("query", "")).size());
      JsonObject handed = api.get("/api/v1/orders/handover").json();
      assertEquals(JsonArray.of("handed", "handed"), states(handed));
      assertNotNull(handed.getJsonArray("orders").getJsonObject(0).getString("at"));
      assertEquals("success", c.call("success", "").first());

      h.book.place(3, 1); // placed after the exchange: waiting
      h.poll();
      ApiClient.Answer queued = api.postJson("/api/v1/orders/2/status", "{\"status\":\"Отгружен\",\"comment\":\"Передан в доставку\"}");
      assertEquals(202, queued.status(), queued.body());
      long entry = queued.json().getLong("queueId");
      OrdersHarness.eventually("the status change delivered", () -> {
        try {
          return "done".equals(api.get("/api/v1/outbox?status=done").json().getJsonArray("entries").stream()
              .map(JsonObject.class::cast).filter(e -> e.getLong("id") == entry).findFirst()
              .map(e -> e.getString("status")).orElse(null));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });

      JsonObject view = api.get("/api/v1/orders/handover?limit=10").json();
      assertEquals(JsonArray.of("waiting", "confirmed", "confirmed"), states(view), view.encode());
      JsonObject two = view.getJsonArray("orders").getJsonObject(1);
      assertEquals(2L, two.getLong("id"));
      assertEquals("2", two.getString("number"));
      JsonArray changes = two.getJsonArray("statusChanges");
      assertEquals(1, changes.size(), two.encode());
      assertEquals(3, changes.getJsonObject(0).getInteger("statusId"));
      assertEquals("done", changes.getJsonObject(0).getString("result"));
      assertEquals("api", changes.getJsonObject(0).getString("source"));
      assertEquals(0, view.getJsonArray("orders").getJsonObject(0).getJsonArray("statusChanges").size());

      assertEquals(1, api.get("/api/v1/orders/handover?limit=1").json().getJsonArray("orders").size());
      ApiClient.Answer bad = api.get("/api/v1/orders/handover?limit=0");
      assertEquals(400, bad.status(), bad.body());
      assertEquals("bad_request", bad.errorCode());
      assertEquals(401, new ApiClient(h.app.httpPort(), null).get("/api/v1/orders/handover").status());
    }
  }

  private static JsonArray states(JsonObject view) {
    JsonArray states = new JsonArray();
    view.getJsonArray("orders").forEach(o -> states.add(((JsonObject) o).getString("state")));
    return states;
  }
}
