package com.ocbridge.commerceml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.TaxRate;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A variant's {@code ХарактеристикиТовара} in the order document (site → 1C): written where the official samples put
 * it (after {@code БазоваяЕдиница}/{@code СтавкиНалогов}, before {@code ЦенаЗаЕдиницу}) and read back by the reader.
 */
class OrderLineCharacteristicsTest extends ReaderTestBase {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final String ID = "bd72d910-55bc-11d9-848a-00112f43529a#90c55447-d3a8-11e4-9423-e0cb4ed5eed1";
  private static final List<Characteristic> SIZE_COLOUR =
      List.of(new Characteristic("Размер", "40"), new Characteristic("Цвет", "белый «снег» & <ночь>"));

  private static OrderDocument order() {
    OrderLine variant = OrderLine.goods(ID, "Б-1", "Сапоги (40, белый)", OrderLine.PIECE, new BigDecimal("1719.00"),
        new BigDecimal("2"), SIZE_COLOUR);
    OrderLine taxed = new OrderLine("p2#c2", null, "Б-2", "Шапка", OrderLine.PIECE, BigDecimal.TEN, BigDecimal.ONE,
        BigDecimal.TEN, null, List.of(new TaxRate("НДС", "20")), variant.requisites(),
        List.of(new Characteristic("Размер", "L")));
    return OrderDocument.builder().id("7").number("7").date(LocalDate.of(2026, 11, 28)).currency("RUB")
        .counterparty(Counterparty.buyer("oc-customer-1", "Иванов", "Иван", null, List.of()))
        .line(variant)
        .line(taxed)
        .line(OrderLine.goods("p3", "Б-3", "Без вариантов", OrderLine.PIECE, BigDecimal.ONE, BigDecimal.ONE))
        .line(OrderLine.delivery("Доставка заказа", new BigDecimal("348.00")))
        .build();
  }

  private static List<OrderDocument> readBack(Buffer buffer) {
    Collected c = Collected.read(new ChunkedReadStream(context, buffer.getBytes(), () -> 5));
    return c.all(OrderDocument.class);
  }

  @Test
  void windows1251() {
    check(OrdersWriter.toBuffer(List.of(order()), OrdersWriterOptions.defaults()), CP1251);
  }

  @Test
  void utf8() {
    check(OrdersWriter.toBuffer(List.of(order()),
        OrdersWriterOptions.defaults().withCharset(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void utf8InContainersFor31() {
    Buffer out = OrdersWriter.toBuffer(List.of(order()), OrdersWriterOptions.v31());
    byte[] bytes = out.getBytes();
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertTrue(text.contains("<ХарактеристикиТовара>"), text);
    assertEquals(List.of(order()), readBack(out));
  }

  private static void check(Buffer out, Charset charset) {
    String text = new String(out.getBytes(), charset);
    String line = text.substring(text.indexOf("<Ид>" + ID + "</Ид>"));
    line = line.substring(0, line.indexOf("</Товар>"));
    assertTrue(line.contains("""
        <ХарактеристикиТовара>
        \t\t\t\t\t<ХарактеристикаТовара>
        \t\t\t\t\t\t<Наименование>Размер</Наименование>
        \t\t\t\t\t\t<Значение>40</Значение>
        \t\t\t\t\t</ХарактеристикаТовара>
        \t\t\t\t\t<ХарактеристикаТовара>
        \t\t\t\t\t\t<Наименование>Цвет</Наименование>
        \t\t\t\t\t\t<Значение>белый «снег» &amp; &lt;ночь&gt;</Значение>
        \t\t\t\t\t</ХарактеристикаТовара>
        \t\t\t\t</ХарактеристикиТовара>
        \t\t\t\t<ЦенаЗаЕдиницу>1719.00</ЦенаЗаЕдиницу>"""), line);
    assertTrue(line.indexOf("</БазоваяЕдиница>") < line.indexOf("<ХарактеристикиТовара>"), line);
    String taxed = text.substring(text.indexOf("<Ид>p2#c2</Ид>"));
    taxed = taxed.substring(0, taxed.indexOf("</Товар>"));
    assertTrue(taxed.indexOf("</СтавкиНалогов>") < taxed.indexOf("<ХарактеристикиТовара>"), taxed);
    assertTrue(taxed.indexOf("</ХарактеристикиТовара>") < taxed.indexOf("<ЦенаЗаЕдиницу>"), taxed);
    String plain = text.substring(text.indexOf("<Ид>p3</Ид>"));
    assertFalse(plain.substring(0, plain.indexOf("</Товар>")).contains("Характеристик"), "no empty block");

    List<OrderDocument> back = readBack(out);
    assertEquals(List.of(order()), back); // records: every component, the characteristics included
    OrderLine variant = back.get(0).lines().get(0);
    assertEquals(ID, variant.id());
    assertEquals("bd72d910-55bc-11d9-848a-00112f43529a", variant.productId());
    assertEquals("90c55447-d3a8-11e4-9423-e0cb4ed5eed1", variant.characteristicId());
    assertEquals(SIZE_COLOUR, variant.characteristics());
    assertEquals(List.of(), back.get(0).lines().get(3).characteristics());
  }
}
