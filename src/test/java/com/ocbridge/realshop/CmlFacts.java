package com.ocbridge.realshop;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * What a set of CommerceML files says, read with the JDK's own StAX parser, independently of the bridge's reader
 * and sync: groups, properties, products, price types and offers (merged over the files of a split set in the order
 * given, as 1C sends them). The real-shop tests derive their expectations from this and nothing else.
 */
final class CmlFacts {
  record Group(String id, String parentId, String name) {}

  record Property(String id, String name, Map<String, String> dictionary) {}

  record PropertyValue(String propertyId, String value) {}

  record Product(String id, String sku, String name, List<String> groupIds, String manufacturer,
      List<String> pictures, boolean deleted, List<PropertyValue> properties) {}

  record Characteristic(String name, String value) {}

  /**
   * An offer: {@code prices} = the first ЦенаЗаЕдиницу of each price type; {@code quantity} = the sum over warehouses,
   * else the offer's own Количество, null when no file of the set said anything about its stock.
   */
  record Offer(String id, String sku, String name, Map<String, BigDecimal> prices, BigDecimal quantity,
      List<Characteristic> characteristics, Boolean deleted) {
    String productId() {
      int hash = id.indexOf('#');
      return hash < 0 ? id : id.substring(0, hash);
    }

    String characteristicId() {
      int hash = id.indexOf('#');
      return hash < 0 || hash == id.length() - 1 ? null : id.substring(hash + 1);
    }

    Offer mergedWith(Offer later) {
      Map<String, BigDecimal> p = new LinkedHashMap<>(prices);
      p.putAll(later.prices);
      return new Offer(id, later.sku != null ? later.sku : sku, later.name != null ? later.name : name, p, later.quantity != null ? later.quantity : quantity,
          later.characteristics.isEmpty() ? characteristics : later.characteristics,
          later.deleted != null ? later.deleted : deleted);
    }
  }

  final Set<String> priceTypes = new LinkedHashSet<>();
  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, Property> properties = new LinkedHashMap<>();
  final Map<String, Product> products = new LinkedHashMap<>();
  final Map<String, Offer> offers = new LinkedHashMap<>();

  static CmlFacts read(List<Path> files) throws Exception {
    CmlFacts facts = new CmlFacts();
    for (Path f : files) facts.readFile(f);
    return facts;
  }

  /** The price type the shop's price comes from: the first one the set declares. */
  String firstPriceType() {
    return priceTypes.isEmpty() ? null : priceTypes.iterator().next();
  }

  // ------------------------------------------------------------------ the walk

  private static final class GroupFrame {
    String id;
    String name;
  }

  private static final class PropertyFrame {
    String id;
    String name;
    final Map<String, String> dictionary = new LinkedHashMap<>();
    String pendingValueId;
  }

  private static final class ProductFrame {
    String id, sku, name, manufacturer;
    boolean deleted;
    final List<String> groups = new ArrayList<>();
    final List<String> pictures = new ArrayList<>();
    final List<PropertyValue> values = new ArrayList<>();
    String valuePropertyId;
    final List<String> valueTexts = new ArrayList<>();
  }

  private static final class OfferFrame {
    String sku;
    String id, name;
    Boolean deleted;
    final Map<String, BigDecimal> prices = new LinkedHashMap<>();
    String priceType;
    BigDecimal priceValue;
    BigDecimal direct;
    BigDecimal warehouses;
    final List<Characteristic> characteristics = new ArrayList<>();
    String charName, charValue;

    void addWarehouse(BigDecimal q) {
      warehouses = warehouses == null ? q : warehouses.add(q);
    }
  }

  private void readFile(Path file) throws Exception {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader r = factory.createXMLStreamReader(in);
      List<String> path = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      Deque<GroupFrame> groupStack = new ArrayDeque<>();
      PropertyFrame property = null;
      ProductFrame product = null;
      OfferFrame offer = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          path.add(name);
          text.setLength(0);
          String parent = at(path, 1);
          switch (name) {
            case "Группа" -> { if (parent.equals("Группы") && inside(path, "Классификатор")) groupStack.push(new GroupFrame()); }
            case "Свойство" -> { if (parent.equals("Свойства")) property = new PropertyFrame(); }
            case "Товар" -> { if (parent.equals("Товары") && inside(path, "Каталог")) product = new ProductFrame(); }
            case "Предложение" -> { if (parent.equals("Предложения")) offer = new OfferFrame(); }
            case "Склад" -> {
              if (offer != null && parent.equals("Предложение")) {
                String q = r.getAttributeValue(null, "КоличествоНаСкладе");
                if (q != null && !q.isBlank()) offer.addWarehouse(decimal(q));
              }
            }
            default -> { }
          }
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = path.get(path.size() - 1);
          String parent = at(path, 1);
          String grand = at(path, 2);
          String t = text.toString().trim();
          text.setLength(0);
          // groups of the classifier
          if (!groupStack.isEmpty() && parent.equals("Группа") && product == null) {
            if (name.equals("Ид")) groupStack.peek().id = t;
            if (name.equals("Наименование")) groupStack.peek().name = t;
          }
          if (name.equals("Группа") && !groupStack.isEmpty() && parent.equals("Группы") && inside(path, "Классификатор")) {
            GroupFrame g = groupStack.pop();
            GroupFrame up = groupStack.peek();
            if (g.id != null) groups.put(g.id, new Group(g.id, up == null ? null : up.id, g.name));
          }
          // price types, in the classifier (2.09 split sets) or the offers package
          if (name.equals("Ид") && parent.equals("ТипЦены") && !t.isEmpty()) priceTypes.add(t);
          // properties
          if (property != null) {
            if (parent.equals("Свойство") && name.equals("Ид")) property.id = t;
            if (parent.equals("Свойство") && name.equals("Наименование")) property.name = t;
            if (parent.equals("Справочник") && name.equals("ИдЗначения")) property.pendingValueId = t;
            if (parent.equals("Справочник") && name.equals("Значение") && property.pendingValueId != null) {
              property.dictionary.put(property.pendingValueId, t);
              property.pendingValueId = null;
            }
            if (name.equals("Свойство") && parent.equals("Свойства")) {
              if (property.id != null) properties.put(property.id, new Property(property.id, property.name, property.dictionary));
              property = null;
            }
          }
          // products
          if (product != null) {
            if (parent.equals("Товар")) {
              switch (name) {
                case "Ид" -> product.id = t;
                case "Артикул" -> product.sku = t.isEmpty() ? null : t;
                case "Наименование" -> product.name = t.isEmpty() ? null : t;
                case "Картинка" -> { if (!t.isEmpty()) product.pictures.add(t); }
                case "ПометкаУдаления" -> product.deleted = t.equalsIgnoreCase("true");
                default -> { }
              }
            }
            if (name.equals("Ид") && parent.equals("Группы") && grand.equals("Товар") && !t.isEmpty()) product.groups.add(t);
            if (name.equals("Наименование") && parent.equals("Изготовитель") && grand.equals("Товар")) product.manufacturer = t;
            if (parent.equals("ЗначенияСвойства")) {
              if (name.equals("Ид")) product.valuePropertyId = t;
              if (name.equals("Значение")) product.valueTexts.add(t);
            }
            if (name.equals("ЗначенияСвойства")) {
              for (String v : product.valueTexts) product.values.add(new PropertyValue(product.valuePropertyId, v));
              product.valuePropertyId = null;
              product.valueTexts.clear();
            }
            if (name.equals("Товар") && parent.equals("Товары")) {
              if (product.id != null) {
                products.put(product.id, new Product(product.id, product.sku, product.name, List.copyOf(product.groups),
                    product.manufacturer, List.copyOf(product.pictures), product.deleted, List.copyOf(product.values)));
              }
              product = null;
            }
          }
          // offers
          if (offer != null) {
            if (parent.equals("Предложение")) {
              switch (name) {
                case "Ид" -> offer.id = t;
                case "Наименование" -> offer.name = t.isEmpty() ? null : t;
                case "Артикул" -> offer.sku = t.isEmpty() ? null : t;
                case "Количество" -> { if (!t.isEmpty()) offer.direct = decimal(t); }
                case "ПометкаУдаления" -> offer.deleted = t.equalsIgnoreCase("true");
                default -> { }
              }
            }
            if (parent.equals("Цена")) {
              if (name.equals("ИдТипаЦены")) offer.priceType = t;
              if (name.equals("ЦенаЗаЕдиницу") && !t.isEmpty()) offer.priceValue = decimal(t);
            }
            if (name.equals("Цена") && parent.equals("Цены")) {
              if (offer.priceValue != null) offer.prices.putIfAbsent(offer.priceType == null ? "" : offer.priceType, offer.priceValue);
              offer.priceType = null;
              offer.priceValue = null;
            }
            // 2.09 / 3.x stock: Остатки/Остаток/Склад/Количество, or Остатки/Остаток/Количество without a warehouse
            if (name.equals("Количество") && parent.equals("Склад") && grand.equals("Остаток") && !t.isEmpty()) offer.addWarehouse(decimal(t));
            if (name.equals("Количество") && parent.equals("Остаток") && !t.isEmpty()) offer.direct = decimal(t);
            if (parent.equals("ХарактеристикаТовара")) {
              if (name.equals("Наименование")) offer.charName = t;
              if (name.equals("Значение")) offer.charValue = t;
            }
            if (name.equals("ХарактеристикаТовара")) {
              offer.characteristics.add(new Characteristic(offer.charName, offer.charValue));
              offer.charName = offer.charValue = null;
            }
            if (name.equals("Предложение") && parent.equals("Предложения")) {
              if (offer.id != null) {
                BigDecimal q = offer.warehouses != null ? offer.warehouses : offer.direct;
                Offer o = new Offer(offer.id, offer.sku, offer.name, Map.copyOf(offer.prices), q, List.copyOf(offer.characteristics), offer.deleted);
                offers.merge(o.id(), o, Offer::mergedWith);
              }
              offer = null;
            }
          }
          path.remove(path.size() - 1);
        }
      }
    }
  }

  private static String at(List<String> path, int up) {
    int i = path.size() - 1 - up;
    return i >= 0 ? path.get(i) : "";
  }

  private static boolean inside(List<String> path, String element) {
    return path.contains(element);
  }

  static BigDecimal decimal(String text) {
    return new BigDecimal(text.replace('\u00a0', ' ').replace(" ", "").replace(',', '.'));
  }
}
