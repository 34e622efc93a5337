package com.ocbridge.opencart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fixed fields of an error's {@code details} object (contract §3). */
public final class ErrorDetails {

  private ErrorDetails() {
  }

  /** {@code details.fields}: JSON path → message (422 validation). */
  public static Map<String, String> fieldErrors(Map<String, Object> details) {
    if (details != null && details.get("fields") instanceof Map<?, ?> fields) {
      Map<String, String> result = new LinkedHashMap<>();
      fields.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
      return result;
    }
    return Map.of();
  }

  /** {@code details.product_ids} (409 ambiguous). */
  public static List<Long> productIds(Map<String, Object> details) {
    if (details != null && details.get("product_ids") instanceof List<?> ids) {
      return ids.stream().filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).toList();
    }
    return List.of();
  }

  /** {@code details.ip} (403 forbidden_ip). */
  public static String ip(Map<String, Object> details) {
    Object ip = details == null ? null : details.get("ip");
    return ip == null ? null : String.valueOf(ip);
  }
}
