package com.ocbridge.catalog;

import com.ocbridge.opencart.model.ProductDescription;
import com.ocbridge.opencart.model.ProductWrite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-field hashes of a product write, for the fields {@code catalog_product} keeps no text of: a change plan names
 * the field that changes (description, categories, …) by comparing them with what was last sent, without keeping
 * the texts themselves. Name, sku, model and status are kept as text and compared as such.
 */
final class FieldHashes {
  static final String DESCRIPTION = "description";
  static final String CATEGORIES = "categories";
  static final String ATTRIBUTES = "attributes";
  static final String PICTURES = "pictures";
  static final String MANUFACTURER = "manufacturer";
  static final String EAN = "ean";
  static final String WEIGHT = "weight";

  private FieldHashes() {}

  static Map<String, String> of(ProductWrite w, String language) {
    Map<String, String> map = new LinkedHashMap<>();
    ProductDescription d = w.descriptions() == null ? null : w.descriptions().get(language);
    map.put(DESCRIPTION, hash(d == null ? null : d.description()));
    map.put(CATEGORIES, hash(w.categories()));
    map.put(ATTRIBUTES, hash(w.attributes()));
    List<Object> pictures = new ArrayList<>();
    pictures.add(w.image());
    pictures.add(w.images());
    map.put(PICTURES, hash(pictures));
    map.put(MANUFACTURER, hash(w.manufacturer()));
    map.put(EAN, hash(w.ean()));
    map.put(WEIGHT, hash(w.weight() == null ? null : w.weight().stripTrailingZeros().toPlainString()));
    return map;
  }

  private static String hash(Object value) {
    return value == null ? "-" : Hashes.ofJson(value);
  }
}
