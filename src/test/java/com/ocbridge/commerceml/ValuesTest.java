package com.ocbridge.commerceml;

import com.ocbridge.commerceml.internal.Values;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lenient value formats found in real 1C files. */
class ValuesTest {

  @Test
  void decimals_with_commas_and_spaces() {
    assertEquals(new BigDecimal("1.4"), Values.decimalOrNull("1,4"));
    assertEquals(new BigDecimal("1719.50"), Values.decimalOrNull("1\u00A0719,50"));
    assertEquals(new BigDecimal("1719"), Values.decimalOrNull("1 719"));
    assertEquals(new BigDecimal("231.7400"), Values.decimalOrNull("231.7400"));
    assertEquals(new BigDecimal("-3"), Values.decimalOrNull("-3"));
    assertNull(Values.decimalOrNull(""));
    assertNull(Values.decimalOrNull("Без НДС"));
  }

  @Test
  void dates_and_times_as_1c_writes_them() {
    assertEquals(LocalDateTime.of(2014, 6, 1, 0, 36, 33), Values.dateTime("2014-06-01T0:36:33"));
    assertEquals(LocalDateTime.of(2021, 2, 18, 9, 49, 2), Values.dateTime("2021-02-18T9:49:02"));
    assertEquals(LocalDateTime.of(2020, 8, 11, 0, 0), Values.dateTime("2020-08-11"));
    assertEquals(LocalDateTime.of(2007, 10, 16, 15, 51, 58), Values.dateTime("2007-10-16 15:51:58"));
    assertEquals(LocalDateTime.of(2021, 2, 11, 18, 45, 21), Values.dateTime("11.02.2021 18:45:21"));
    assertEquals(LocalDate.of(1, 1, 1), Values.date("0001-01-01")); // 1C's empty date
    assertEquals(LocalTime.of(9, 5, 3), Values.time("9:05:03"));
    assertNull(Values.dateTime("вчера"));
    assertEquals("09:41:00", Values.formatTime(LocalTime.of(9, 41)));
  }

  @Test
  void booleans_ids_and_blank_strings() {
    assertEquals(Boolean.TRUE, Values.bool("true"));
    assertEquals(Boolean.TRUE, Values.bool("Да"));
    assertEquals(Boolean.FALSE, Values.bool(" false "));
    assertNull(Values.bool("может быть"));
    assertEquals("p", Values.beforeHash("p#c"));
    assertEquals("c", Values.afterHash("p#c"));
    assertNull(Values.afterHash("p#"));
    assertNull(Values.afterHash("p"));
    assertNull(Values.clean("   "));
    assertEquals("796", Values.clean("796 "));
  }
}
