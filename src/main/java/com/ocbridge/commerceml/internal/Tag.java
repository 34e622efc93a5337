package com.ocbridge.commerceml.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The CommerceML element names the reader understands, matched by local name whatever the namespace
 * ({@code commerceml_2}, {@code commerceml_210}, {@code commerceml_3} or none). Everything else is {@link #OTHER}
 * and skipped with its whole subtree.
 */
public enum Tag {
  ROOT("КоммерческаяИнформация"),
  CONTAINER("Контейнер"),
  CLASSIFIER("Классификатор"),
  CATALOG("Каталог"),
  OFFER_PACKAGE("ПакетПредложений"),
  OFFER_PACKAGE_CHANGES("ИзмененияПакетаПредложений"),
  DOCUMENT("Документ"),

  ID("Ид"),
  NAME("Наименование"),
  DESCRIPTION("Описание"),
  VERSION("НомерВерсии"),
  DELETION_MARK("ПометкаУдаления"),
  ONLY_CHANGES("СодержитТолькоИзменения"),
  CLASSIFIER_ID("ИдКлассификатора"),
  CATALOG_ID("ИдКаталога"),

  GROUPS("Группы"),
  GROUP("Группа"),
  PROPERTIES("Свойства"),
  PROPERTY("Свойство"),
  VALUE_TYPE("ТипЗначений"),
  VALUE_VARIANTS("ВариантыЗначений"),
  DICTIONARY("Справочник"),
  VALUE_ID("ИдЗначения"),
  VALUE("Значение"),
  FOR_PRODUCTS("ДляТоваров"),
  FOR_OFFERS("ДляПредложений"),
  PRICE_TYPES("ТипыЦен"),
  PRICE_TYPE("ТипЦены"),
  CURRENCY("Валюта"),
  TAX("Налог"),
  INCLUDED_IN_SUM("УчтеноВСумме"),
  WAREHOUSES("Склады"),
  WAREHOUSE("Склад"),
  UNITS("ЕдиницыИзмерения"),
  UNIT_DEF("ЕдиницаИзмерения"),
  CODE("Код"),
  SHORT_NAME("НаименованиеКраткое"),
  FULL_NAME("НаименованиеПолное"),
  INTL_ABBREVIATION("МеждународноеСокращение"),

  PRODUCTS("Товары"),
  PRODUCT("Товар"),
  SKU("Артикул"),
  BARCODE("Штрихкод"),
  BASE_UNIT("БазоваяЕдиница"),
  PICTURE("Картинка"),
  MANUFACTURER("Изготовитель"),
  PROPERTY_VALUES("ЗначенияСвойств"),
  PROPERTY_VALUE("ЗначенияСвойства"),
  TAX_RATES("СтавкиНалогов"),
  TAX_RATE("СтавкаНалога"),
  RATE("Ставка"),
  REQUISITES("ЗначенияРеквизитов"),
  REQUISITE("ЗначениеРеквизита"),
  CHARACTERISTICS("ХарактеристикиТовара"),
  CHARACTERISTIC("ХарактеристикаТовара"),

  OFFERS("Предложения"),
  OFFER("Предложение"),
  CHARACTERISTIC_ID("ИдХарактеристики"),
  PRICES("Цены"),
  PRICE("Цена"),
  PRESENTATION("Представление"),
  PRICE_TYPE_ID("ИдТипаЦены"),
  PRICE_PER_UNIT("ЦенаЗаЕдиницу"),
  UNIT("Единица"),
  COEFFICIENT("Коэффициент"),
  QUANTITY("Количество"),
  WAREHOUSE_ID("ИдСклада"),
  REMAINS("Остатки"),
  REMAIN("Остаток"),

  NUMBER("Номер"),
  NUMBER_1C("Номер1С"),
  DATE("Дата"),
  DATE_1C("Дата1С"),
  TIME("Время"),
  OPERATION("ХозОперация"),
  BASE("Основание"),
  ROLE("Роль"),
  EXCHANGE_RATE("Курс"),
  SUM("Сумма"),
  COMMENT("Комментарий"),
  COUNTERPARTIES("Контрагенты"),
  COUNTERPARTY("Контрагент"),
  FULL_NAME_COUNTERPARTY("ПолноеНаименование"),
  OFFICIAL_NAME("ОфициальноеНаименование"),
  LAST_NAME("Фамилия"),
  FIRST_NAME("Имя"),
  MIDDLE_NAME("Отчество"),
  INN("ИНН"),
  KPP("КПП"),
  REGISTRATION_ADDRESS("АдресРегистрации"),
  ADDRESS("Адрес"),
  CONTACTS("Контакты"),
  CONTACT("Контакт"),
  TYPE("Тип"),

  OTHER("");

  private static final Map<String, Tag> BY_NAME = new HashMap<>(256);

  static {
    for (Tag t : values()) {
      if (t != OTHER) {
        BY_NAME.put(t.xmlName, t);
      }
    }
    // spellings seen in real files
    BY_NAME.put("ШтрихКод", BARCODE);
  }

  private final String xmlName;

  Tag(String xmlName) {
    this.xmlName = xmlName;
  }

  public String xmlName() {
    return xmlName;
  }

  /** The tag for a local name; {@link #OTHER} when unknown. aalto interns names, so the hash is cached. */
  public static Tag of(String localName) {
    Tag t = BY_NAME.get(localName);
    return t == null ? OTHER : t;
  }
}
