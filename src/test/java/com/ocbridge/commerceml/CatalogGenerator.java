package com.ocbridge.commerceml;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/**
 * Streams a realistic CommerceML 2.07 catalog (import0_1.xml shape, UTF-8 with BOM, namespace, Cyrillic
 * everywhere) of about the requested size to a file, without holding it in memory: a classifier with a three-level
 * group tree and dictionary properties, then products with barcode, SKU, name, unit with Пересчет, groups,
 * description (with entities), pictures, manufacturer, property values (dictionary references and decimal-comma
 * literals), tax rate and requisites. Deterministic for a given seed.
 */
final class CatalogGenerator {
  static final int GROUPS = 200;
  static final int PROPERTIES = 20;
  static final int VALUES_PER_PROPERTY = 10;

  private final Random random = new Random(42);
  private final String[] groupIds = new String[GROUPS];
  private final String[] propertyIds = new String[PROPERTIES];
  private final String[][] valueIds = new String[PROPERTIES][VALUES_PER_PROPERTY];
  private static final String[] WORDS = ("Ботинки Сапоги Туфли кожаные замшевые женские мужские детские зимние летние "
      + "коричневые чёрные бежевые Ёлочные Чайник Кофеварка Стул Стол обеденный «Классика» №5 размер цвет").split(" ");

  /** Writes the file; returns the number of products written. */
  long write(Path file, long targetBytes) throws IOException {
    for (int i = 0; i < GROUPS; i++) {
      groupIds[i] = uuid();
    }
    for (int p = 0; p < PROPERTIES; p++) {
      propertyIds[p] = uuid();
      for (int v = 0; v < VALUES_PER_PROPERTY; v++) {
        valueIds[p][v] = uuid();
      }
    }
    long products = 0;
    try (OutputStream raw = Files.newOutputStream(file);
       CountingStream counting = new CountingStream(raw);
       BufferedWriter w = new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8), 1 << 20)) {
      counting.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      w.write("<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.07\" "
          + "ДатаФормирования=\"2024-05-01T9:05:03\">\n");
      classifier(w);
      w.write("\t<Каталог СодержитТолькоИзменения=\"false\">\n\t\t<Ид>" + uuid() + "</Ид>\n"
          + "\t\t<Наименование>Основной каталог товаров</Наименование>\n\t\t<Товары>\n");
      while (counting.count + 4096 < targetBytes) {
        product(w, products++);
        if ((products & 255) == 0) {
          w.flush(); // keep the byte count honest
        }
      }
      w.write("\t\t</Товары>\n\t</Каталог>\n</КоммерческаяИнформация>\n");
    }
    return products;
  }

  private void classifier(BufferedWriter w) throws IOException {
    w.write("\t<Классификатор>\n\t\t<Ид>" + uuid()
        + "</Ид>\n\t\t<Наименование>Классификатор</Наименование>\n\t\t<Группы>\n");
    // 10 top groups × 4 children × 4 grandchildren (+ flat rest)
    int g = 0;
    for (int top = 0; top < 10 && g < GROUPS; top++) {
      w.write("\t\t\t<Группа><Ид>" + groupIds[g++] + "</Ид><Наименование>Раздел " + top + "</Наименование><Группы>\n");
      for (int child = 0; child < 4 && g < GROUPS; child++) {
        w.write("\t\t\t\t<Группа><Ид>" + groupIds[g++] + "</Ид><Наименование>Подраздел " + child
            + "</Наименование><Группы>\n");
        for (int leaf = 0; leaf < 4 && g < GROUPS; leaf++) {
          w.write("\t\t\t\t\t<Группа><Ид>" + groupIds[g++] + "</Ид><Наименование>Категория " + leaf
              + "</Наименование></Группа>\n");
        }
        w.write("\t\t\t\t</Группы></Группа>\n");
      }
      w.write("\t\t\t</Группы></Группа>\n");
    }
    while (g < GROUPS) {
      w.write("\t\t\t<Группа><Ид>" + groupIds[g++] + "</Ид><Наименование>Прочее</Наименование></Группа>\n");
    }
    w.write("\t\t</Группы>\n\t\t<Свойства>\n");
    for (int p = 0; p < PROPERTIES; p++) {
      w.write("\t\t\t<Свойство>\n\t\t\t\t<Ид>" + propertyIds[p] + "</Ид>\n\t\t\t\t<Наименование>Свойство " + p
          + "</Наименование>\n\t\t\t\t<ТипЗначений>" + (p % 4 == 3 ? "Число" : "Справочник") + "</ТипЗначений>\n"
          + "\t\t\t\t<ВариантыЗначений>\n");
      for (int v = 0; v < VALUES_PER_PROPERTY; v++) {
        w.write("\t\t\t\t\t<Справочник><ИдЗначения>" + valueIds[p][v] + "</ИдЗначения><Значение>Значение "
            + word() + " " + v + "</Значение></Справочник>\n");
      }
      w.write("\t\t\t\t</ВариантыЗначений>\n\t\t\t</Свойство>\n");
    }
    w.write("\t\t</Свойства>\n\t</Классификатор>\n");
  }

  private void product(BufferedWriter w, long n) throws IOException {
    String id = uuid();
    String name = word() + " " + word() + " " + word() + " арт." + n;
    w.write("\t\t\t<Товар>\n\t\t\t\t<Ид>" + id + "</Ид>\n");
    w.write("\t\t\t\t<Штрихкод>46" + (1_000_000_000L + n) + "</Штрихкод>\n");
    w.write("\t\t\t\t<Артикул>АРТ-" + n + "</Артикул>\n");
    w.write("\t\t\t\t<Наименование>" + name + "</Наименование>\n");
    w.write("\t\t\t\t<БазоваяЕдиница Код=\"796 \" НаименованиеПолное=\"Штука\" МеждународноеСокращение=\"PCE\">\n"
        + "\t\t\t\t\t<Пересчет><Единица>796</Единица><Коэффициент>1</Коэффициент></Пересчет>\n"
        + "\t\t\t\t</БазоваяЕдиница>\n");
    w.write("\t\t\t\t<Группы><Ид>" + groupIds[random.nextInt(GROUPS)] + "</Ид></Группы>\n");
    w.write("\t\t\t\t<Описание>");
    for (int i = 0; i < 40; i++) {
      w.write(word());
      w.write(i % 13 == 12 ? " &amp; " : " ");
    }
    w.write("</Описание>\n");
    w.write("\t\t\t\t<Картинка>import_files/" + id.substring(0, 2) + "/" + id + ".jpg</Картинка>\n");
    w.write("\t\t\t\t<Изготовитель><Ид>" + valueIds[0][random.nextInt(VALUES_PER_PROPERTY)]
        + "</Ид><Наименование>Фабрика «" + word() + "»</Наименование></Изготовитель>\n");
    w.write("\t\t\t\t<ЗначенияСвойств>\n");
    for (int k = 0; k < 6; k++) {
      int p = random.nextInt(PROPERTIES);
      String value = p % 4 == 3 ? random.nextInt(100) + "," + random.nextInt(10)
          : valueIds[p][random.nextInt(VALUES_PER_PROPERTY)];
      w.write("\t\t\t\t\t<ЗначенияСвойства><Ид>" + propertyIds[p] + "</Ид><Значение>" + value
          + "</Значение></ЗначенияСвойства>\n");
    }
    w.write("\t\t\t\t</ЗначенияСвойств>\n");
    w.write("\t\t\t\t<СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>20</Ставка>"
        + "</СтавкаНалога></СтавкиНалогов>\n");
    w.write("\t\t\t\t<ЗначенияРеквизитов>\n"
        + "\t\t\t\t\t<ЗначениеРеквизита><Наименование>ВидНоменклатуры</Наименование>"
        + "<Значение>Товар</Значение></ЗначениеРеквизита>\n"
        + "\t\t\t\t\t<ЗначениеРеквизита><Наименование>ТипНоменклатуры</Наименование>"
        + "<Значение>Товар</Значение></ЗначениеРеквизита>\n"
        + "\t\t\t\t\t<ЗначениеРеквизита><Наименование>Полное наименование</Наименование><Значение>" + name
        + "</Значение></ЗначениеРеквизита>\n"
        + "\t\t\t\t\t<ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>" + random.nextInt(5) + ","
        + random.nextInt(1000) + "</Значение></ЗначениеРеквизита>\n"
        + "\t\t\t\t</ЗначенияРеквизитов>\n");
    w.write("\t\t\t</Товар>\n");
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** Counts bytes written so the generator can stop at the target size. */
  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
