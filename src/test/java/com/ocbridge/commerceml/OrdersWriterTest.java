package com.ocbridge.commerceml;

import com.ocbridge.testing.Samples;

import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.Requisites;
import com.ocbridge.commerceml.model.UnitRef;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orders writer (site → 1C, §8.5): output reads back through the reader to equal documents. */
class OrdersWriterTest extends ReaderTestBase {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  /** N varied orders: goods with characteristics, delivery line, buyer, all requisites 1C reads. */
  static List<OrderDocument> orders(int n) {
    List<OrderDocument> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      BigDecimal price = new BigDecimal("1719.00").add(BigDecimal.valueOf(i));
      OrderDocument.Builder b = OrderDocument.builder()
          .id("oc-" + (1000 + i))
          .number(String.valueOf(1000 + i))
          .date(LocalDate.of(2024, 5, 1).plusDays(i % 28))
          .time(LocalTime.of(9, i % 60, 0))
          .currency("RUB")
          .comment(i % 3 == 0 ? null : "Позвонить за час; код домофона 12 & «Б» <с торца>\nвторая строка")
          .counterparty(Counterparty.buyer("oc-customer-" + i, "Иванов", "Иван", "г. Москва, ул. Ленина, д. " + i,
              List.of(new Contact("Почта", "ivan" + i + "@example.ru"),
                  new Contact("Телефон рабочий", "+7 900 000-00-" + i))))
          .line(OrderLine.goods("bd72d910-55bc-11d9-848a-00112f43529a#90c55447-d3a8-11e4-9423-e0cb4ed5eed" + (i % 10),
              "Б-130001", "Сапоги (38) №" + i, OrderLine.PIECE, price, new BigDecimal(i % 4 + 1)))
          .paymentMethod(i % 2 == 0 ? "Наличный расчет" : "Банковская карта")
          .paid(i % 2 == 1)
          .deliveryAllowed(false)
          .cancelled(i % 7 == 0)
          .finalStatus(false)
          .status("[N] Принят")
          .statusChangedAt(LocalDateTime.of(2024, 5, 1, 9, 41, 0));
      if (i % 2 == 0) {
        b.line(OrderLine.delivery("Доставка заказа", new BigDecimal("348.00")));
      }
      out.add(b.build());
    }
    return out;
  }

  private static List<OrderDocument> readBack(Buffer buffer, int chunk) {
    Collected c = Collected.read(new ChunkedReadStream(context, buffer.getBytes(), () -> chunk));
    assertEquals(java.util.Set.of(DocumentKind.ORDERS), c.summary.kinds());
    return c.all(OrderDocument.class);
  }

  @Test
  void round_trip_windows_1251() {
    List<OrderDocument> orders = orders(40);
    Buffer out = OrdersWriter.toBuffer(orders, OrdersWriterOptions.defaults()
        .withGeneratedAt(LocalDateTime.of(2024, 5, 1, 10, 0)));
    String head = new String(out.getBytes(0, 200), CP1251);
    assertTrue(head.startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n"
        + "<КоммерческаяИнформация ВерсияСхемы=\"2.05\" ДатаФормирования=\"2024-05-01T10:00:00\">"), head);
    String decoded = new String(out.getBytes(), CP1251);
    assertEquals(out.length(), decoded.length(), "one byte per character: really windows-1251, not UTF-8");
    assertTrue(decoded.contains("<Наименование>Сапоги (38) №2</Наименование>"));
    List<OrderDocument> back = readBack(out, 7);
    assertEquals(orders, back); // field by field: records compare every component
    OrderDocument second = back.get(1);
    assertEquals(Boolean.FALSE, second.paid());
    assertEquals("Наличный расчет", second.paymentMethod());
    assertEquals("[N] Принят", second.statusName());
    assertEquals("2024-05-01 09:41:00", second.requisite(Requisites.STATUS_CHANGED_AT));
    assertTrue(second.lines().get(1).isService());
    assertEquals("ORDER_DELIVERY", second.lines().get(1).id());
    assertEquals(new BigDecimal("1721.00").multiply(new BigDecimal(3)).add(new BigDecimal("348.00")), second.sum());
  }

  @Test
  void round_trip_utf8_with_bom_in_containers_for_3_1() {
    List<OrderDocument> orders = orders(25);
    Buffer out = OrdersWriter.toBuffer(orders, OrdersWriterOptions.v31());
    byte[] bytes = out.getBytes();
    assertEquals((byte) 0xEF, bytes[0]);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertTrue(text.startsWith(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация ВерсияСхемы=\"3.1\""));
    assertEquals(25, text.split("<Контейнер>", -1).length - 1);
    assertEquals(orders, readBack(out, 5));
  }

  @Test
  void characters_the_charset_cannot_hold_become_character_references() {
    String exotic = "Ключ 中文 Müller ✓ 😀 €";
    OrderDocument order = OrderDocument.builder().id("1").number("1").date(LocalDate.of(2024, 1, 2)).currency("RUB")
        .comment(exotic)
        .line(OrderLine.goods("p1", "A-1", exotic, new UnitRef("796", "шт", "Штука", "PCE"), BigDecimal.TEN,
            BigDecimal.ONE))
        .requisite("Комментарии покупателя", exotic)
        .build();
    Buffer cp1251 = OrdersWriter.toBuffer(List.of(order), OrdersWriterOptions.defaults());
    String raw = new String(cp1251.getBytes(), CP1251);
    assertTrue(raw.contains("Ключ &#20013;&#25991; M&#252;ller &#10003; &#128512; €"), raw); // € exists in 1251
    assertEquals(List.of(order), readBack(cp1251, 3));
    Buffer utf8 =
        OrdersWriter.toBuffer(List.of(order), OrdersWriterOptions.defaults().withCharset(StandardCharsets.UTF_8));
    assertTrue(utf8.toString(StandardCharsets.UTF_8).contains(exotic));
    assertEquals(List.of(order), readBack(utf8, 3));
  }

  @Test
  void no_orders_is_still_a_valid_document() {
    Buffer out = OrdersWriter.toBuffer(List.of(), OrdersWriterOptions.defaults());
    Collected c = Collected.read(new ChunkedReadStream(context, out.getBytes(), () -> 2));
    assertEquals(0, c.records.size());
    assertEquals("2.05", c.summary.schemaVersion());
  }

  @Test
  void official_sample_read_written_and_read_again_is_unchanged() throws Exception {
    Collected original = Collected.read(vertx, Samples.file("carono__yii2-1c-exchange/to.xml"));
    List<OrderDocument> docs = original.all(OrderDocument.class);
    Buffer out = OrdersWriter.toBuffer(docs, OrdersWriterOptions.defaults());
    assertEquals(docs, readBack(out, 11));
    // and 1C's own format (Номер1С, Дата1С, ПометкаУдаления, НомерВерсии, structured units) survives too
    List<OrderDocument> fromOneC = Collected.read(vertx,
        Samples.file("ArgentCrusade__commerceml/documents-example.xml")).all(OrderDocument.class);
    assertEquals(fromOneC, readBack(OrdersWriter.toBuffer(fromOneC, OrdersWriterOptions.v31()), 64));
    assertTrue(Files.size(Samples.file("carono__yii2-1c-exchange/to.xml")) > 0);
  }

  @Test
  void streams_one_buffer_per_order_and_waits_for_drain() {
    FakeWriteStream sink = new FakeWriteStream();
    OrdersWriter writer = OrdersWriter.create(sink, OrdersWriterOptions.defaults());
    List<OrderDocument> orders = orders(30);
    Future<Void> all = context.<Void>executeBlocking(() -> null).compose(v -> {
      sink.full = true; // the response cannot take more yet
      Future<Void> f = writer.writeAll(orders.iterator());
      assertEquals(0, sink.writes.size(), "nothing is written while the queue is full");
      sink.full = false;
      sink.drain();
      return f;
    }).compose(v -> writer.finish());
    all.await();
    assertEquals(31, sink.writes.size(), "one buffer per order plus the closing tag");
    Buffer whole = Buffer.buffer();
    sink.writes.forEach(whole::appendBuffer);
    assertEquals(orders, readBack(whole, 4096));
    assertTrue(sink.writes.get(0).length() < 8192, "no giant buffer");
  }

  /** Records writes; writeQueueFull() is controlled by the test. */
  static final class FakeWriteStream implements WriteStream<Buffer> {
    final List<Buffer> writes = new ArrayList<>();
    boolean full;
    private Handler<Void> drainHandler;

    void drain() {
      if (drainHandler != null) {
        drainHandler.handle(null);
      }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      writes.add(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      drainHandler = handler;
      return this;
    }
  }
}
