package com.ocbridge.commerceml.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lenient parsing of the value formats real 1C files use: decimal commas and thin spaces in numbers
 * ("1 719,50"), hours without a leading zero ("2014-06-01T0:36:33"), bare dates where a date-time is expected,
 * "true"/"false" as well as "да"/"нет". Parsers return null for empty or unparsable input instead of throwing:
 * one odd value must not abort a catalog import.
 */
public final class Values {
  private Values() {
  }

  /** Trims and turns a blank string into null. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  /** An unmodifiable copy that keeps insertion order; never null. */
  public static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * A requisites map as the model keeps it: insertion order, names and values trimmed, a missing value as ""
   * (that is how an empty {@code <Значение/>} reads back), unmodifiable.
   */
  public static Map<String, String> requisitesCopy(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      String name = clean(k);
      if (name != null) {
        copy.put(name, v == null ? "" : v.strip());
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  /** "product#characteristic" → "product"; an Ид without '#' is returned as is. */
  public static String beforeHash(String id) {
    if (id == null) {
      return null;
    }
    int i = id.indexOf('#');
    return i < 0 ? id : clean(id.substring(0, i));
  }

  /** "product#characteristic" → "characteristic"; null when there is no (non-empty) part after '#'. */
  public static String afterHash(String id) {
    if (id == null) {
      return null;
    }
    int i = id.indexOf('#');
    return i < 0 ? null : clean(id.substring(i + 1));
  }

  /** true/false, 1/0, да/нет, истина/ложь (any case); null otherwise. */
  public static Boolean bool(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    if (t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("да") || t.equalsIgnoreCase("истина")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false") || t.equals("0") || t.equalsIgnoreCase("нет") || t.equalsIgnoreCase("ложь")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** A flag such as {@code ПометкаУдаления}: true only when the text says so (absent or unreadable is false). */
  public static boolean isTrue(String s) {
    return Boolean.TRUE.equals(bool(s));
  }

  /**
   * A decimal number: accepts a comma as decimal separator and ignores spaces, no-break and thin spaces used as
   * thousands separators. Returns null for null, empty or non-numeric text.
   */
  public static BigDecimal decimalOrNull(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    if (isPlainNumber(s)) {
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',') {
        b.append('.');
      } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        b.append(c);
      }
    }
    if (b.length() == 0) {
      return null;
    }
    try {
      return new BigDecimal(b.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isPlainNumber(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+') {
        return false;
      }
    }
    return true;
  }

  /** "2024-05-01", also the date part of "2024-05-01T10:00:00"; "01.05.2024" too. Null when unparsable. */
  public static LocalDate date(String s) {
    if (s == null) {
      return null;
    }
    int[] f = new int[6];
    int n = fields(s.strip(), f);
    if (n < 3) {
      return null;
    }
    try {
      // dd.MM.yyyy: the year is the third field
      if (f[0] <= 31 && f[2] > 31) {
        return LocalDate.of(f[2], f[1], f[0]);
      }
      return LocalDate.of(f[0], f[1], f[2]);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** "09:41:00", "9:41:00", "9:41"; null when unparsable. */
  public static LocalTime time(String s) {
    if (s == null) {
      return null;
    }
    int[] f = new int[6];
    int n = fields(s.strip(), f);
    if (n < 2) {
      return null;
    }
    try {
      return LocalTime.of(f[0], f[1], n > 2 ? f[2] : 0);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * "2024-05-01T10:00:00", "2014-06-01T0:36:33" (hour without leading zero), "2024-05-01 10:00:00",
   * "2020-08-11" (bare date: midnight). Null when unparsable.
   */
  public static LocalDateTime dateTime(String s) {
    if (s == null) {
      return null;
    }
    LocalDate d = date(s);
    if (d == null) {
      return null;
    }
    int[] f = new int[6];
    int n = fields(s.strip(), f);
    if (n < 5) {
      return d.atStartOfDay();
    }
    try {
      return d.atTime(f[3], f[4], n > 5 ? f[5] : 0);
    } catch (RuntimeException e) {
      return d.atStartOfDay();
    }
  }

  /** "yyyy-MM-dd HH:mm:ss", the form Bitrix writes into date requisites. */
  public static String formatDateTimeSpace(LocalDateTime t) {
    if (t == null) {
      return null;
    }
    return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond());
  }

  /** "HH:mm:ss" (LocalTime.toString() drops zero seconds, 1C wants them). */
  public static String formatTime(LocalTime t) {
    return String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
  }

  /** Splits on any non-digit and fills up to 6 integer fields; returns how many were found. */
  private static int fields(String s, int[] out) {
    int n = 0;
    int value = -1;
    for (int i = 0; i < s.length() && n < out.length; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 99_999) {
          return 0;
        }
      } else if (value >= 0) {
        out[n++] = value;
        value = -1;
      }
    }
    if (value >= 0 && n < out.length) {
      out[n++] = value;
    }
    return n;
  }
}
