package com.ocbridge.orders;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The query answer as a DOM, read with the JDK's parser (not ours), for field-by-field checks. */
final class Dom {
  private Dom() {}

  static Element parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
  }

  /** The element children of {@code e} named {@code name}, in order. */
  static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) out.add(c);
    }
    return out;
  }

  /** The only child named {@code name}; fails when there is none or more. */
  static Element child(Element e, String name) {
    List<Element> c = children(e, name);
    if (c.size() != 1) throw new AssertionError(c.size() + " <" + name + "> in <" + e.getTagName() + ">");
    return c.get(0);
  }

  static boolean has(Element e, String name) {
    return !children(e, name).isEmpty();
  }

  /** The text of the child at {@code path} ("ЮридическийАдрес/Представление"). */
  static String text(Element e, String path) {
    Element at = e;
    for (String step : path.split("/")) at = child(at, step);
    return at.getTextContent().trim();
  }

  static BigDecimal decimal(Element e, String path) {
    return new BigDecimal(text(e, path));
  }

  /** The element names of the children of {@code e}, in order. */
  static List<String> names(Element e) {
    List<String> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) out.add(c.getTagName());
    }
    return out;
  }
}
