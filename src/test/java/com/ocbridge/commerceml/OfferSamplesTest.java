package com.ocbridge.commerceml;

import com.ocbridge.testing.Samples;

import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Offer;
import com.ocbridge.commerceml.model.OfferPackageHeader;
import com.ocbridge.commerceml.model.Price;
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.PropertyValue;
import com.ocbridge.commerceml.model.UnitRef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offers, prices and rests files of the corpus (S#2, 4, 5, 8, 10, 12, 13, 15, 16, 17, 20, 21, 22). */
class OfferSamplesTest extends ReaderTestBase {
  /** S#2: 2.03, no СодержитТолькоИзменения attribute, package Ид ending in '#', three price types in грн. */
  @Test
  void s02_denis_offers() {
    Collected c = read("Denis-777__test/offers.xml");
    assertEquals(Set.of(DocumentKind.OFFERS), c.summary.kinds());
    assertEquals(27, c.summary.count("offer"));
    assertEquals(81, c.summary.count("price"));
    OfferPackageHeader h = c.first(OfferPackageHeader.class);
    assertEquals("5522bd20-7c22-11e6-9d65-408d5c7d3c4b#", h.id());
    assertEquals("5522bd20-7c22-11e6-9d65-408d5c7d3c4b", h.catalogId());
    assertFalse(h.onlyChanges());
    Offer o = c.offer("0fcbc6db-b6f0-11ea-b33f-7ce9d3ddbe3e");
    assertEquals("4820182290183", o.barcode());
    assertEquals("Ведро (мерное прозрачное) \"5 л\" п/п", o.name());
    assertNull(o.characteristicId());
    assertEquals("0fcbc6db-b6f0-11ea-b33f-7ce9d3ddbe3e", o.productId());
    Price bulk = o.price("4c480b06-8919-11ea-80d2-408d5c7d3c4b");
    assertEquals(new Price("4c480b06-8919-11ea-80d2-408d5c7d3c4b", "5) Крупный Опт", dec("22.23"), "грн", "шт",
        dec("1"), "22,23 грн за шт"), bulk);
    assertEquals(dec("24.4"), o.price("a70b4ec1-7cab-11ea-80d1-408d5c7d3c4b").amount());
    assertEquals(dec("7"), o.totalQuantity());
    assertEquals(Map.of(), o.stockByWarehouse());
  }

  /** S#4: official 2.04 offers with characteristic Ids and four price types. */
  @Test
  void s04_official_offers() {
    Collected c = read("irpsv__commerceml/off-doc-1c__offers.xml");
    assertEquals(2, c.summary.count("offer"));
    assertEquals(4, c.summary.count("priceType"));
    Offer o = c.offer("05e26d70-01e4-11dc-a411-00055d80a2d1#05e26d76-01e4-11dc-a411-00055d80a2d1");
    assertEquals("05e26d76-01e4-11dc-a411-00055d80a2d1", o.characteristicId());
    assertEquals("Стол обеденный", o.name());
    assertEquals(new UnitRef("796", "шт", "Штука", "PCE"), o.baseUnit());
    Price purchase = o.price("bd72d8fc-55bc-11d9-848a-00112f43529a");
    assertEquals("Закупочная", purchase.priceTypeName());
    assertEquals(dec("4"), purchase.amount());
    assertEquals("USD", purchase.currency());
    assertEquals(dec("7"), o.price("cbcf493b-55bc-11d9-848a-00112f43529a").amount());
    assertEquals(BigDecimal.ZERO, o.totalQuantity());
  }

  /** S#5: large 2.04 offers, characteristics inside offers, hour without leading zero in ДатаФормирования. */
  @Test
  void s05_cscart_offers() {
    Collected c = read("irpsv__commerceml/cs-cart__offers.xml");
    assertEquals(LocalDateTime.of(2014, 6, 1, 0, 36, 33), c.summary.generatedAt()); // "2014-06-01T0:36:33"
    assertEquals(1455, c.summary.count("offer"));
    assertEquals(4480, c.all(Offer.class).stream().mapToInt(o -> o.characteristics().size()).sum());
    Offer o = c.offer("bd72d910-55bc-11d9-848a-00112f43529a#3df1947d-7886-11df-b33a-0011955cba6b");
    assertEquals("2000000010533", o.barcode());
    assertEquals("Женские ботфорты (43, 5, натуральная кожа, Бежевый)", o.name());
    assertEquals(List.of(new Characteristic("Размер", "43"), new Characteristic("Полнота", "5"),
        new Characteristic("Тип кожи", "натуральная кожа"), new Characteristic("Цвет", "Бежевый")),
        o.characteristics());
    Price p = o.price("9f591aa6-8ea2-11e3-b0fa-00248cae1f0f");
    assertEquals(dec("3159.00"), p.amount());
    assertEquals("инет", p.priceTypeName());
    assertEquals("пар", p.unit());
    assertEquals(dec("10"), o.totalQuantity());
  }

  /** S#8: 2.07 offers after a classifier copy; per-warehouse stock in the attribute form. */
  @Test
  void s08_dobromyslov_offers() {
    Collected c = read("dobromyslov__commerceml-parser/offers0_1.xml");
    assertEquals(Set.of(DocumentKind.CLASSIFIER, DocumentKind.OFFERS), c.summary.kinds());
    assertEquals(44, c.summary.count("offer"));
    assertEquals(3, c.summary.count("warehouse"));
    Offer o = c.offer("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1");
    assertEquals("PM-421-WP", o.sku());
    assertEquals(dec("100"), o.price("279b6812-740b-11e8-80c8-0cc47ab29cd1").amount());
    assertEquals("100 RUB за PCE", o.price("279b6812-740b-11e8-80c8-0cc47ab29cd1").presentation());
    assertEquals(dec("377"), o.totalQuantity());
    assertEquals(Map.of("6abdb0b5-18fd-11e7-80c2-0cc47ab29cd1", dec("1"),
        "d2a52d49-19c9-11e7-80c2-0cc47ab29cd1", dec("0"),
        "dd306af1-19c9-11e7-80c2-0cc47ab29cd1", dec("376")), o.stockByWarehouse());
    assertEquals("Москва", c.warehouse("dd306af1-19c9-11e7-80c2-0cc47ab29cd1").name());
  }

  /** S#10: large 2.07 offers; product#characteristic without ХарактеристикиТовара; unit 715 "Пара". */
  @Test
  void s10_outlet_offers() {
    Collected c = read("d16izhevsk__1coutlet/offers0_1.xml");
    assertEquals(2641, c.summary.count("offer"));
    assertEquals(2100, c.all(Offer.class).stream().filter(o -> o.characteristicId() != null).count());
    assertEquals(1725, c.all(Offer.class).stream().mapToInt(o -> o.stockByWarehouse().size()).sum());
    Offer o = c.offer("bd72d910-55bc-11d9-848a-00112f43529a#90c55447-d3a8-11e4-9423-e0cb4ed5eed4");
    assertEquals("bd72d910-55bc-11d9-848a-00112f43529a", o.productId());
    assertEquals("90c55447-d3a8-11e4-9423-e0cb4ed5eed4", o.characteristicId());
    assertEquals("Б-130001", o.sku());
    assertEquals("Женские ботфорты коричневые (38)", o.name());
    assertEquals(List.of(), o.characteristics());
    assertEquals(new UnitRef("715", null, "Пара (2 шт.)", null), o.baseUnit());
    Price retail = o.price("bb14a3a4-6b17-11e0-9819-e0cb4ed5eed4");
    assertEquals("Розничная", retail.priceTypeName());
    assertEquals(dec("1719"), retail.amount());
    assertEquals("1\u00A0719 RUB за пара", retail.presentation()); // leading space trimmed, no-break space kept
    assertEquals(dec("20"), o.totalQuantity());
    assertEquals(Map.of("b6112590-41ba-11dd-ac9d-0015e9b8c48d", dec("20")), o.stockByWarehouse());
    assertEquals("Магазин \"Обувь\"", c.warehouse("b6112590-41ba-11dd-ac9d-0015e9b8c48d").name());
  }

  /** S#12: 2.08 characteristic offers; offer property (ДляПредложений) resolved against the classifier copy. */
  @Test
  void s12_bigperson_offers() {
    Collected c = read("bigperson__exchange1c/offers.xml");
    Property color = c.property("5ea1e6c2-cc93-11e8-8112-0050569b2b72");
    assertEquals(Boolean.TRUE, color.forOffers());
    Offer o = c.offer("ffce323d-c133-11e8-8111-0050569b2b72#8a4e5ea9-d129-11e8-8112-0050569b2b72");
    assertEquals("Test offer 1", o.name());
    assertEquals(List.of(new Characteristic("Цвет", "Бежевый")), o.characteristics());
    assertEquals(new PropertyValue("5ea1e6c2-cc93-11e8-8112-0050569b2b72", "Цвет",
        "6efed1d2-cc93-11e8-8112-0050569b2b72", "Бежевый", true), o.properties().get(0));
    Price supplier = o.price("db7b09f3-94c2-11e8-810b-0050569b5454");
    assertEquals("Цена поставщика", supplier.priceTypeName());
    assertEquals(dec("10500"), supplier.amount());
    assertEquals(dec("15500"), o.price("a5d63ccd-7df9-11e8-80fc-0050569b0657").amount());
    assertEquals(dec("2"), o.totalQuantity());
  }

  /**
   * S#13: recent real 2.08 export: offer properties, pictures on offers, a Склад element per warehouse, unit code in
   * prices.
   */
  @Test
  void s13_sergey_offers() {
    Collected c = read("Sergey37-iv__txt/offers.xml");
    assertEquals(167, c.summary.count("offer"));
    assertEquals(20, c.summary.count("warehouse"));
    assertEquals(159, c.all(Offer.class).stream().mapToInt(o -> o.pictures().size()).sum());
    Offer o = c.offer("b197e9d6-56ae-11ec-aba0-00199997af17#8a3ad38c-2a5d-11f0-8aae-f4ce46b652e9");
    assertEquals("02.03.06-бр-т", o.sku());
    assertEquals("4640355326668", o.barcode());
    assertEquals("Брюки АС-101 Бохо (Р. 60-62, Цв. чёрный, Рис. варёнка)", o.name());
    assertEquals(new Characteristic("Размер. (Доп реквизиты текстиль)", "60-62"), o.characteristics().get(1));
    PropertyValue color = o.property("de67f8d4-1454-11ef-8a7d-f4ce46b652e9");
    assertEquals("Цвет.", color.propertyName());
    assertEquals("чёрный", color.value());
    Price retail = o.price("58ec4d20-97ac-11ee-8ce5-00199997af17");
    assertEquals(dec("1620"), retail.amount());
    assertEquals("796", retail.unit()); // a unit code, as written
    assertEquals("Ив. РИО Розничная", retail.priceTypeName());
    assertEquals(dec("4"), o.totalQuantity());
    assertEquals(20, o.stockByWarehouse().size()); // zeros included
    assertEquals(dec("2"), o.stockByWarehouse().get("62b9cb2e-5731-11ec-8496-001e0b82b485"));
    assertEquals(dec("0"), o.stockByWarehouse().get("0bf39e7e-c1e8-11ed-81f2-00199997af17"));
    assertEquals("Магазин РИО Ярославль", c.warehouse("62b9cb2e-5731-11ec-8496-001e0b82b485").name());
    assertEquals("import_files/8a/8a3ad38c2a5d11f08aaef4ce46b652e9_ec48e08ba04511f0953300155d6cb503.jpg",
        o.pictures().get(0));
  }

  /** S#15: 2.09 split offers: identity and names only, so no prices and no stock. */
  @Test
  void s15_gillbeits_offer_names() {
    Collected c = read("gillbeits__commerceml/offers___7f304edc-2527-4d3d-b058-6e4ee53de2e0.xml");
    assertEquals(978, c.summary.count("offer"));
    assertEquals(0, c.summary.count("price"));
    assertTrue(c.first(OfferPackageHeader.class).onlyChanges());
    Offer o = c.offer("26b0dc1e-4d66-11e4-99fe-003048c64779");
    assertEquals("Дезодорант для мужчин Чистая линия Фито защита без белых следов 150мл", o.name());
    assertEquals("AAAAAADjIlA=", o.version());
    assertFalse(o.deleted());
    assertEquals(List.of(), o.prices());
    assertNull(o.totalQuantity());
    assertFalse(o.hasStock());
  }

  /** S#16: 2.09 split prices; the price type comes from S#14's classifier when read in the same exchange. */
  @Test
  void s16_gillbeits_prices_with_classifier_from_earlier_file() {
    ClassifierIndex index = new ClassifierIndex();
    Collected.read(vertx,
        Samples.file("gillbeits__commerceml/import___b815e2db-7a65-4265-9241-5f0c4f0565a7.xml"), index);
    Collected c = Collected.read(vertx,
        Samples.file("gillbeits__commerceml/prices___d66a6b51-ce9c-4e7a-8c7c-25079721107f.xml"), index);
    assertEquals(978, c.summary.count("price"));
    Offer o = c.offer("26b0dc1e-4d66-11e4-99fe-003048c64779");
    assertEquals(new Price("4d968229-47ba-11e4-a628-003048c64779", "Типовое соглашение Интернет-МХТ", dec("181"),
        "RUB", null, null, "181 RUB за шт"), o.prices().get(0));
    assertNull(o.name());
    assertNull(o.totalQuantity());
  }

  /** S#17: 2.09 split rests in the Остатки/Остаток/Склад form. */
  @Test
  void s17_gillbeits_rests() {
    Collected c = read("gillbeits__commerceml/rests___1af6e7b8-a026-4690-9752-1c9d64cb914d.xml");
    assertEquals(978, c.summary.count("stock"));
    Offer o = c.offer("26b0dc1e-4d66-11e4-99fe-003048c64779");
    assertEquals(Map.of("5d1caeb1-44b2-11e4-a628-003048c64779", dec("1")), o.stockByWarehouse());
    assertNull(o.totalQuantity());
    assertEquals(dec("1"), o.quantity());
    assertEquals(List.of(), o.prices());
  }

  /** S#20: 3.1 offers, package Ид just '#', one plain and one characteristic offer. */
  @Test
  void s20_wagood_offers() {
    Collected c = read("wagood__commerceml/offers___13955e2c-c7d0-4189-8db7-9bc863cde645.xml");
    assertEquals("#", c.first(OfferPackageHeader.class).id());
    assertNull(c.first(OfferPackageHeader.class).catalogId());
    Offer plain = c.offer("b9006815-7dde-11e8-80cb-70106fc831cf");
    assertNull(plain.characteristicId());
    assertEquals("Товар (предложение 1)", plain.name());
    Offer variant = c.offer("b9006815-7dde-11e8-80cb-70106fc831cf#ca3fa92c-8662-11e8-80cb-70106fc831cf");
    assertEquals("b9006815-7dde-11e8-80cb-70106fc831cf", variant.productId());
    assertEquals("ca3fa92c-8662-11e8-80cb-70106fc831cf", variant.characteristicId());
    assertEquals("AAAAAQAAAlE=", variant.version());
  }

  /** S#21: 3.1 prices with a nested Налог block inside Цена. */
  @Test
  void s21_wagood_prices() {
    Collected c = read("wagood__commerceml/prices___478f43af-4dba-47c9-b3fa-d9737c14a30f.xml");
    Offer variant = c.offer("b9006815-7dde-11e8-80cb-70106fc831cf#ca3fa92c-8662-11e8-80cb-70106fc831cf");
    Price p = variant.prices().get(0);
    assertEquals("df3ab54d-8718-11e7-afd4-1c872c77ed7c", p.priceTypeId());
    assertEquals(dec("11660"), p.amount());
    assertEquals("руб", p.currency());
    assertEquals("11\u00A0660 руб. за шт", p.presentation());
    assertEquals(dec("14240"), c.offer("b9006815-7dde-11e8-80cb-70106fc831cf").prices().get(0).amount());
  }

  /** S#22: 3.1 rests with a total only (no warehouse). */
  @Test
  void s22_wagood_rests() {
    Collected c = read("wagood__commerceml/rests___9ebdccc5-f70a-43db-8c03-0103301aad32.xml");
    assertEquals(BigDecimal.ZERO, c.offer("b9006815-7dde-11e8-80cb-70106fc831cf").totalQuantity());
    Offer variant = c.offer("b9006815-7dde-11e8-80cb-70106fc831cf#ca3fa92c-8662-11e8-80cb-70106fc831cf");
    assertEquals(dec("2"), variant.totalQuantity());
    assertEquals(Map.of(), variant.stockByWarehouse());
  }
}
