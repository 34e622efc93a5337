package com.ocbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.Samples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status changes from 1C reach the shop as {@code order.history_add}, through the outbox: the real order documents
 * 1C sends (S#28 from the 1C-Bitrix module, 2.09; S#29 УНФ-style, 2.08) uploaded by the protocol client as a new
 * client (file + import job) and as an old one (parsed in the file request), and {@code POST /orders/{id}/status}.
 */
class StatusFromOneCTest {
  static final String S28 = "ArgentCrusade__commerceml/documents-example.xml";
  static final String S29 = "dicrtarasov__yii2-exchange1c/orders.xml";

  @TempDir Path dataDir;
  OrdersHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OrdersHarness(dataDir, "windows-1251");
    // the orders the samples talk about, as the shop has them before 1C's answer
    h.book.place(142, 1);
    h.book.place(235, 1);
    h.book.place(13838, 2);
    h.poll();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Map<Long, Integer> historyCalls() {
    return h.book.historyCalls().stream().collect(Collectors.toMap(c -> c.getLong("order_id"),
        c -> c.getInteger("order_status_id"), (a, b) -> -1));
  }

  private long openStatusEntries() throws Exception {
    return h.sql("SELECT count(*) FROM outbox WHERE type = 'order.status' AND status IN ('pending', 'processing')")
        .iterator().next().getLong(0);
  }

  private JsonObject lastJob(ApiClient api) throws Exception {
    JsonArray runs = api.get("/api/v1/exchanges").json().getJsonArray("exchanges");
    JsonObject run = api.get("/api/v1/exchanges/" + runs.getJsonObject(0).getString("id")).json();
    JsonArray jobs = run.getJsonArray("jobs");
    return jobs.getJsonObject(jobs.size() - 1);
  }

  @Test
  void theBitrixModuleDocumentsSetShippedAndPaidAndTheSameFileTwiceChangesNothing() throws Exception {
    Path sample = Samples.file(S28);
    OneCExchangeClient c = h.sale(true);
    assertEquals("success", c.upload(sample, "documents___8c1d.xml").first());
    OneCExchangeClient.Reply imported = c.importFile("documents___8c1d.xml");
    assertEquals("success", imported.first(), imported.text());

    // 142 has a shipment date from 1C (→ "Отгружен" → 3), 235 only a payment date (→ "Оплачен" → 2)
    OrdersHarness.eventually("two history lines", () -> h.book.historyCalls().size() == 2);
    assertEquals(Map.of(142L, 3, 235L, 2), historyCalls());
    assertEquals(3, h.book.get(142).getInteger("order_status_id"));
    assertEquals(false, h.book.historyCalls().get(0).getBoolean("notify"));
    assertTrue(h.book.historyCalls().stream().anyMatch(call -> call.getString("comment").contains("ТДЦУ-000001")),
        "the comment names 1C's document");
    JsonObject job = lastJob(h.api());
    assertEquals(2, job.getJsonObject("counts").getInteger("queued"));
    assertEquals(2, job.getJsonObject("counts").getInteger("documents"));

    // the same file again, before and after the poller saw the new statuses: nothing more reaches the shop
    assertEquals("success", c.upload(sample, "documents___8c1d.xml").first());
    assertEquals("success", c.importFile("documents___8c1d.xml").first());
    assertEquals(2, lastJob(h.api()).getJsonObject("counts").getInteger("repeated"));
    h.poll();
    OneCExchangeClient again = h.sale(true);
    again.upload(sample, "documents___9e2f.xml");
    assertEquals("success", again.importFile("documents___9e2f.xml").first());
    assertEquals(2, lastJob(h.api()).getJsonObject("counts").getInteger("unchanged"));
    OrdersHarness.eventually("outbox drained", () -> {
      try {
        return openStatusEntries() == 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(2, h.book.historyCalls().size());
  }

  @Test
  void anOldClientsUploadIsAppliedInTheSameRequest() throws Exception {
    OneCExchangeClient old = h.sale(false); // no version on init: parse in the file request
    OneCExchangeClient.Reply reply = old.upload(Samples.file(S29), "orders.xml");
    assertEquals("success", reply.first(), reply.text());
    assertTrue(reply.text().contains("в очереди: 1"), reply.text());
    // S#29 carries 1C's own GUID as Ид and the site number 13838 as Номер; its status name "Отправлен" wins over
    // the posted/paid/shipped flags it also carries
    OrdersHarness.eventually("history line", () -> h.book.historyCalls().size() == 1);
    assertEquals(Map.of(13838L, 3), historyCalls());
  }

  @Test
  void unknownOrdersArePerItemErrorsAndTheRestOfTheFileApplies() throws Exception {
    String text = Files.readString(Samples.file(S28), StandardCharsets.UTF_8)
        .replace("<Ид>235</Ид>", "<Ид>777235</Ид>").replace("<Номер>235</Номер>", "<Номер>777235</Номер>");
    Path file = dataDir.resolve("documents-unknown.xml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    OneCExchangeClient c = h.sale(true);
    c.upload(file, "documents-unknown.xml");
    assertEquals("success", c.importFile("documents-unknown.xml").first());
    JsonObject job = lastJob(h.api());
    assertEquals(1, job.getJsonObject("counts").getInteger("unknown"));
    assertEquals(1, job.getJsonObject("counts").getInteger("queued"));
    JsonObject error = job.getJsonArray("errors").getJsonObject(0);
    assertEquals("order", error.getString("what"));
    assertEquals("777235", error.getString("id"));
    OrdersHarness.eventually("the known order changed", () -> h.book.historyCalls().size() == 1);
    assertEquals(Map.of(142L, 3), historyCalls());
  }

  @Test
  void theStatusApiQueuesOnceAndAnswersForUnknownOrdersAndStatuses() throws Exception {
    ApiClient api = h.api();
    ApiClient.Answer first = api.postJson("/api/v1/orders/142/status", "{\"status\":\"Выполнен\",\"comment\":\"Закрыт в 1С\"}");
    assertEquals(202, first.status(), first.body());
    ApiClient.Answer repeat = api.postJson("/api/v1/orders/142/status", "{\"status\":\"Выполнен\",\"comment\":\"Закрыт в 1С\"}");
    assertEquals(202, repeat.status());
    assertEquals(first.json().getLong("queueId"), repeat.json().getLong("queueId"), "the same request is one change");
    OrdersHarness.eventually("history line", () -> h.book.historyCalls().size() == 1);
    JsonObject call = h.book.historyCalls().get(0);
    assertEquals(5, call.getInteger("order_status_id"));
    assertEquals("Закрыт в 1С", call.getString("comment"));

    assertEquals(404, api.postJson("/api/v1/orders/999/status", "{\"status\":\"Выполнен\"}").status());
    ApiClient.Answer unmapped = api.postJson("/api/v1/orders/142/status", "{\"status\":\"Неизвестный\"}");
    assertEquals(422, unmapped.status());
    assertEquals("unprocessable", unmapped.errorCode());
    assertEquals(400, api.postJson("/api/v1/orders/142/status", "{\"comment\":\"no status\"}").status());
  }

  @Test
  void aShopOutageIsRetriedAndAnUnknownStatusIsADeadLetterWithTheShopsMessage() throws Exception {
    StubMapping down = h.shop.stubFor(OrderBookStub.op(post(urlPathEqualTo("/index.php")), "order.history_add")
        .atPriority(1).willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
    ApiClient api = h.api();
    long id = api.postJson("/api/v1/orders/235/status", "{\"status\":\"Оплачен\"}").json().getLong("queueId");
    OrdersHarness.eventually("a failed attempt", () -> attempts(id) >= 1 && "pending".equals(entry(id).getString("status")));
    h.shop.removeStub(down);
    OrdersHarness.eventually("delivered after the outage", () -> "done".equals(entry(id).getString("status")));
    assertEquals(Map.of(235L, 2), historyCalls());

    long bad = api.postJson("/api/v1/orders/235/status", "{\"status\":\"99\"}").json().getLong("queueId");
    OrdersHarness.eventually("dead letter", () -> "failed".equals(entry(bad).getString("status")));
    assertTrue(entry(bad).getString("last_error").contains("Unknown order status 99"), entry(bad).encode());
  }

  private JsonObject entry(long id) {
    try {
      Row r = h.sql("SELECT status, attempts, last_error FROM outbox WHERE id = $1", id).iterator().next();
      return new JsonObject().put("status", r.getString("status")).put("attempts", r.getInteger("attempts"))
          .put("last_error", r.getString("last_error"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int attempts(long id) {
    return entry(id).getInteger("attempts");
  }

}
