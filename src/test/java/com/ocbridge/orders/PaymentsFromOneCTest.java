package com.ocbridge.orders;

import static com.ocbridge.orders.OneCDocumentsHarness.drained;
import static com.ocbridge.orders.OneCDocumentsHarness.historyByOrder;
import static com.ocbridge.orders.OneCDocumentsHarness.orders;
import static com.ocbridge.orders.OneCDocumentsHarness.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.testing.Samples;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payments and shipments 1C reports, through {@code type=sale&mode=file} to {@code order.history_add}: as the
 * order's requisites (sample S#28, 2.09, the 1C-Bitrix module) and as documents of their own in CommerceML 3.1
 * {@code Контейнер}s naming their order in {@code Основание} ({@code commerceml/documents-3.1-payments.xml}, a 3.1
 * variant of S#28 with prefixed order numbers). The harness's statusMap is in force ("Отгружен" 3, "Оплачен" 2,
 * "Проведен" 15, "Выполнен" 5, ...). Every file goes up twice: the second time changes nothing.
 */
class PaymentsFromOneCTest {
  static final String S28 = "ArgentCrusade__commerceml/documents-example.xml";

  @TempDir Path dataDir;
  OrdersHarness h;

  @AfterEach
  void stop() {
    if (h != null) h.close();
  }

  private void start(JsonObject settings) throws Exception {
    h = new OrdersHarness(dataDir, "UTF-8", orders(settings));
    h.book.place(142, 1);
    h.book.place(235, 1);
    h.poll();
  }

  private Path fixture31() throws Exception {
    return Path.of(getClass().getResource("/commerceml/documents-3.1-payments.xml").toURI());
  }

  private static List<String> comments(List<JsonObject> calls) {
    return calls.stream().map(c -> c.getString("comment")).toList();
  }

  private static List<Integer> statuses(List<JsonObject> calls) {
    return calls.stream().map(c -> c.getInteger("order_status_id")).toList();
  }

  @Test
  void theRequisitesOfS28AreOneHistoryLinePerOrderWithTheStatusThePaymentAndTheShipment() throws Exception {
    start(new JsonObject());
    Path sample = Samples.file(S28);

    JsonObject counts = upload(h, sample, "documents___8c1d.xml");
    assertEquals(2, counts.getInteger("queued"), counts.encode());
    assertEquals(2, counts.getInteger("payments"));
    assertEquals(1, counts.getInteger("shipments"));
    OrdersHarness.eventually("two history lines", () -> h.book.historyCalls().size() == 2);
    List<JsonObject> o142 = historyByOrder(h).get(142L);
    assertEquals(List.of(3), statuses(o142), "statusMap: Отгружен");
    assertEquals(List.of("1С: Отгружен (документ ТДЦУ-000001)\n1С: оплата № ТДЦУ-000001 от 29.06.2015\n"
        + "1С: отгрузка № ТДЦУ-000003 от 29.06.2015"), comments(o142));
    List<JsonObject> o235 = historyByOrder(h).get(235L);
    assertEquals(List.of(2), statuses(o235), "statusMap: Оплачен");
    assertEquals(List.of("1С: Оплачен (документ ТДЦУ-000002)\n1С: оплата № ТДЦУ-000002 от 29.06.2015"),
        comments(o235));

    // the same file again, before and after the poller saw the new statuses
    JsonObject again = upload(h, sample, "documents___8c1d.xml");
    assertEquals(0, again.getInteger("queued"), again.encode());
    assertEquals(2, again.getInteger("repeated"));
    h.poll();
    JsonObject third = upload(h, sample, "documents___9e2f.xml");
    assertEquals(0, third.getInteger("queued"), third.encode());
    assertEquals(2, third.getInteger("unchanged"));
    drained(h);
    assertEquals(2, h.book.historyCalls().size());
    assertEquals(5L, h.sql("SELECT count(*) FROM order_fact").iterator().next().getLong(0),
        "two statuses, two payments and a shipment remembered");
  }

  @Test
  void paymentAndShipmentDocumentsOfA31ContainerAreNotesOnceThatKeepTheStatusAndPrefixedNumbersResolve()
      throws Exception {
    start(new JsonObject().put("numberPrefix", "OC-")); // paid/shipped status 0: notes only
    Path file = fixture31();

    JsonObject counts = upload(h, file, "documents___3c1a.xml");
    assertEquals(7, counts.getInteger("documents"), counts.encode());
    // 142: order (status), payment, shipment; 235: the order document (status and the payment in its requisites);
    // its payment document is the same payment (ТДЦУ-000125): a repeat
    assertEquals(4, counts.getInteger("queued"));
    assertEquals(1, counts.getInteger("repeated"));
    assertEquals(1, counts.getInteger("skipped"), "the payment marked for deletion");
    assertEquals(1, counts.getInteger("unknown"), "Основание OC-999");
    OrdersHarness.eventually("four history lines", () -> h.book.historyCalls().size() == 4);
    drained(h);

    List<JsonObject> o142 = historyByOrder(h).get(142L);
    assertEquals(List.of(5, 5, 5), statuses(o142),
        "the notes keep the status the order document set before them (read from the shop, not the polled 1)");
    assertEquals(List.of("1С: Выполнен (документ ТДЦУ-000011)",
            "1С: оплата № ТДЦУ-000123 от 05.12.2026 на сумму 1 500,00 RUB",
            "1С: отгрузка № ТДЦУ-000124 от 05.12.2026 на сумму 8 186,84 RUB, трек-номер 80087654321"),
        comments(o142));
    List<JsonObject> o235 = historyByOrder(h).get(235L);
    assertEquals(List.of(2), statuses(o235));
    assertEquals(List.of("1С: Оплачен (документ ТДЦУ-000012)\n1С: оплата № ТДЦУ-000125 от 05.12.2026"),
        comments(o235));
    assertEquals(5, h.book.get(142).getInteger("order_status_id"));
    JsonObject error = OneCDocumentsHarness.lastJob(h).getJsonArray("errors").getJsonObject(0);
    assertEquals("order", error.getString("what"));
    assertEquals("f0e1d2c3-d2c7-11f1-8e37-0050569f2a10", error.getString("id"));

    JsonObject again = upload(h, file, "documents___3c1a.xml");
    assertEquals(0, again.getInteger("queued"), again.encode());
    assertEquals(5, again.getInteger("repeated"));
    drained(h);
    assertEquals(4, h.book.historyCalls().size());
  }

  @Test
  void paidAndShippedStatusIdsApplyAndALatePaymentDoesNotMoveAShippedOrderBack() throws Exception {
    start(new JsonObject().put("numberPrefix", "OC-").put("paidStatusId", 2).put("shippedStatusId", 3));
    // the order document of 142 maps to no status here: another status name, and "Проведён" is no statusMap key
    String text = Files.readString(fixture31(), StandardCharsets.UTF_8)
        .replace("<Значение>Выполнен</Значение>", "<Значение>Собран</Значение>")
        .replace("<Наименование>Проведен</Наименование>", "<Наименование>Проведён</Наименование>");
    Path file = dataDir.resolve("documents-3.1.xml");
    Files.writeString(file, text, StandardCharsets.UTF_8);

    JsonObject counts = upload(h, file, "documents___3c1b.xml");
    assertEquals(1, counts.getInteger("unmapped"), counts.encode());
    OrdersHarness.eventually("three history lines", () -> h.book.historyCalls().size() == 3);
    drained(h);
    List<JsonObject> o142 = historyByOrder(h).get(142L);
    assertEquals(List.of(2, 3), statuses(o142), "orders.paidStatusId, then orders.shippedStatusId");
    assertEquals(3, h.book.get(142).getInteger("order_status_id"));

    // a payment 1C books after the shipment: a note, the order stays shipped
    h.poll();
    int operation = text.indexOf("Выплата безналичных денег");
    String payment = text.substring(text.lastIndexOf("<Документ>", operation),
        text.indexOf("</Документ>", operation) + "</Документ>".length());
    String late = text.substring(0, text.indexOf("<Контейнер>")) + "<Контейнер>"
        + payment.replace("ТДЦУ-000123", "ТДЦУ-000200").replace("1500.00", "200.00")
        + "</Контейнер></КоммерческаяИнформация>";
    Path latePayment = dataDir.resolve("late.xml");
    Files.writeString(latePayment, late, StandardCharsets.UTF_8);
    assertEquals(1, upload(h, latePayment, "documents___3c1c.xml").getInteger("queued"));
    OrdersHarness.eventually("the late payment", () -> h.book.historyCalls().size() == 4);
    JsonObject note = historyByOrder(h).get(142L).get(2);
    assertEquals(3, note.getInteger("order_status_id"));
    assertEquals("1С: оплата № ТДЦУ-000200 от 05.12.2026 на сумму 200,00 RUB", note.getString("comment"));
  }
}
