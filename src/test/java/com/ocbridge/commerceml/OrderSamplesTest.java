package com.ocbridge.commerceml;

import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.TaxRate;
import com.ocbridge.commerceml.model.UnitRef;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order documents of the corpus: site→1C (S#25–27, windows-1251) and 1C→site (S#28, S#29). */
class OrderSamplesTest extends ReaderTestBase {
  /** S#25: official site→1C sample (windows-1251): delivery line, buyer with address, all status requisites. */
  @Test
  void s25_official_to() {
    Collected c = read("carono__yii2-1c-exchange/to.xml");
    assertEquals("windows-1251", c.summary.encoding());
    assertEquals(Set.of(DocumentKind.ORDERS), c.summary.kinds());
    OrderDocument o = c.order("20");
    assertEquals("20", o.number());
    assertEquals(LocalDate.of(2007, 10, 16), o.date());
    assertEquals(LocalTime.of(15, 40, 40), o.time());
    assertEquals("Заказ товара", o.operation());
    assertEquals("Продавец", o.role());
    assertEquals("RUB", o.currency());
    assertEquals(dec("9683.42"), o.sum());
    assertNull(o.comment()); // <Комментарий></Комментарий>

    assertEquals(1, o.counterparties().size()); // the contact person nested in Представители is not a party
    Counterparty buyer = o.counterparties().get(0);
    assertEquals("1#admin#Петров Петр", buyer.id());
    assertEquals("Петр Петров", buyer.name());
    assertEquals("Покупатель", buyer.role());
    assertEquals("Петров", buyer.lastName());
    assertEquals("Петр", buyer.firstName());
    assertEquals("87698", buyer.address());

    OrderLine delivery = o.lines().get(0);
    assertEquals(OrderLine.DELIVERY_ID, delivery.id());
    assertTrue(delivery.isService());
    assertEquals(dec("348.00"), delivery.price());
    assertEquals(new UnitRef("796", "шт", "Штука", "PCE"), delivery.unit());
    OrderLine combine = o.lines().get(1);
    assertEquals("Комбайн MOULINEX A77 4C", combine.name());
    assertEquals("bd72d8f9-55bc-11d9-848a-00112f43529a", combine.catalogId());
    assertEquals(dec("9335.42"), combine.price());
    assertEquals(dec("1.00"), combine.quantity());
    assertEquals(dec("9335.42"), combine.sum());
    assertFalse(combine.isService());

    assertEquals("Наличный расчет", o.paymentMethod());
    assertEquals(Boolean.TRUE, o.paid());
    assertEquals(Boolean.TRUE, o.deliveryAllowed());
    assertEquals(Boolean.FALSE, o.cancelled());
    assertEquals(Boolean.TRUE, o.finalStatus());
    assertEquals("[F] Доставлен", o.statusName());
    assertEquals("ТК000000026", o.requisite("Номер платежного документа"));
    assertEquals("2007-10-16 15:51:58", o.requisite("Дата изменения статуса"));
  }

  /** S#26: second official sample: entity-escaped quotes in names, status [N] Принят. */
  @Test
  void s26_official_from() {
    Collected c = read("carono__yii2-1c-exchange/from.xml");
    OrderDocument o = c.order("36");
    assertEquals(dec("6734.47"), o.sum());
    assertEquals("руб", o.currency());
    assertEquals("[N] Принят", o.statusName());
    assertEquals(Boolean.FALSE, o.paid());
    assertEquals("Телевизор &quot;JVC&quot;", o.lines().get(1).name()); // "&amp;quot;" in the file
    assertEquals(dec("340.00"), o.lines().get(0).price());
    assertEquals("Иванов", o.counterparties().get(0).lastName());
    assertEquals("ггг", o.counterparties().get(0).address());
    assertEquals(List.of(), o.counterparties().get(0).contacts()); // <Контакты/>
  }

  /** S#27: real 1C-Bitrix mode=query answer (2.05, windows-1251, format attributes on the root). */
  @Test
  void s27_bitrix_query_response() {
    Collected c = read("dobromyslov__commerceml-parser/bitrix-query-response-full.xml");
    assertEquals("2.05", c.summary.schemaVersion());
    assertEquals(2, c.summary.count("order"));
    OrderDocument first = c.order("132");
    assertEquals(dec("231.7400"), first.sum());
    assertEquals("38#catalog_exchange#", first.counterparties().get(0).id());
    assertNull(first.counterparties().get(0).name()); // <Наименование></Наименование>
    assertEquals("[N] Принят, ожидается оплата", first.statusName());
    assertEquals("N", first.statusId());
    assertEquals("При получении наличными или картой", first.paymentMethod());
    assertEquals("Я повелитель порошочков", first.requisite("Комментарии покупателя"));
    OrderLine brush = first.lines().get(0);
    assertEquals("Hello Kitty toothbrush for 3~6 years old,2pcs", brush.name());
    assertEquals("437", brush.requisites().get("НомерПозицииКорзины"));
    assertEquals("910e89e5-205e-4d95-872a-0a0255c42f02", brush.requisites().get("СвойствоКорзины#PRODUCT.XML_ID"));

    OrderDocument second = c.order("133");
    assertEquals(dec("14380.5800"), second.sum());
    assertEquals("5#content-manager# Контент менджер", second.counterparties().get(0).id());
    OrderLine detergent = second.lines().get(0);
    // a multi-line name in the file: trimmed at both ends
    assertEquals("HERBMENT/Dishwashing liquid detergent with disinfecting effect,orange scent ,refill 800ml",
        detergent.name());
    assertEquals("", detergent.requisites().get("СвойствоКорзины#PHOTO")); // empty value
    assertEquals(dec("2.0000"), second.lines().get(1).quantity());
  }

  /** S#28: orders as 1C sends them back (2.09): Номер1С, Дата1С, Цена, structured Единица, posted. */
  @Test
  void s28_argent_documents_from_1c() {
    Collected c = read("ArgentCrusade__commerceml/documents-example.xml");
    assertEquals(2, c.summary.count("order"));
    OrderDocument o = c.order("142");
    assertEquals("ТДЦУ-000001", o.number1C());
    assertEquals("ТДЦУ-000001", o.oneCNumber());
    assertEquals(LocalDate.of(2015, 6, 29), o.date1C());
    assertEquals(LocalTime.of(15, 39, 10), o.time());
    assertEquals("AAAAEAAAAAA=", o.version());
    assertEquals(Boolean.FALSE, o.deletionMark());
    assertFalse(o.deleted());
    assertEquals(Boolean.TRUE, o.posted());
    assertEquals("P", o.statusId());
    assertEquals("ТДЦУ-000003", o.requisite("Номер отгрузки по 1С"));
    assertEquals(dec("8186.84"), o.sum());
    assertEquals(dec("1.0000"), o.rate());
    assertEquals("[Номер документа на сайте: 142]", o.comment());
    assertEquals("Kikinda (Сербия)", o.counterparties().get(0).officialName());
    assertEquals("Адрес", o.counterparties().get(0).address());

    OrderLine fan = o.lines().get(0);
    assertEquals("cbcf493f-55bc-11d9-848a-00112f43529a", fan.id());
    assertEquals(dec("3338"), fan.price()); // <Цена>
    assertEquals(new UnitRef("796", "шт", "Штука", null), fan.unit()); // structured <Единица>
    assertEquals(dec("1"), fan.coefficient());
    assertEquals(List.of(new TaxRate("НДС", "18")), fan.taxRates());
    OrderLine boots = o.lines().get(1);
    assertEquals("bd72d913-55bc-11d9-848a-00112f43529a", boots.productId());
    assertEquals("b02e2814-720f-11df-b436-0015e92f2802", boots.characteristicId());
    assertEquals("пар", boots.unit().name());
    assertEquals("715", boots.unit().code());
  }

  /** S#29: УНФ-style 1C→site orders (2.08): 1C number as a requisite, times like T9:49:02, multi-line comment. */
  @Test
  void s29_dicrtarasov_orders_from_1c() {
    Collected c = read("dicrtarasov__yii2-exchange1c/orders.xml");
    OrderDocument o = c.order("24c82d03-7149-11eb-80c0-7085c2ddb497");
    assertEquals("13838", o.number());
    assertNull(o.number1C());
    assertEquals("СА-013838", o.oneCNumber());
    assertEquals(Boolean.TRUE, o.posted());
    assertEquals(Boolean.TRUE, o.paid()); // "Оплачен"
    assertEquals(Boolean.TRUE, o.shipped());
    assertFalse(o.deleted());
    assertEquals("Отправлен", o.statusName());
    assertEquals("2021-02-18T9:49:02", o.requisite("Дата оплаты по 1С"));
    assertEquals(java.time.LocalDateTime.of(2021, 2, 18, 9, 49, 2),
        com.ocbridge.commerceml.internal.Values.dateTime(o.requisite("Дата оплаты по 1С")));
    assertEquals("Ирина", o.requisite("ОтветственныйМенеджер"));
    assertTrue(o.comment().startsWith("Способ оплаты: При получении заказа;\n"));
    assertTrue(o.comment().endsWith("Скидка: нет;"));
    assertEquals(dec("1515"), o.sum());
    OrderLine blocks = o.lines().get(1);
    assertEquals("430012", blocks.sku());
    assertEquals("Логические блоки Дьенеша", blocks.name());
    assertEquals(dec("370"), blocks.price());
    assertEquals(dec("3"), blocks.quantity());
    assertEquals(dec("1110"), blocks.sum());
    assertEquals(new UnitRef("796", "шт", "Штука", "PCE"), blocks.unit()); // attributes + <Единица>шт</Единица>
    assertNull(o.lines().get(0).sku()); // <Артикул/>
    assertTrue(o.lines().get(0).isService());
    assertEquals(List.of(new Counterparty("81c6c53b-4490-11e8-90de-b06ebf38f0a3", "Александр", "Александр", null,
        "Покупатель", null, null, null, null, null, null, List.<Contact>of())), o.counterparties());
  }
}
