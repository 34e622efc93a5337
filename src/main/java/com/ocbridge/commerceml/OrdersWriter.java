package com.ocbridge.commerceml;

import com.ocbridge.commerceml.internal.Values;
import com.ocbridge.commerceml.internal.XmlEncoder;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.TaxRate;
import com.ocbridge.commerceml.model.UnitRef;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;

/**
 * Streams the orders document the site returns for {@code type=sale&mode=query} (protocol reference §8.5):
 * one {@code Buffer} per order written to a {@link WriteStream} (an HTTP response, a file), never the whole
 * document in memory. Output reads back through {@link CommerceMlReader} to equal {@link OrderDocument}s.
 *
 * <pre>{@code
 * OrdersWriter w = OrdersWriter.create(response, OrdersWriterOptions.defaults());
 * response.putHeader("Content-Type", w.options().contentType()).setChunked(true);
 * w.writeAll(orders.iterator()).compose(v -> w.finish()).compose(v -> response.end());
 * }</pre>
 *
 * Not thread-safe; use from the write stream's context. The stream is never ended by the writer.
 */
public final class OrdersWriter {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final String ROOT = "КоммерческаяИнформация";

  private final WriteStream<Buffer> out;
  private final OrdersWriterOptions options;
  private final XmlEncoder enc;
  private boolean headerWritten;
  private boolean finished;

  private OrdersWriter(WriteStream<Buffer> out, OrdersWriterOptions options) {
    this.out = out;
    this.options = options;
    this.enc = new XmlEncoder(options.charset());
  }

  public static OrdersWriter create(WriteStream<Buffer> out, OrdersWriterOptions options) {
    return new OrdersWriter(out, options);
  }

  /** A complete document in one buffer, for small answers and tests. */
  public static Buffer toBuffer(Iterable<OrderDocument> orders, OrdersWriterOptions options) {
    OrdersWriter w = new OrdersWriter(null, options);
    Buffer all = Buffer.buffer();
    w.header();
    for (OrderDocument o : orders) {
      w.document(o);
      all.appendBuffer(w.enc.drain());
    }
    w.footer();
    return all.appendBuffer(w.enc.drain());
  }

  public OrdersWriterOptions options() {
    return options;
  }

  /** Writes one order (and the prolog and root before the first one). The future is that of the stream write. */
  public Future<Void> write(OrderDocument order) {
    if (finished) {
      return Future.failedFuture(new IllegalStateException("finish() was already called"));
    }
    if (!headerWritten) {
      header();
    }
    document(order);
    return out.write(enc.drain());
  }

  /**
   * Writes all orders, respecting backpressure: while the stream's write queue is full it waits for the drain
   * handler instead of buffering. Completes when the last write completed, or fails with the first failure.
   */
  public Future<Void> writeAll(Iterator<OrderDocument> orders) {
    Promise<Void> done = Promise.promise();
    writeSome(orders, done, Future.succeededFuture());
    return done.future();
  }

  private void writeSome(Iterator<OrderDocument> orders, Promise<Void> done, Future<Void> last) {
    try {
      while (orders.hasNext()) {
        if (out.writeQueueFull()) {
          Future<Void> pending = last;
          out.drainHandler(v -> {
            out.drainHandler(null);
            writeSome(orders, done, pending);
          });
          return;
        }
        last = write(orders.next());
        last.onFailure(done::tryFail);
      }
      last.onComplete(ar -> {
        if (ar.succeeded()) {
          done.tryComplete();
        } else {
          done.tryFail(ar.cause());
        }
      });
    } catch (RuntimeException e) {
      done.tryFail(e);
    }
  }

  /** Closes the root element (writing the prolog first if no order was written). Does not end the stream. */
  public Future<Void> finish() {
    if (finished) {
      return Future.succeededFuture();
    }
    if (!headerWritten) {
      header();
    }
    finished = true;
    footer();
    return out.write(enc.drain());
  }

  private void header() {
    headerWritten = true;
    boolean isUtf8 = options.charset().equals(StandardCharsets.UTF_8);
    if (isUtf8 && options.utf8Bom()) {
      enc.bytes((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }
    enc.markup("<?xml version=\"1.0\" encoding=\"").markup(isUtf8 ? "UTF-8" : options.charset().name())
        .markup("\"?>\n");
    LocalDateTime at = options.generatedAt() != null ? options.generatedAt()
        : LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    enc.markup("<" + ROOT);
    if (options.namespace() != null) {
      enc.markup(" xmlns=\"").attribute(options.namespace()).markup("\"");
    }
    enc.markup(" ВерсияСхемы=\"").attribute(options.schemaVersion()).markup("\"")
        .markup(" ДатаФормирования=\"").markup(DATE_TIME.format(at)).markup("\">\n");
  }

  private void footer() {
    enc.markup("</" + ROOT + ">\n");
  }

  /** One {@code Документ}, elements in the order of the official samples (XSD order; 1C reads with XDTO). */
  private void document(OrderDocument o) {
    String indent = "\t";
    if (options.container()) {
      enc.markup("\t<Контейнер>\n");
      indent = "\t\t";
    }
    enc.markup(indent).markup("<Документ>\n");
    String in = indent + "\t";
    element(in, "Ид", o.id());
    element(in, "НомерВерсии", o.version());
    element(in, "ПометкаУдаления", o.deletionMark() == null ? null : o.deletionMark().toString());
    element(in, "Номер", o.number());
    element(in, "Номер1С", o.number1C());
    element(in, "Дата", o.date() == null ? null : o.date().toString());
    element(in, "Дата1С", o.date1C() == null ? null : o.date1C().toString());
    element(in, "ХозОперация", o.operation());
    element(in, "Роль", o.role());
    element(in, "Валюта", o.currency());
    element(in, "Курс", decimal(o.rate()));
    element(in, "Сумма", decimal(o.sum()));
    if (!o.counterparties().isEmpty()) {
      enc.markup(in).markup("<Контрагенты>\n");
      for (Counterparty c : o.counterparties()) {
        counterparty(in + "\t", c);
      }
      enc.markup(in).markup("</Контрагенты>\n");
    }
    element(in, "Время", o.time() == null ? null : Values.formatTime(o.time()));
    element(in, "Комментарий", o.comment());
    if (!o.lines().isEmpty()) {
      enc.markup(in).markup("<Товары>\n");
      for (OrderLine l : o.lines()) {
        line(in + "\t", l);
      }
      enc.markup(in).markup("</Товары>\n");
    }
    requisites(in, o.requisites());
    enc.markup(indent).markup("</Документ>\n");
    if (options.container()) {
      enc.markup("\t</Контейнер>\n");
    }
  }

  private void counterparty(String indent, Counterparty c) {
    String in = indent + "\t";
    enc.markup(indent).markup("<Контрагент>\n");
    element(in, "Ид", c.id());
    element(in, "Наименование", c.name());
    element(in, "Роль", c.role());
    element(in, "ПолноеНаименование", c.fullName());
    element(in, "ОфициальноеНаименование", c.officialName());
    element(in, "Фамилия", c.lastName());
    element(in, "Имя", c.firstName());
    element(in, "Отчество", c.middleName());
    element(in, "ИНН", c.inn());
    element(in, "КПП", c.kpp());
    if (c.address() != null) {
      enc.markup(in).markup("<АдресРегистрации>\n");
      element(in + "\t", "Представление", c.address());
      enc.markup(in).markup("</АдресРегистрации>\n");
    }
    if (!c.contacts().isEmpty()) {
      enc.markup(in).markup("<Контакты>\n");
      for (Contact k : c.contacts()) {
        enc.markup(in).markup("\t<Контакт>\n");
        element(in + "\t\t", "Тип", k.type());
        element(in + "\t\t", "Значение", k.value());
        enc.markup(in).markup("\t</Контакт>\n");
      }
      enc.markup(in).markup("</Контакты>\n");
    }
    enc.markup(indent).markup("</Контрагент>\n");
  }

  private void line(String indent, OrderLine l) {
    String in = indent + "\t";
    enc.markup(indent).markup("<Товар>\n");
    element(in, "Ид", l.id());
    element(in, "ИдКаталога", l.catalogId());
    element(in, "Артикул", l.sku());
    element(in, "Наименование", l.name());
    UnitRef u = l.unit();
    if (u != null) {
      enc.markup(in).markup("<БазоваяЕдиница");
      attribute("Код", u.code());
      attribute("НаименованиеПолное", u.fullName());
      attribute("МеждународноеСокращение", u.internationalAbbreviation());
      enc.markup(">");
      if (u.name() != null) {
        enc.text(u.name());
      }
      enc.markup("</БазоваяЕдиница>\n");
    }
    if (!l.taxRates().isEmpty()) {
      enc.markup(in).markup("<СтавкиНалогов>\n");
      for (TaxRate t : l.taxRates()) {
        enc.markup(in).markup("\t<СтавкаНалога>\n");
        element(in + "\t\t", "Наименование", t.name());
        element(in + "\t\t", "Ставка", t.rate());
        enc.markup(in).markup("\t</СтавкаНалога>\n");
      }
      enc.markup(in).markup("</СтавкиНалогов>\n");
    }
    // where the official samples put it (after СтавкиНалогов): 1C reads the line with XDTO, in schema order
    if (!l.characteristics().isEmpty()) {
      enc.markup(in).markup("<ХарактеристикиТовара>\n");
      for (Characteristic c : l.characteristics()) {
        enc.markup(in).markup("\t<ХарактеристикаТовара>\n");
        element(in + "\t\t", "Наименование", c.name());
        element(in + "\t\t", "Значение", c.value());
        enc.markup(in).markup("\t</ХарактеристикаТовара>\n");
      }
      enc.markup(in).markup("</ХарактеристикиТовара>\n");
    }
    element(in, "ЦенаЗаЕдиницу", decimal(l.price()));
    element(in, "Количество", decimal(l.quantity()));
    element(in, "Сумма", decimal(l.sum()));
    element(in, "Коэффициент", decimal(l.coefficient()));
    requisites(in, l.requisites());
    enc.markup(indent).markup("</Товар>\n");
  }

  private void requisites(String indent, Map<String, String> requisites) {
    if (requisites.isEmpty()) {
      return;
    }
    enc.markup(indent).markup("<ЗначенияРеквизитов>\n");
    requisites.forEach((name, value) -> {
      enc.markup(indent).markup("\t<ЗначениеРеквизита>\n");
      element(indent + "\t\t", "Наименование", name);
      enc.markup(indent).markup("\t\t<Значение>").text(value == null ? "" : value).markup("</Значение>\n");
      enc.markup(indent).markup("\t</ЗначениеРеквизита>\n");
    });
    enc.markup(indent).markup("</ЗначенияРеквизитов>\n");
  }

  /** {@code <name>value</name>}, or nothing when the value is null. */
  private void element(String indent, String name, String value) {
    if (value == null) {
      return;
    }
    enc.markup(indent).markup("<").markup(name).markup(">").text(value).markup("</").markup(name).markup(">\n");
  }

  private void attribute(String name, String value) {
    if (value != null) {
      enc.markup(" ").markup(name).markup("=\"").attribute(value).markup("\"");
    }
  }

  private static String decimal(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }
}
