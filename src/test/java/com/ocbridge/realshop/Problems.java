package com.ocbridge.realshop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every mismatch a scenario finds, grouped by kind, so that one failing run tells the whole story (how many products
 * are missing, which prices are wrong, what the job said) instead of stopping at the first difference. A scenario
 * ends with {@link #assertNone(String)}: any problem fails the test.
 */
final class Problems {
  private final Map<String, List<String>> byKind = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  void add(String kind, String detail) {
    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(detail);
  }

  void check(boolean ok, String kind, java.util.function.Supplier<String> detail) {
    if (!ok) add(kind, detail.get());
  }

  <T> void equal(T expected, T actual, String kind, String what) {
    if (expected == null ? actual != null : !expected.equals(actual)) {
      add(kind, what + ": expected " + show(expected) + ", shop has " + show(actual));
    }
  }

  /** Context printed with the problems (job counters and errors, timings). */
  void note(String text) {
    notes.add(text);
  }

  boolean isEmpty() {
    return byKind.isEmpty();
  }

  int count() {
    return byKind.values().stream().mapToInt(List::size).sum();
  }

  int count(String kind) {
    return byKind.getOrDefault(kind, List.of()).size();
  }

  String report(int examples) {
    StringBuilder sb = new StringBuilder();
    byKind.forEach((kind, list) -> {
      sb.append("  ").append(kind).append(": ").append(list.size()).append('\n');
      list.stream().limit(examples).forEach(d -> sb.append("      ").append(d).append('\n'));
      if (list.size() > examples) sb.append("      … ").append(list.size() - examples).append(" more\n");
    });
    return sb.toString();
  }

  String notes() {
    return String.join("\n", notes);
  }

  void assertNone(String header) {
    if (isEmpty()) return;
    throw new AssertionError(header + ": " + count() + " problem(s)\n" + report(12)
        + (notes.isEmpty() ? "" : "context:\n" + notes()));
  }

  private static String show(Object o) {
    return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
  }
}
