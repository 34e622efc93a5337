package com.ocbridge.commerceml.model;

import com.ocbridge.commerceml.internal.Values;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <Товар>} line of an order document.
 *
 * @param id        the 1C Ид of the nomenclature ({@code product} or {@code product#characteristic}), or
 *                  {@link #DELIVERY_ID} for the delivery service line
 * @param unit      from {@code БазоваяЕдиница} (site format) or the structured {@code Единица} (1C format)
 * @param price     {@code ЦенаЗаЕдиницу} (site format) or {@code Цена} (1C format)
 * @param requisites line {@code ЗначенияРеквизитов} (ВидНоменклатуры, ТипНоменклатуры, ...), in order
 * @param characteristics {@code ХарактеристикиТовара}: the variant's kinds and values (Размер = 40, Цвет = белый),
 *                  in order; empty when the line is no variant or the document did not say
 * @param taxes     the line's {@code Налоги} (the tax amount in {@code sum})
 * @param discounts the line's {@code Скидки}; the site writes them {@code УчтеноВСумме} = true, so {@code sum} is
 *                  {@code price × quantity} less these
 */
public record OrderLine(String id, String catalogId, String sku, String name, UnitRef unit, BigDecimal price,
            BigDecimal quantity, BigDecimal sum, BigDecimal coefficient, List<TaxRate> taxRates,
            Map<String, String> requisites, List<Characteristic> characteristics, List<Tax> taxes,
            List<Discount> discounts) {

  /** The Ид 1C and Bitrix use for the delivery pseudo-line. */
  public static final String DELIVERY_ID = "ORDER_DELIVERY";
  /** The unit the reference samples give every line: piece, code 796. */
  public static final UnitRef PIECE = new UnitRef("796", "шт", "Штука", "PCE");

  public OrderLine {
    id = Values.clean(id);
    catalogId = Values.clean(catalogId);
    sku = Values.clean(sku);
    name = Values.clean(name);
    taxRates = taxRates == null ? List.of() : List.copyOf(taxRates);
    requisites = Values.requisitesCopy(requisites);
    characteristics = characteristics == null ? List.of() : List.copyOf(characteristics);
    taxes = taxes == null ? List.of() : List.copyOf(taxes);
    discounts = discounts == null ? List.of() : List.copyOf(discounts);
  }

  /** A line without taxes and discounts (what the reader reports). */
  public OrderLine(String id, String catalogId, String sku, String name, UnitRef unit, BigDecimal price,
            BigDecimal quantity, BigDecimal sum, BigDecimal coefficient, List<TaxRate> taxRates,
            Map<String, String> requisites, List<Characteristic> characteristics) {
    this(id, catalogId, sku, name, unit, price, quantity, sum, coefficient, taxRates, requisites, characteristics,
        List.of(), List.of());
  }

  /** A line without characteristics (the shape before they were modelled). */
  public OrderLine(String id, String catalogId, String sku, String name, UnitRef unit, BigDecimal price,
            BigDecimal quantity, BigDecimal sum, BigDecimal coefficient, List<TaxRate> taxRates,
            Map<String, String> requisites) {
    this(id, catalogId, sku, name, unit, price, quantity, sum, coefficient, taxRates, requisites, List.of());
  }

  /** A goods line (ВидНоменклатуры/ТипНоменклатуры = Товар); sum = price × quantity. */
  public static OrderLine goods(String id, String sku, String name, UnitRef unit, BigDecimal price,
                  BigDecimal quantity) {
    Map<String, String> req = new LinkedHashMap<>();
    req.put(Requisites.NOMENCLATURE_KIND, Requisites.GOODS);
    req.put(Requisites.NOMENCLATURE_TYPE, Requisites.GOODS);
    return new OrderLine(id, null, sku, name, unit, price, quantity, price.multiply(quantity), null, null, req);
  }

  /** A goods line of a variant, with its {@code ХарактеристикиТовара}. */
  public static OrderLine goods(String id, String sku, String name, UnitRef unit, BigDecimal price,
                  BigDecimal quantity, List<Characteristic> characteristics) {
    return goods(id, sku, name, unit, price, quantity).withCharacteristics(characteristics);
  }

  /** The delivery as a service line ({@code ORDER_DELIVERY}, quantity 1), as 1C expects it. */
  public static OrderLine delivery(String name, BigDecimal price) {
    return delivery(name, null, price);
  }

  /** The delivery service line with an article ({@code Артикул}) for 1C setups that match services by it. */
  public static OrderLine delivery(String name, String sku, BigDecimal price) {
    Map<String, String> req = new LinkedHashMap<>();
    req.put(Requisites.NOMENCLATURE_KIND, Requisites.SERVICE);
    req.put(Requisites.NOMENCLATURE_TYPE, Requisites.SERVICE);
    return new OrderLine(DELIVERY_ID, null, sku, name, PIECE, price, BigDecimal.ONE, price, null, null, req);
  }

  /** This line with these characteristics (null = none). */
  public OrderLine withCharacteristics(List<Characteristic> characteristics) {
    return new OrderLine(id, catalogId, sku, name, unit, price, quantity, sum, coefficient, taxRates, requisites,
        characteristics, taxes, discounts);
  }

  /** This line with its tax rates ({@code СтавкиНалогов}) and tax amounts ({@code Налоги}). */
  public OrderLine withTaxes(List<TaxRate> rates, List<Tax> amounts) {
    return new OrderLine(id, catalogId, sku, name, unit, price, quantity, sum, coefficient, rates, requisites,
        characteristics, amounts, discounts);
  }

  /** This line with discounts already taken off: {@code sum} becomes the given one (what the buyer pays for it). */
  public OrderLine withDiscounts(List<Discount> discounts, BigDecimal sumAfterDiscounts) {
    return new OrderLine(id, catalogId, sku, name, unit, price, quantity, sumAfterDiscounts, coefficient, taxRates,
        requisites, characteristics, taxes, discounts);
  }

  /** The part of the Ид before '#'. */
  public String productId() {
    return Values.beforeHash(id);
  }

  /** The part of the Ид after '#', or null. */
  public String characteristicId() {
    return Values.afterHash(id);
  }

  /** Delivery or another service line (Ид ORDER_DELIVERY or ТипНоменклатуры/ВидНоменклатуры = Услуга). */
  public boolean isService() {
    return DELIVERY_ID.equals(id)
        || Requisites.SERVICE.equalsIgnoreCase(requisites.getOrDefault(Requisites.NOMENCLATURE_TYPE, ""))
        || Requisites.SERVICE.equalsIgnoreCase(requisites.getOrDefault(Requisites.NOMENCLATURE_KIND, ""));
  }
}
