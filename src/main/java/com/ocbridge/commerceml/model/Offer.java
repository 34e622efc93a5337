package com.ocbridge.commerceml.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code <Предложение>}: price and stock of a product or of one of its characteristics.
 *
 * <p>Split exports (2.09/3.x) send the same offer Ид several times, each time with one aspect: names only
 * ({@code offers___}), prices only ({@code prices___}), stock only ({@code rests___}). An aspect the file does not
 * carry is reported as empty / null, never as zero: {@code prices} empty, {@code totalQuantity} null,
 * {@code stockByWarehouse} empty.
 *
 * @param productId        the part of the Ид before '#'
 * @param characteristicId the part after '#' (or {@code ИдХарактеристики}), null for a plain product offer
 * @param totalQuantity    {@code Количество}, or {@code Остатки/Остаток/Количество} without a warehouse; null when
 *                         absent
 * @param stockByWarehouse warehouse Ид → quantity, from {@code <Склад ИдСклада КоличествоНаСкладе/>} or
 *                         {@code Остатки/Остаток/Склад/{Ид,Количество}}, in document order
 */
public record Offer(String id, String productId, String characteristicId, String sku, String barcode, String name,
          UnitRef baseUnit, List<Characteristic> characteristics, List<PropertyValue> properties,
          List<String> pictures, List<Price> prices, BigDecimal totalQuantity,
          Map<String, BigDecimal> stockByWarehouse, boolean deleted, String version) implements CmlRecord {

  /** The price of the given price type (by Ид), or null. */
  public Price price(String priceTypeId) {
    for (Price p : prices) {
      if (priceTypeId.equals(p.priceTypeId())) {
        return p;
      }
    }
    return null;
  }

  /** The first value of the given offer property (by Ид), or null. */
  public PropertyValue property(String propertyId) {
    for (PropertyValue v : properties) {
      if (propertyId.equals(v.propertyId())) {
        return v;
      }
    }
    return null;
  }

  /** {@link #totalQuantity()} if present, else the sum over warehouses if any, else null. */
  public BigDecimal quantity() {
    if (totalQuantity != null) {
      return totalQuantity;
    }
    if (stockByWarehouse.isEmpty()) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal q : stockByWarehouse.values()) {
      sum = sum.add(q);
    }
    return sum;
  }

  /** Whether this offer carries any stock information (total or per warehouse). */
  public boolean hasStock() {
    return totalQuantity != null || !stockByWarehouse.isEmpty();
  }

  @Override
  public RecordKind kind() {
    return RecordKind.OFFER;
  }
}
