package com.ocbridge.orders;

import static com.ocbridge.orders.OneCDocumentsHarness.drained;
import static com.ocbridge.orders.OneCDocumentsHarness.orders;
import static com.ocbridge.orders.OneCDocumentsHarness.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An order 1C changed: 1C received it through query/success, an operator removed a line, and 1C sends the order
 * document back. The shop gets one note that lists the change, against the version 1C confirmed, and only once.
 */
class OrderChangesFromOneCTest {
  @TempDir Path dataDir;
  OrdersHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OrdersHarness(dataDir, "UTF-8", orders(new JsonObject().put("statusMap", new JsonObject()
        .put("Выполнен", 5))));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** The order as 1C received it: query, then success. */
  private OrderDocument handOver(long id) throws Exception {
    h.book.place(id, 1);
    h.poll();
    OneCExchangeClient c = h.sale(true);
    List<OrderDocument> docs = h.read(c.call("query", ""));
    assertEquals("success", c.call("success", "").first());
    return docs.stream().filter(d -> d.id().equals(Long.toString(id))).findFirst().orElseThrow();
  }

  @Test
  void aLineRemovedIn1CIsOneNoteListingItAndTheNewTotal() throws Exception {
    OrderDocument sent = handOver(142);
    OrderLine removed = sent.lines().get(0);
    List<OrderLine> kept = sent.lines().subList(1, sent.lines().size());
    assertEquals(OrderLine.DELIVERY_ID, kept.get(kept.size() - 1).id(), "142 has two goods lines and a delivery");
    BigDecimal total = sent.sum().subtract(removed.sum());
    Path file = dataDir.resolve("changed.xml");
    Files.writeString(file, document(sent, "ТДЦУ-000777", kept, total), StandardCharsets.UTF_8);

    JsonObject counts = upload(h, file, "documents___c1.xml");
    assertEquals(1, counts.getInteger("queued"), counts.encode());
    assertEquals(1, counts.getInteger("contentChanges"));
    OrdersHarness.eventually("a history line", () -> h.book.historyCalls().size() == 1);
    JsonObject call = h.book.historyCalls().get(0);
    assertEquals("1С: заказ изменён (документ ТДЦУ-000777):\n"
        + "— удалена позиция «" + removed.name() + "» (" + NoteText.quantity(removed.quantity()) + " шт.);\n"
        + "— сумма заказа " + NoteText.money(sent.sum()) + " → " + NoteText.money(total) + " RUB",
        call.getString("comment"));
    assertEquals(1, call.getInteger("order_status_id"), "a note: the status stays");

    assertEquals(0, upload(h, file, "documents___c1.xml").getInteger("queued"), "the same document again");
    drained(h);
    assertEquals(1, h.book.historyCalls().size());
  }

  @Test
  void anUnchangedDocumentOrAnOrderChangedInTheShopSinceIsNoContentNote() throws Exception {
    OrderDocument sent = handOver(143);
    Path same = dataDir.resolve("same.xml");
    Files.writeString(same, document(sent, "ТДЦУ-000778", sent.lines(), sent.sum()), StandardCharsets.UTF_8);
    assertEquals(0, upload(h, same, "documents___c2.xml").getInteger("queued"));

    // the shop changes the order: 1C's older view differs from the stored one, but that is the shop's change
    h.book.addOneOfFirstLine(143);
    h.poll();
    Path older = dataDir.resolve("older.xml");
    Files.writeString(older, document(sent, "ТДЦУ-000778", sent.lines().subList(1, sent.lines().size()),
        sent.sum()), StandardCharsets.UTF_8);
    assertEquals(0, upload(h, older, "documents___c3.xml").getInteger("queued"));
    drained(h);
    assertEquals(0, h.book.historyCalls().size());
  }

  /** An order document as 1C sends it back (2.09, like sample S#28), with the given lines and total. */
  static String document(OrderDocument sent, String number1C, List<OrderLine> lines, BigDecimal total) {
    assertNotNull(sent.sum());
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.09" ДатаФормирования="2026-12-05T12:00:00">
          <Документ>
        """);
    xml.append("    <Ид>").append(sent.id()).append("</Ид>\n    <НомерВерсии>AAAAEAAAAAA=</НомерВерсии>\n")
        .append("    <Номер>").append(sent.number()).append("</Номер>\n    <Номер1С>").append(number1C)
        .append("</Номер1С>\n    <Дата>2026-12-05</Дата>\n    <ХозОперация>Заказ товара</ХозОперация>\n")
        .append("    <Валюта>RUB</Валюта>\n    <Курс>1</Курс>\n    <Сумма>").append(total.toPlainString())
        .append("</Сумма>\n    <Роль>Продавец</Роль>\n    <Товары>\n");
    for (OrderLine l : lines) {
      xml.append("      <Товар><Ид>").append(escape(l.id())).append("</Ид><Наименование>").append(escape(l.name()))
          .append("</Наименование><Количество>").append(l.quantity().toPlainString()).append("</Количество><Цена>")
          .append(l.price().toPlainString()).append("</Цена><Сумма>").append(l.sum().toPlainString())
          .append("</Сумма></Товар>\n");
    }
    return xml.append("    </Товары>\n  </Документ>\n</КоммерческаяИнформация>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
