package com.ocbridge.catalog;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * What a sample file says, read with the JDK's own StAX parser, independently of the reader and the sync under
 * test: the expectations of the end-to-end tests come from the files, not from running the code.
 */
final class SampleFacts {
  private SampleFacts() {}

  record OfferFact(String id, String name, BigDecimal price, BigDecimal quantity) {}

  record GroupFact(String id, String parentId, String name) {}

  /** Offers by Ид: the first ЦенаЗаЕдиницу, and Количество (else the sum of warehouse quantities). */
  static Map<String, OfferFact> offers(Path file) throws Exception {
    Map<String, OfferFact> offers = new LinkedHashMap<>();
    walk(file, new Visitor() {
      String id, name;
      BigDecimal price, direct, warehouses;

      @Override
      public void start(Deque<String> path, XMLStreamReader r) {
        if (path.peek().equals("Предложение")) {
          id = name = null;
          price = direct = warehouses = null;
        }
        if (path.peek().equals("Склад") && parent(path).equals("Предложение")) {
          String q = r.getAttributeValue(null, "КоличествоНаСкладе");
          if (q != null) warehouses = (warehouses == null ? BigDecimal.ZERO : warehouses).add(new BigDecimal(q));
        }
      }

      @Override
      public void text(Deque<String> path, String text) {
        String parent = parent(path);
        switch (path.peek()) {
          case "Ид" -> { if (parent.equals("Предложение")) id = text; }
          case "Наименование" -> { if (parent.equals("Предложение")) name = text; }
          case "ЦенаЗаЕдиницу" -> { if (price == null) price = new BigDecimal(text); }
          case "Количество" -> {
            if (parent.equals("Предложение")) direct = new BigDecimal(text);
            else warehouses = (warehouses == null ? BigDecimal.ZERO : warehouses).add(new BigDecimal(text));
          }
          default -> { }
        }
      }

      @Override
      public void end(Deque<String> path) {
        if (path.peek().equals("Предложение")) offers.put(id, new OfferFact(id, name, price, direct != null ? direct : warehouses));
      }
    });
    return offers;
  }

  /** Товар Ид → Наименование. */
  static Map<String, String> products(Path file) throws Exception {
    Map<String, String> products = new LinkedHashMap<>();
    walk(file, new Visitor() {
      String id, name;

      @Override
      public void text(Deque<String> path, String text) {
        if (!parent(path).equals("Товар")) return;
        if (path.peek().equals("Ид")) id = text;
        if (path.peek().equals("Наименование")) name = text;
      }

      @Override
      public void end(Deque<String> path) {
        if (path.peek().equals("Товар")) products.put(id, name);
      }
    });
    return products;
  }

  /** Группа Ид → its parent group's Ид (null at the top). */
  static Map<String, GroupFact> groups(Path file) throws Exception {
    Map<String, GroupFact> groups = new LinkedHashMap<>();
    Deque<String> open = new ArrayDeque<>();
    walk(file, new Visitor() {
      @Override
      public void text(Deque<String> path, String text) {
        if (path.peek().equals("Ид") && parent(path).equals("Группа")) {
          groups.put(text, new GroupFact(text, open.peek(), null));
          open.push(text);
        }
      }

      @Override
      public void end(Deque<String> path) {
        if (path.peek().equals("Группа") && !open.isEmpty()) open.pop();
      }
    });
    return groups;
  }

  private interface Visitor {
    default void start(Deque<String> path, XMLStreamReader r) {}

    default void text(Deque<String> path, String text) {}

    default void end(Deque<String> path) {}
  }

  private static String parent(Deque<String> path) {
    var it = path.iterator();
    it.next();
    return it.hasNext() ? it.next() : "";
  }

  private static void walk(Path file, Visitor visitor) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
      Deque<String> path = new ArrayDeque<>();
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            path.push(r.getLocalName());
            text.setLength(0);
            visitor.start(path, r);
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            String t = text.toString().trim();
            if (!t.isEmpty()) visitor.text(path, t);
            text.setLength(0);
            visitor.end(path);
            path.pop();
          }
          default -> { }
        }
      }
    }
  }
}
