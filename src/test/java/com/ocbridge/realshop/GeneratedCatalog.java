package com.ocbridge.realshop;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes a UT 11-style CommerceML 2.07 pair (import.xml + offers.xml) and its pictures (import_files/…, small real
 * JPEGs made with ImageIO), streaming product by product: every product is a pure function of its index, so neither
 * file is ever held in memory.
 *
 * <ul>
 *   <li>groups: {@code TOP} top-level groups with {@code CHILDREN} children each (200 in all), products in the
 *       children, every 10th in a top-level group and every 25th in two groups;</li>
 *   <li>manufacturers (some with {@code &} and quotes, which OpenCart stores HTML-escaped) and three properties
 *       (a reference-valued one, a text and a number);</li>
 *   <li>15 % of the products with one characteristic kind "Размер", 15 % with two kinds "Размер" and "Цвет"
 *       (one combination left out), as UT 11 writes them in offers.xml under {@code ХарактеристикиТовара};</li>
 *   <li>two price types (the retail one declared first; offers list the wholesale price first) and stock in two
 *       warehouses;</li>
 *   <li>pictures on every 5th product, every 3rd of those with a second picture; the pixels carry a per-run salt, so
 *       the shop cannot pass the checks with files an earlier run left in its image folder.</li>
 * </ul>
 */
final class GeneratedCatalog {
  static final int TOP = 20;
  static final int CHILDREN = 9;
  static final String CLASSIFIER = "5f1b7c34-8a1e-4a8e-9e3c-6d2f0b7a1c01";
  static final String RETAIL = "6a2c8d45-9b2f-4b9f-8f4d-7e3a1c8b2d02";
  static final String WHOLESALE = "7b3d9e56-ac30-4ca0-9a5e-8f4b2d9c3e03";
  static final String WAREHOUSE_A = "8c4eaf67-bd41-4db1-8b6f-9a5c3ead4f04";
  static final String WAREHOUSE_B = "9d5fb078-ce52-4ec2-9c70-ab6d4fbe5a05";
  static final String MATERIAL = "ae60c189-df63-4fd3-ad81-bc7e5acf6b06";
  static final String COUNTRY = "bf71d29a-e074-40e4-be92-cd8f6bd07c07";
  static final String WARRANTY = "c082e3ab-f185-41f5-8fa3-de907ce18d08";
  private static final String[] MATERIALS = {"Хлопок", "Шерсть", "Лён", "Полиэстер", "Кожа"};
  private static final String[] COUNTRIES = {"Россия", "Беларусь", "Казахстан", "Турция", "Китай"};
  private static final String[] SIZES = {"XS", "S", "M", "L", "XL", "XXL"};
  private static final String[] COLOURS = {"Красный", "Синий", "Чёрный", "Белый"};
  private static final String[] MANUFACTURERS = {"Фабрика «Север»", "Иванов & Сыновья", "ООО \"Текстиль\"",
      "Уральская мануфактура", "Восток-Лайн", "Обувь России", "Brand <Nord>", "Маяк", "Ситец", "Заря", "Полёт",
      "Рассвет", "Сибирь", "Волга", "Кама", "Ока", "Нева", "Дон", "Урал", "Алтай", "Байкал", "Енисей", "Амур",
      "Лена", "Обь", "Иртыш", "Тобол", "Печора", "Мезень", "Онега"};

  record Generated(Path importFile, Path offersFile, Map<String, Path> pictures, int products) {
    /** 1C path → local file, in upload order. */
    List<Map.Entry<String, Path>> pictureUploads() {
      return new ArrayList<>(pictures.entrySet());
    }
  }

  /** {@code sku}: the characteristic's own Артикул, "ГЕН-00005-2", as UT 11 exports characteristic codes. */
  private record Variant(String characteristicId, String sku, String size, String colour, BigDecimal price,
      int quantityA, int quantityB) {}

  static String sku(int i) {
    return String.format("ГЕН-%05d", i);
  }

  private GeneratedCatalog() {}

  static String productId(int i) {
    return String.format("3e0c5a1b-%04x-4a6b-9c2d-%012d", i % 0x10000, i);
  }

  static String groupId(int g) {
    return String.format("2d0b4f0a-%04x-4b5a-8b1c-%012d", g, g);
  }

  private static String characteristicId(int product, int v) {
    return String.format("4f1d6b2c-%04x-4c7d-ad3e-%012d", v, product);
  }

  /** 0 = plain, 1 = one kind (Размер), 2 = two kinds (Размер and Цвет). */
  static int kinds(int i) {
    int r = i % 20;
    return r < 3 ? 1 : r < 6 ? 2 : 0;
  }

  static Generated write(Path dir, int count, int salt) throws IOException {
    return write(dir, count, salt, true);
  }

  /** With {@code pictures} false no product has a picture (the benchmark's catalog without pictures). */
  static Generated write(Path dir, int count, int salt, boolean pictures) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Path importFile = dir.resolve("import.xml");
    Path offersFile = dir.resolve("offers.xml");
    Map<String, Path> files = new LinkedHashMap<>();
    try (BufferedWriter w = Files.newBufferedWriter(importFile, StandardCharsets.UTF_8)) {
      writeImport(w, dir, count, salt, pictures ? files : null);
    }
    try (BufferedWriter w = Files.newBufferedWriter(offersFile, StandardCharsets.UTF_8)) {
      writeOffers(w, count);
    }
    return new Generated(importFile, offersFile, files, count);
  }

  /** {@code pictures} null: none. */
  private static void writeImport(BufferedWriter w, Path dir, int count, int salt, Map<String, Path> pictures) throws IOException {
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\""
        + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" ВерсияСхемы=\"2.07\" ДатаФормирования=\"2026-11-28T10:00:00\">\n"
        + "<Классификатор><Ид>" + CLASSIFIER + "</Ид><Наименование>Классификатор (Каталог товаров)</Наименование>\n<Группы>\n");
    for (int t = 0; t < TOP; t++) {
      w.write("<Группа><Ид>" + groupId(t) + "</Ид><Наименование>Раздел " + (t + 1) + "</Наименование><Группы>\n");
      for (int c = 0; c < CHILDREN; c++) {
        int g = TOP + t * CHILDREN + c;
        w.write("  <Группа><Ид>" + groupId(g) + "</Ид><Наименование>Подраздел " + (t + 1) + "." + (c + 1)
            + "</Наименование></Группа>\n");
      }
      w.write("</Группы></Группа>\n");
    }
    w.write("</Группы>\n<Свойства>\n<Свойство><Ид>" + MATERIAL + "</Ид><Наименование>Материал</Наименование>"
        + "<ТипЗначений>Справочник</ТипЗначений><ВариантыЗначений>");
    for (int m = 0; m < MATERIALS.length; m++) {
      w.write("<Справочник><ИдЗначения>" + materialId(m) + "</ИдЗначения><Значение>" + MATERIALS[m] + "</Значение></Справочник>");
    }
    w.write("</ВариантыЗначений></Свойство>\n<Свойство><Ид>" + COUNTRY + "</Ид><Наименование>Страна происхождения"
        + "</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство>\n<Свойство><Ид>" + WARRANTY
        + "</Ид><Наименование>Гарантия, мес.</Наименование><ТипЗначений>Число</ТипЗначений></Свойство>\n</Свойства>\n"
        + "</Классификатор>\n<Каталог СодержитТолькоИзменения=\"false\"><Ид>" + CLASSIFIER + "</Ид><ИдКлассификатора>"
        + CLASSIFIER + "</ИдКлассификатора><Наименование>Каталог товаров</Наименование>\n<Товары>\n");
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder(1024);
      sb.append("<Товар><Ид>").append(productId(i)).append("</Ид><Штрихкод>").append(String.format("46%011d", i))
          .append("</Штрихкод><Артикул>ГЕН-").append(String.format("%05d", i)).append("</Артикул><Наименование>")
          .append(xml(name(i))).append("</Наименование><БазоваяЕдиница Код=\"796\" НаименованиеПолное=\"Штука\""
              + " МеждународноеСокращение=\"PCE\">шт</БазоваяЕдиница><Группы>");
      for (int g : groups(i)) sb.append("<Ид>").append(groupId(g)).append("</Ид>");
      sb.append("</Группы><Описание>Описание товара ").append(i).append(". Состав: ").append(MATERIALS[i % MATERIALS.length])
          .append(".</Описание>");
      for (int k = 0; pictures != null && k < pictureCount(i); k++) {
        String source = "import_files/" + String.format("%02x", i % 256) + "/" + productId(i) + "_" + k + ".jpg";
        Path local = dir.resolve(source);
        Files.createDirectories(local.getParent());
        jpeg(local, i, k, salt);
        pictures.put(source, local);
        sb.append("<Картинка>").append(source).append("</Картинка>");
      }
      if (i % 4 != 3) {
        int m = i % MANUFACTURERS.length;
        sb.append("<Изготовитель><Ид>").append(String.format("d193f4bc-0296-4206-90b4-%012d", m)).append("</Ид><Наименование>")
            .append(xml(MANUFACTURERS[m])).append("</Наименование></Изготовитель>");
      }
      sb.append("<ЗначенияСвойств><ЗначенияСвойства><Ид>").append(MATERIAL).append("</Ид><Значение>")
          .append(materialId(i % MATERIALS.length)).append("</Значение></ЗначенияСвойства>");
      if (i % 2 == 0) {
        sb.append("<ЗначенияСвойства><Ид>").append(COUNTRY).append("</Ид><Значение>").append(COUNTRIES[i % COUNTRIES.length])
            .append("</Значение></ЗначенияСвойства>");
      }
      if (i % 3 == 0) {
        sb.append("<ЗначенияСвойства><Ид>").append(WARRANTY).append("</Ид><Значение>").append(6 + i % 4 * 6)
            .append("</Значение></ЗначенияСвойства>");
      }
      sb.append("</ЗначенияСвойств><СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>20</Ставка>"
          + "</СтавкаНалога></СтавкиНалогов><ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>ВидНоменклатуры"
          + "</Наименование><Значение>Товар</Значение></ЗначениеРеквизита><ЗначениеРеквизита><Наименование>Полное"
          + " наименование</Наименование><Значение>").append(xml(name(i))).append("</Значение></ЗначениеРеквизита>"
          + "</ЗначенияРеквизитов></Товар>\n");
      w.write(sb.toString());
    }
    w.write("</Товары></Каталог></КоммерческаяИнформация>\n");
  }

  private static void writeOffers(BufferedWriter w, int count) throws IOException {
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\""
        + " ВерсияСхемы=\"2.07\" ДатаФормирования=\"2026-11-28T10:00:00\">\n<ПакетПредложений"
        + " СодержитТолькоИзменения=\"false\"><Ид>" + CLASSIFIER + "#</Ид><Наименование>Пакет предложений</Наименование>"
        + "<ИдКаталога>" + CLASSIFIER + "</ИдКаталога><ИдКлассификатора>" + CLASSIFIER + "</ИдКлассификатора>\n<ТипыЦен>"
        + "<ТипЦены><Ид>" + RETAIL + "</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены>"
        + "<ТипЦены><Ид>" + WHOLESALE + "</Ид><Наименование>Оптовая</Наименование><Валюта>RUB</Валюта></ТипЦены>"
        + "</ТипыЦен>\n<Склады><Склад><Ид>" + WAREHOUSE_A + "</Ид><Наименование>Главный склад</Наименование></Склад>"
        + "<Склад><Ид>" + WAREHOUSE_B + "</Ид><Наименование>Магазин</Наименование></Склад></Склады>\n<Предложения>\n");
    for (int i = 0; i < count; i++) {
      List<Variant> variants = variants(i);
      if (variants.isEmpty()) {
        offer(w, productId(i), sku(i), name(i), null, null, basePrice(i), (i * 7) % 23, i % 5);
      } else {
        for (Variant v : variants) {
          String label = v.colour() == null ? v.size() : v.size() + ", " + v.colour();
          offer(w, productId(i) + "#" + v.characteristicId(), v.sku(), name(i) + " (" + label + ")", v.size(), v.colour(),
              v.price(), v.quantityA(), v.quantityB());
        }
      }
    }
    w.write("</Предложения></ПакетПредложений></КоммерческаяИнформация>\n");
  }

  private static void offer(BufferedWriter w, String id, String sku, String name, String size, String colour,
      BigDecimal price, int a, int b) throws IOException {
    StringBuilder sb = new StringBuilder(800);
    sb.append("<Предложение><Ид>").append(id).append("</Ид><Артикул>").append(sku)
        .append("</Артикул><Наименование>").append(xml(name)).append("</Наименование><БазоваяЕдиница Код=\"796\""
            + " НаименованиеПолное=\"Штука\" МеждународноеСокращение=\"PCE\">шт</БазоваяЕдиница>");
    if (size != null) {
      sb.append("<ХарактеристикиТовара><ХарактеристикаТовара><Наименование>Размер</Наименование><Значение>").append(size)
          .append("</Значение></ХарактеристикаТовара>");
      if (colour != null) {
        sb.append("<ХарактеристикаТовара><Наименование>Цвет</Наименование><Значение>").append(colour)
            .append("</Значение></ХарактеристикаТовара>");
      }
      sb.append("</ХарактеристикиТовара>");
    }
    BigDecimal wholesale = price.multiply(new BigDecimal("0.8")).setScale(2, java.math.RoundingMode.HALF_UP);
    sb.append("<Цены><Цена><Представление>").append(wholesale.toPlainString()).append(" RUB за шт</Представление><ИдТипаЦены>")
        .append(WHOLESALE).append("</ИдТипаЦены><ЦенаЗаЕдиницу>").append(wholesale.toPlainString())
        .append("</ЦенаЗаЕдиницу><Валюта>RUB</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена>")
        .append("<Цена><Представление>").append(price.toPlainString()).append(" RUB за шт</Представление><ИдТипаЦены>")
        .append(RETAIL).append("</ИдТипаЦены><ЦенаЗаЕдиницу>").append(price.toPlainString())
        .append("</ЦенаЗаЕдиницу><Валюта>RUB</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена></Цены>")
        .append("<Количество>").append(a + b).append("</Количество>")
        .append("<Склад ИдСклада=\"").append(WAREHOUSE_A).append("\" КоличествоНаСкладе=\"").append(a).append("\"/>")
        .append("<Склад ИдСклада=\"").append(WAREHOUSE_B).append("\" КоличествоНаСкладе=\"").append(b).append("\"/>")
        .append("</Предложение>\n");
    w.write(sb.toString());
  }

  private static List<Variant> variants(int i) {
    int kinds = kinds(i);
    List<Variant> list = new ArrayList<>();
    if (kinds == 0) return list;
    BigDecimal base = basePrice(i);
    if (kinds == 1) {
      int n = 2 + i % 4;
      int first = i % 3;
      for (int v = 0; v < n; v++) {
        int s = (first + v) % SIZES.length;
        list.add(new Variant(characteristicId(i, v), sku(i) + "-" + v, SIZES[s], null, base.add(BigDecimal.valueOf(v * 50L)),
            (i + v * 3) % 11, (i + v) % 3));
      }
    } else {
      int sizes = 2 + i % 2;
      int skip = i % (sizes * 2);
      // every 40th product comes in one colour only: there one option per kind is exact (catalog.variants=kinds)
      boolean oneColour = i % 40 == 5;
      for (int s = 0; s < sizes; s++) {
        for (int c = 0; c < (oneColour ? 1 : 2); c++) {
          int k = s * 2 + c;
          if (k == skip && !oneColour) continue; // UT 11 exports only the combinations that exist
          // not additive (the bigger size in the second colour costs 15 more): only a value per combination is exact
          list.add(new Variant(characteristicId(i, k), sku(i) + "-" + k, SIZES[(i + s) % SIZES.length],
              COLOURS[(i + c) % COLOURS.length], base.add(BigDecimal.valueOf(s * 30L + c * 10L + s * c * 15L)),
              (i + k * 2) % 9, (k + 1) % 3));
        }
      }
    }
    return list;
  }

  private static BigDecimal basePrice(int i) {
    return new BigDecimal(150 + (i * 37) % 9000).add(new BigDecimal(i % 4 == 0 ? "0.99" : i % 4 == 1 ? "0.50" : "0"));
  }

  static String name(int i) {
    String[] kinds = {"Футболка", "Куртка", "Свитер", "Брюки", "Шапка", "Ботинки", "Рубашка", "Платье"};
    String name = kinds[i % kinds.length] + " модель " + i;
    if (i % 50 == 7) name += " \"Люкс\" & Ко";
    return name;
  }

  private static int[] groups(int i) {
    if (i % 10 == 0) return new int[] {i % TOP};
    int child = TOP + (i * 7) % (TOP * CHILDREN);
    if (i % 25 == 1) return new int[] {child, TOP + (i * 7 + 1) % (TOP * CHILDREN)};
    return new int[] {child};
  }

  private static int pictureCount(int i) {
    if (i % 5 != 4) return 0;
    return (i / 5) % 3 == 0 ? 2 : 1;
  }

  private static String materialId(int m) {
    return String.format("e2a4f5cd-13a7-4317-a1c5-%012d", m);
  }

  /** A small real JPEG, different for every product, picture and run. */
  private static void jpeg(Path file, int product, int k, int salt) throws IOException {
    BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    int seed = product * 31 + k * 7 + salt;
    for (int x = 0; x < 24; x++) {
      for (int y = 0; y < 24; y++) {
        int r = (x * 10 + seed) & 0xFF;
        int g = (y * 10 + (seed >>> 8)) & 0xFF;
        int b = ((x ^ y) * 8 + (seed >>> 16)) & 0xFF;
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    // the index and the salt in the first row, bit by bit, so no two pictures are the same file
    long bits = ((long) salt << 24) ^ ((long) product << 2) ^ k;
    for (int x = 0; x < 24; x++) img.setRGB(x, 0, ((bits >>> x) & 1) == 1 ? 0xFFFFFF : 0x000000);
    if (!ImageIO.write(img, "jpg", file.toFile())) throw new IOException("no JPEG writer");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
