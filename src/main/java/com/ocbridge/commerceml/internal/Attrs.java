package com.ocbridge.commerceml.internal;

import javax.xml.stream.XMLStreamReader;

/** Attribute access by local name (namespace ignored) for the element the parser is on. */
public final class Attrs {
  private final XMLStreamReader reader;

  public Attrs(XMLStreamReader reader) {
    this.reader = reader;
  }

  /** The trimmed value of the attribute with this local name, or null when absent or blank. */
  public String get(String localName) {
    int n = reader.getAttributeCount();
    for (int i = 0; i < n; i++) {
      if (localName.equals(reader.getAttributeLocalName(i))) {
        return Values.clean(reader.getAttributeValue(i));
      }
    }
    return null;
  }
}
