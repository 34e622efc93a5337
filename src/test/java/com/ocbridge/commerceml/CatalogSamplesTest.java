package com.ocbridge.commerceml;

import com.ocbridge.testing.Samples;

import com.ocbridge.commerceml.model.CatalogHeader;
import com.ocbridge.commerceml.model.ClassifierHeader;
import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.Product;
import com.ocbridge.commerceml.model.PropertyValue;
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.TaxRate;
import com.ocbridge.commerceml.model.UnitRef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Catalog and classifier files of the corpus (S#1, 3, 6, 7, 9, 11, 14, 18, 19, 23, 24): concrete values per file. */
class CatalogSamplesTest extends ReaderTestBase {
  /** S#1: 2.03, Ukrainian 1C, ШтрихКод spelling, bare-date ДатаФормирования, empty Картинка, trailing spaces. */
  @Test
  void s01_denis_import() {
    Collected c = read("Denis-777__test/import.xml");
    assertEquals("2.03", c.summary.schemaVersion());
    assertEquals(LocalDateTime.of(2020, 8, 11, 0, 0), c.summary.generatedAt());
    assertTrue(c.summary.bom());
    assertEquals(Set.of(DocumentKind.CLASSIFIER, DocumentKind.CATALOG), c.summary.kinds());
    assertEquals(27, c.summary.count("product"));
    assertEquals(3, c.summary.count("group"));
    // СодержитТолькоИзменения comes as an element after the products
    assertEquals(Boolean.FALSE, c.summary.onlyChanges());

    Group imported = c.group("ede03975-d8bb-11ea-b344-7ce9d3ddbe3e");
    assertEquals("Импорт", imported.name());
    assertEquals("e5413e3a-79cb-11ea-80d1-408d5c7d3c4b", imported.parentId());
    assertEquals(1, imported.level());
    assertEquals("Ведра и крышки", c.group(imported.parentId()).name());

    Product p = c.product("0fcbc6db-b6f0-11ea-b33f-7ce9d3ddbe3e");
    assertEquals("4820182290183", p.barcode()); // <ШтрихКод>
    assertEquals("Ведро (мерное прозрачное) \"5 л\" п/п", p.name()); // trailing space trimmed
    assertEquals(new UnitRef("2009", "шт", "Штука", "-"), p.baseUnit());
    assertEquals(List.of("ede03974-d8bb-11ea-b344-7ce9d3ddbe3e"), p.groupIds());
    assertEquals(List.of(), p.pictures()); // <Картинка/>
    assertEquals("Товар", p.requisites().get("ВидНоменклатуры"));
    assertNull(p.sku());
    assertNull(p.characteristicId());
    // the header comes before the first product
    assertInstanceOf(ClassifierHeader.class, c.records.get(0));
    int header = c.records.indexOf(c.first(CatalogHeader.class));
    assertTrue(header < c.records.indexOf(c.first(Product.class)));
  }

  /** S#3: official 2.04 sample; variants as separate Товар with product#characteristic Ид. */
  @Test
  void s03_official_import() {
    Collected c = read("irpsv__commerceml/off-doc-1c__import.xml");
    assertEquals("2.04", c.summary.schemaVersion());
    assertFalse(c.summary.bom());
    assertEquals(4, c.summary.count("product"));
    Product p = c.product("05e26d70-01e4-11dc-a411-00055d80a2d1#05e26d76-01e4-11dc-a411-00055d80a2d1");
    assertEquals("05e26d70-01e4-11dc-a411-00055d80a2d1", p.productId());
    assertEquals("05e26d76-01e4-11dc-a411-00055d80a2d1", p.characteristicId());
    assertEquals("Стол обеденный", p.name());
    assertEquals("Мебель", c.group(p.groupIds().get(0)).name());
    assertEquals(List.of(new com.ocbridge.commerceml.model.Characteristic("Цвет", "Белый")), p.characteristics());
    assertEquals(List.of(new TaxRate("НДС", "18")), p.taxRates());
    assertEquals(new BigDecimal("18"), p.taxRates().get(0).percent());
    assertEquals("Стол обеденный", p.requisites().get("Полное наименование"));
  }

  /** S#6: 2.05 full export; dictionary property values resolved, empty values kept as "no value". */
  @Test
  void s06_django_import() {
    Collected c = read("ArtemiusUA__django-cml/import.xml");
    assertEquals(282, c.summary.count("product"));
    assertEquals(36, c.summary.count("group"));
    assertEquals(Boolean.FALSE, c.first(CatalogHeader.class).onlyChanges());
    Product p = c.product("6a627b7f-720a-11d9-ac6c-0080482454f7");
    assertEquals("К-7778", p.sku());
    assertEquals("Кофеварка BRAUN KF22R", p.name());
    assertEquals("Кухонные электроприборы", c.group(p.groupIds().get(0)).name());
    PropertyValue strategy = p.property("0c0a6117-bf84-11dd-b21b-00112f3000a2");
    assertEquals("Стратегия продаж", strategy.propertyName());
    assertEquals("Новинка", strategy.value());
    assertEquals("0c0a6118-bf84-11dd-b21b-00112f3000a2", strategy.rawValue());
    assertTrue(strategy.resolved());
    PropertyValue brand = p.propertyNamed("Торговая марка");
    assertNull(brand.value()); // <Значение/>
    assertEquals("0", p.requisites().get("Вес"));
    Property channel = c.property("66247602-7381-11d9-ac6d-0080482454f7");
    assertEquals(Map.of("66247603-7381-11d9-ac6d-0080482454f7", "Опт"), channel.values());
    assertEquals(Boolean.TRUE, channel.forProducts());
  }

  /** S#7: 2.07 with namespace; decimal commas, GUID values, Изготовитель, unit code "796 ", Статус="Удален". */
  @Test
  void s07_dobromyslov_import() {
    Collected c = read("dobromyslov__commerceml-parser/import0_1.xml");
    assertEquals("2.07", c.summary.schemaVersion());
    assertEquals(36, c.summary.count("product"));
    assertEquals(12, c.summary.count("property"));
    Product p = c.product("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1");
    assertEquals("PM-421-WP", p.sku());
    assertEquals("8809288404089", p.barcode());
    assertEquals("Портативный коврик Portable 140x200x1 см, Деревянные лошадки", p.name());
    assertEquals(new UnitRef("796", null, "Штука", "PCE"), p.baseUnit()); // "796 " trimmed, Пересчет skipped
    assertEquals("Коврики для дома", c.group(p.groupIds().get(0)).name());
    assertEquals("Crazy Boom", p.manufacturer().name());
    assertEquals("018b11b8-18fa-11e7-80c2-0cc47ab29cd1", p.manufacturer().id());
    assertEquals("КОРЕЯ, РЕСПУБЛИКА", p.propertyNamed("Страна производства").value());
    PropertyValue weight = p.propertyNamed("Габарит_Вес");
    assertEquals("1,4", weight.value()); // a literal, kept as written
    assertFalse(weight.resolved());
    assertEquals(new BigDecimal("1.4"), com.ocbridge.commerceml.internal.Values.decimalOrNull(weight.value()));
    assertNull(p.description()); // <Описание/>
    assertEquals("Коврики для дома", p.requisites().get("ВидНоменклатуры"));

    Product removed = c.product("b631c9c1-49de-11e9-80c9-0cc47ab29cd1");
    assertEquals("Удален", removed.status());
    assertTrue(removed.deleted());
    assertEquals("KM-245-BC", removed.sku());
  }

  /** S#9: large genuine UT 11 catalog (1 197 products, 59 groups). */
  @Test
  void s09_outlet_import() {
    Collected c = read("d16izhevsk__1coutlet/import0_1.xml");
    assertEquals(1197, c.summary.count("product"));
    assertEquals(59, c.summary.count("group"));
    assertEquals(10, c.summary.count("property"));
    Product p = c.product("bd72d910-55bc-11d9-848a-00112f43529a");
    assertEquals("Б-130001", p.sku());
    assertEquals("2000018987155", p.barcode());
    assertEquals("Женские ботфорты коричневые", p.name());
    assertEquals(new UnitRef("715", null, "Пара (2 шт.)", null), p.baseUnit());
    Group women = c.group(p.groupIds().get(0));
    assertEquals("Женская обувь", women.name());
    assertEquals("Обувь", c.group(women.parentId()).name());
    assertEquals("Обувной комбинат", p.propertyNamed("Производитель").value());
    assertEquals("Обувь", p.requisites().get("ВидНоменклатуры"));
  }

  /** S#11: says 2.08 but namespace commerceml_210; units in the classifier; string/number properties. */
  @Test
  void s11_bigperson_import() {
    ClassifierIndex index = new ClassifierIndex();
    Collected c = Collected.read(vertx, Samples.file("bigperson__exchange1c/import.xml"), index);
    assertEquals("2.08", c.summary.schemaVersion());
    assertEquals(5, c.summary.count("group"));
    Product p = c.product("ffce323d-c133-11e8-8111-0050569b2b72");
    assertEquals("NF-00005894", p.sku());
    assertEquals("Test product 1", p.name());
    Group sub = c.group("ffce323c-c133-11e8-8111-0050569b2b72");
    assertEquals("subtest1", sub.name());
    assertEquals(List.of("test3", "subtest1"), index.groupPath(p.groupIds().get(0)).stream().map(Group::name).toList());
    assertEquals("test1 catalog property", p.propertyNamed("test catalog property").value());
    assertEquals("Запас", p.requisites().get("ТипНоменклатуры"));
    assertEquals("Штука", c.unit("796").fullName());
    assertEquals(new UnitRef("796", null, "Штука", "PCE"), p.baseUnit());
  }

  /** S#14: 2.09 split classifier only: 97 groups, 1 908 properties, price type, warehouse, units; deletion marks. */
  @Test
  void s14_gillbeits_classifier() {
    Collected c = read("gillbeits__commerceml/import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml");
    assertEquals("2.09", c.summary.schemaVersion());
    assertEquals(0, c.summary.count("product"));
    assertEquals(97, c.summary.count("group"));
    assertEquals(1908, c.summary.count("property"));
    assertEquals(Boolean.TRUE, c.first(ClassifierHeader.class).onlyChanges());
    assertEquals("Косметика и гигиена", c.first(ClassifierHeader.class).name());
    Group razors = c.group("392672ee-31d7-11e4-a628-003048c64779");
    assertEquals("Гель для бритья", razors.name());
    assertEquals(2, razors.level());
    assertEquals("Бритвенные принадлежности", c.group(razors.parentId()).name());
    Property paper = c.property("fe2f0a8a-d6b6-11e4-80c6-001e675ada8d");
    assertEquals("Бумага", paper.name());
    assertEquals(Map.of("true", "Да", "false", "Нет"), paper.values());
    assertTrue(c.property("53499140-6cb8-11e4-86dd-003048c64779").deleted());
    assertEquals("Типовое соглашение Интернет-МХТ", c.priceType("4d968229-47ba-11e4-a628-003048c64779").name());
    assertEquals("RUB", c.priceType("4d968229-47ba-11e4-a628-003048c64779").currency());
    assertEquals("Оптовый", c.warehouse("5d1caeb1-44b2-11e4-a628-003048c64779").name());
    assertEquals("упа", c.unit("e4e03baa-75a1-11e2-941b-0025906853c3").shortName());
    assertEquals("778", c.unit("e4e03baa-75a1-11e2-941b-0025906853c3").code());
  }

  /** S#18: 3.1 classifier with empty Ид, unit "796 " and a full name padded with spaces. */
  @Test
  void s18_wagood_classifier() {
    Collected c = read("wagood__commerceml/import___57c55968-51d1-46f0-b5d7-927f420b8fd4.xml");
    assertEquals("3.1", c.summary.schemaVersion());
    assertNull(c.first(ClassifierHeader.class).id()); // <Ид></Ид>
    assertEquals("Категория", c.group("e7552734-83d7-11e7-afd4-1c872c77ed7c").name());
    assertEquals("Розничные", c.priceType("df3ab54d-8718-11e7-afd4-1c872c77ed7c").name());
    assertEquals(Boolean.TRUE, c.priceType("df3ab54d-8718-11e7-afd4-1c872c77ed7c").taxIncluded());
    var unit = c.unit("796");
    assertEquals("796", unit.code());
    assertEquals("Штука", unit.fullName());
    assertEquals("шт", unit.shortName());
    assertNull(unit.internationalAbbreviation());
  }

  /** S#19: 3.1 catalog-only file: БазоваяЕдиница is a bare code resolved against S#18's units. */
  @Test
  void s19_wagood_catalog_resolves_units_from_earlier_file() {
    ClassifierIndex index = new ClassifierIndex();
    Collected.read(vertx, Samples.file("wagood__commerceml/import___57c55968-51d1-46f0-b5d7-927f420b8fd4.xml"), index);
    Collected c = Collected.read(vertx,
        Samples.file("wagood__commerceml/import___5335d080-66b0-4355-887c-d54bba6f1f08.xml"), index);
    assertEquals(Set.of(DocumentKind.CATALOG), c.summary.kinds());
    Product p = c.product("b9006815-7dde-11e8-80cb-70106fc831cf");
    assertEquals("32255", p.sku());
    assertEquals("Товар 1", p.name());
    assertNull(p.barcode()); // <Штрихкод/>
    assertEquals("AAAGwQAAAAA=40517", p.version());
    assertFalse(p.deleted());
    assertEquals(new UnitRef("796", "шт", "Штука", null), p.baseUnit());
    assertEquals("5137eaf1-83f3-11e7-afd4-1c872c77ed7c", p.groupIds().get(0));
    assertTrue(c.first(CatalogHeader.class).onlyChanges());

    // alone, the code stays a bare code
    Collected alone = read("wagood__commerceml/import___5335d080-66b0-4355-887c-d54bba6f1f08.xml");
    assertEquals(new UnitRef("796", null, null, null), alone.first(Product.class).baseUnit());
  }

  /** S#23: 3.1 per-kind layout, warehouses; Каталог header before Классификатор. */
  @Test
  void s23_freesport_storages() {
    Collected c = read("AlexMobiCraft__FREESPORT/storages_1_1_e9297f91-68b1-4383-a2fd-591353e23905.xml");
    assertEquals(2, c.summary.count("warehouse"));
    assertEquals("1 СДВ склад", c.warehouse("8f06f4f1-b3f0-11ea-81c3-00155d3cae02").name());
    assertEquals("2 ТЛВ склад", c.warehouse("b41f7acc-58e5-11f0-90b3-fa163ea88911").name());
    assertEquals("Товары 1С", c.first(CatalogHeader.class).name());
    assertEquals("916c4658-6e57-4468-91e7-60d53e352890", c.first(CatalogHeader.class).classifierId());
  }

  /** S#24: 3.1 per-kind layout, six price types with Налог/Акциз. */
  @Test
  void s24_freesport_price_lists() {
    Collected c = read("AlexMobiCraft__FREESPORT/priceLists_1_1_6e305b99-b33f-403d-a401-f5aaae62fbc3.xml");
    assertEquals(6, c.summary.count("priceType"));
    var rrp = c.priceType("3d1482c4-bd77-11e4-afc8-20cf3073dde3");
    assertEquals("РРЦ", rrp.name());
    assertEquals("RUB", rrp.currency());
    assertEquals("НДС", rrp.taxName());
    assertEquals(Boolean.TRUE, rrp.taxIncluded());
    assertEquals("Опт 1 (300-600 тыс.руб в квартал)", c.priceType("90d2c899-b3f2-11ea-81c3-00155d3cae02").name());
  }
}
