package com.ocbridge.orders;

import java.util.Locale;

/**
 * Reads an order id back from what 1C echoes: {@code Ид} (the plain id), {@code Номер} or {@code Основание}, which
 * carry {@code orders.numberPrefix} + id ("OC-123") when a prefix is configured. The prefix is matched ignoring case
 * and surrounding blanks (1C operators retype numbers), and a plain id is accepted as well, so documents written
 * before the prefix was set still resolve.
 */
final class OrderNumbers {
  private final String prefix;

  OrderNumbers(String prefix) {
    this.prefix = prefix == null ? "" : prefix.trim().toLowerCase(Locale.ROOT);
  }

  /** The order id in {@code text}, or null when it is no (prefixed) number. */
  Long orderId(String text) {
    if (text == null) return null;
    String s = text.trim();
    if (!prefix.isEmpty() && s.toLowerCase(Locale.ROOT).startsWith(prefix)) {
      s = s.substring(prefix.length()).trim();
    }
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
    return Long.parseLong(s);
  }
}
