package com.ocbridge.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the history notes write numbers and dates: the way a Russian shop operator reads them ("1 500,00",
 * "05.12.2026"), whatever the JVM's locale.
 */
final class NoteText {
  private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");
  private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private NoteText() {}

  /** "1 500,00": two decimals, a space between thousands. */
  static String money(BigDecimal value) {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setGroupingSeparator(' ');
    symbols.setDecimalSeparator(',');
    DecimalFormat format = new DecimalFormat("#,##0.00", symbols); // not thread-safe: one per call
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(value);
  }

  /** "1 500,00 RUB", or without the currency when 1C gave none. */
  static String money(BigDecimal value, String currency) {
    return currency == null || currency.isBlank() ? money(value) : money(value) + " " + currency.trim();
  }

  /** "2", "1,5". */
  static String quantity(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString().replace('.', ',');
  }

  /**
   * A 1C date or date-time ("2015-06-29T15:39:10", "2021-02-18T9:49:02", "2015-06-29") as "29.06.2015"; null for
   * none and for 1C's empty date {@code 0001-01-01}; anything else as it came.
   */
  static String date(String value) {
    if (value == null || value.isBlank()) return null;
    Matcher m = ISO_DATE.matcher(value.trim());
    if (!m.find()) return value.trim();
    if (m.group(1).equals("0001")) return null;
    return m.group(3) + "." + m.group(2) + "." + m.group(1);
  }

  static String date(LocalDate value) {
    return value == null || value.getYear() <= 1 ? null : RU_DATE.format(value);
  }

  /** Whether {@code value} is a real 1C date (not blank, not {@code 0001-01-01}). */
  static boolean realDate(String value) {
    return date(value) != null;
  }
}
