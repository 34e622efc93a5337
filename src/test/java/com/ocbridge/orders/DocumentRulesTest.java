package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The small rules behind documents from 1C: prefixed numbers, document kinds, how notes write numbers and dates. */
class DocumentRulesTest {

  @Test
  void prefixedAndPlainNumbersResolveAndNothingElseDoes() {
    OrderNumbers n = new OrderNumbers("OC-");
    assertEquals(123L, n.orderId("OC-123"));
    assertEquals(123L, n.orderId(" oc-123 "), "1C operators retype numbers");
    assertEquals(123L, n.orderId("123"), "documents written before the prefix was set");
    assertNull(n.orderId("OC-"));
    assertNull(n.orderId("XY-123"));
    assertNull(n.orderId("ТДЦУ-000001"));
    assertNull(n.orderId("24c82d03-7149-11eb-80c0-7085c2ddb497"));
    assertEquals(13838L, new OrderNumbers("").orderId("13838"));
    assertNull(new OrderNumbers("").orderId("OC-13838"));
  }

  @Test
  void documentKindsByTheirOperation() {
    assertEquals(OneCDocumentKind.ORDER, OneCDocumentKind.of("Заказ товара"));
    assertEquals(OneCDocumentKind.ORDER, OneCDocumentKind.of(null));
    assertEquals(OneCDocumentKind.PAYMENT, OneCDocumentKind.of("Выплата безналичных денег"));
    assertEquals(OneCDocumentKind.PAYMENT, OneCDocumentKind.of(" выплата  наличных денег "));
    assertEquals(OneCDocumentKind.PAYMENT, OneCDocumentKind.of("Эквайринговая операция"));
    assertEquals(OneCDocumentKind.SHIPMENT, OneCDocumentKind.of("Отпуск товара"));
    assertEquals(OneCDocumentKind.SHIPMENT, OneCDocumentKind.of("Реализация товаров и услуг"));
    assertEquals(OneCDocumentKind.OTHER, OneCDocumentKind.of("Возврат товара"));
  }

  @Test
  void notesWriteMoneyQuantitiesAndDatesTheRussianWay() {
    assertEquals("1 500,00", NoteText.money(new BigDecimal("1500")));
    assertEquals("8 186,84 RUB", NoteText.money(new BigDecimal("8186.84"), "RUB"));
    assertEquals("1 234 567,90", NoteText.money(new BigDecimal("1234567.895")));
    assertEquals("1,5", NoteText.quantity(new BigDecimal("1.500")));
    assertEquals("2", NoteText.quantity(new BigDecimal("2.000")));
    assertEquals("18.02.2021", NoteText.date("2021-02-18T9:49:02"));
    assertEquals("29.06.2015", NoteText.date("2015-06-29"));
    assertNull(NoteText.date("0001-01-01T00:00:00"), "1C's empty date");
    assertNull(NoteText.date(" "));
  }
}
