package com.ocbridge.catalog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes CommerceML 2.07-style import/offers files (UT 11 layout) for tests and the benchmark, streaming item by
 * item so that a 100,000-product catalog never sits in memory.
 */
final class CatalogGenerator {
  private CatalogGenerator() {}

  static final String PRICE_TYPE = "bb14a3a4-6b17-11e0-9819-e0cb4ed5eed4";
  static final String WAREHOUSE_A = "b773bb6b-7556-11e0-96dc-e0cb4ed5eed4";
  static final String WAREHOUSE_B = "b6112590-41ba-11dd-ac9d-0015e9b8c48d";
  static final String COLOUR = "3268183f-18fa-11e7-80c2-0cc47ab29cd1";
  static final String RED = "af848a7e-18fa-11e7-80c2-0cc47ab29cd1";

  /** A characteristic offer of a product: {@code product#id}. */
  record Variant(String id, String size, BigDecimal price, int quantity) {}

  record Item(String id, String sku, String name, String groupId, String manufacturer, List<String> pictures,
      boolean deleted, BigDecimal price, int quantityA, int quantityB, List<Variant> variants) {
    Item {
      pictures = pictures == null ? List.of() : pictures;
      variants = variants == null ? List.of() : variants;
    }

    Item withPrice(BigDecimal value) {
      return new Item(id, sku, name, groupId, manufacturer, pictures, deleted, value, quantityA, quantityB, variants);
    }

    Item withQuantity(int a) {
      return new Item(id, sku, name, groupId, manufacturer, pictures, deleted, price, a, quantityB, variants);
    }

    Item withName(String value) {
      return new Item(id, sku, name == null ? null : value, groupId, manufacturer, pictures, deleted, price, quantityA, quantityB, variants);
    }

    Item deleted(boolean value) {
      return new Item(id, sku, name, groupId, manufacturer, pictures, value, price, quantityA, quantityB, variants);
    }
  }

  static String guid(int i) {
    return String.format("00000000-0000-4000-8000-%012d", i);
  }

  static String groupId(int i) {
    return String.format("10000000-0000-4000-8000-%012d", i);
  }

  /** A plain product with stock in two warehouses. */
  static Item item(int i, int groups) {
    return new Item(guid(i), "ART-" + i, "Товар № " + i, groupId(i % groups), i % 3 == 0 ? "Фабрика " + (i % 7) : null,
        null, false, new BigDecimal(100 + i % 900).add(new BigDecimal("0.50")), i % 17, i % 5, null);
  }

  /** Groups: {@code groups} top-level ones with one child each (child of group g is g + groups). */
  static void writeImport(Path file, boolean onlyChanges, int groups, Iterable<Item> items) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\""
          + " ВерсияСхемы=\"2.07\" ДатаФормирования=\"2026-11-28T10:00:00\">\n<Классификатор><Ид>cls</Ид>"
          + "<Наименование>Классификатор</Наименование><Группы>\n");
      for (int g = 0; g < groups; g++) {
        w.write("<Группа><Ид>" + groupId(g) + "</Ид><Наименование>Группа " + g + "</Наименование></Группа>\n");
      }
      w.write("</Группы><Свойства><Свойство><Ид>" + COLOUR + "</Ид><Наименование>Цвет</Наименование>"
          + "<ТипЗначений>Справочник</ТипЗначений><ВариантыЗначений><Справочник><ИдЗначения>" + RED
          + "</ИдЗначения><Значение>Красный</Значение></Справочник></ВариантыЗначений></Свойство></Свойства>"
          + "</Классификатор>\n<Каталог СодержитТолькоИзменения=\"" + onlyChanges + "\"><Ид>cat</Ид>"
          + "<ИдКлассификатора>cls</ИдКлассификатора><Наименование>Каталог</Наименование><Товары>\n");
      for (Item it : items) {
        w.write("<Товар><Ид>" + it.id() + "</Ид><Артикул>" + it.sku() + "</Артикул><Наименование>" + it.name()
            + "</Наименование><Группы><Ид>" + it.groupId() + "</Ид></Группы><Описание>Описание " + it.sku() + "</Описание>");
        for (String p : it.pictures()) w.write("<Картинка>" + p + "</Картинка>");
        if (it.manufacturer() != null) {
          w.write("<Изготовитель><Ид>m-" + it.manufacturer().hashCode() + "</Ид><Наименование>" + it.manufacturer()
              + "</Наименование></Изготовитель>");
        }
        w.write("<ЗначенияСвойств><ЗначенияСвойства><Ид>" + COLOUR + "</Ид><Значение>" + RED
            + "</Значение></ЗначенияСвойства></ЗначенияСвойств>");
        if (it.deleted()) w.write("<ПометкаУдаления>true</ПометкаУдаления>");
        w.write("<ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>1,25</Значение>"
            + "</ЗначениеРеквизита></ЗначенияРеквизитов></Товар>\n");
      }
      w.write("</Товары></Каталог></КоммерческаяИнформация>\n");
    }
  }

  static void writeOffers(Path file, Iterable<Item> items) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\""
          + " ВерсияСхемы=\"2.07\">\n<ПакетПредложений СодержитТолькоИзменения=\"false\"><Ид>cat#</Ид>"
          + "<Наименование>Пакет</Наименование><ИдКаталога>cat</ИдКаталога><ТипыЦен><ТипЦены><Ид>" + PRICE_TYPE
          + "</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены><ТипЦены><Ид>wholesale</Ид>"
          + "<Наименование>Оптовая</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен><Склады><Склад><Ид>"
          + WAREHOUSE_A + "</Ид><Наименование>Главный</Наименование></Склад><Склад><Ид>" + WAREHOUSE_B
          + "</Ид><Наименование>Второй</Наименование></Склад></Склады><Предложения>\n");
      for (Item it : items) {
        if (it.variants().isEmpty()) {
          offer(w, it.id(), it.sku(), it.name(), null, it.price(), Map.of(WAREHOUSE_A, it.quantityA(), WAREHOUSE_B, it.quantityB()));
        } else {
          for (Variant v : it.variants()) {
            offer(w, it.id() + "#" + v.id(), it.sku(), it.name() + " (" + v.size() + ")", v.size(), v.price(),
                Map.of(WAREHOUSE_A, v.quantity()));
          }
        }
      }
      w.write("</Предложения></ПакетПредложений></КоммерческаяИнформация>\n");
    }
  }

  private static void offer(BufferedWriter w, String id, String sku, String name, String size, BigDecimal price,
      Map<String, Integer> stock) throws IOException {
    int total = stock.values().stream().mapToInt(Integer::intValue).sum();
    w.write("<Предложение><Ид>" + id + "</Ид><Артикул>" + sku + "</Артикул><Наименование>" + name + "</Наименование>");
    if (size != null) {
      w.write("<ХарактеристикиТовара><ХарактеристикаТовара><Наименование>Размер</Наименование><Значение>" + size
          + "</Значение></ХарактеристикаТовара></ХарактеристикиТовара>");
    }
    w.write("<Цены><Цена><ИдТипаЦены>wholesale</ИдТипаЦены><ЦенаЗаЕдиницу>1.00</ЦенаЗаЕдиницу><Валюта>RUB</Валюта>"
        + "</Цена><Цена><ИдТипаЦены>" + PRICE_TYPE + "</ИдТипаЦены><ЦенаЗаЕдиницу>" + price.toPlainString()
        + "</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена></Цены><Количество>" + total + "</Количество>");
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(stock).entrySet()) {
      w.write("<Склад ИдСклада=\"" + e.getKey() + "\" КоличествоНаСкладе=\"" + e.getValue() + "\"/>");
    }
    w.write("</Предложение>\n");
  }
}
