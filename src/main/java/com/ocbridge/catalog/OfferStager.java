package com.ocbridge.catalog;

import com.ocbridge.commerceml.ClassifierIndex;
import com.ocbridge.commerceml.model.Offer;
import com.ocbridge.commerceml.model.Price;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.Warehouse;
import java.math.BigDecimal;
import java.util.Map;

/**
 * An offer as read → the row staged for it: the one price that counts and the one quantity that counts.
 *
 * <p>Price: the configured {@code catalog.priceType} (Ид or name); when none is configured, the first price type
 * the file declares, else the first known price type (in order of first appearance) the offer has a price of,
 * else its first price. Stock: all warehouses summed (or the total 1C wrote), or the configured warehouse only.
 */
final class OfferStager {
  private final CatalogSettings settings;
  private final ClassifierIndex index;
  private String firstDeclaredPriceType;

  OfferStager(CatalogSettings settings, ClassifierIndex index) {
    this.settings = settings;
    this.index = index;
  }

  /** A price type read from the current file. */
  void declared(PriceType type) {
    if (firstDeclaredPriceType == null) firstDeclaredPriceType = type.id();
  }

  OfferRow row(Offer o) {
    Boolean deleted = o.name() != null || o.deleted() ? Boolean.valueOf(o.deleted()) : null;
    return new OfferRow(o.id(), o.productId(), o.characteristicId(), o.sku(), o.name(), o.characteristics(),
        price(o), quantity(o), deleted);
  }

  private BigDecimal price(Offer o) {
    if (o.prices().isEmpty()) return null;
    String wanted = settings.priceType();
    if (!wanted.isEmpty()) {
      for (Price p : o.prices()) {
        PriceType type = p.priceTypeId() == null ? null : index.priceType(p.priceTypeId());
        if (wanted.equals(p.priceTypeId()) || wanted.equalsIgnoreCase(p.priceTypeName())
            || (type != null && wanted.equalsIgnoreCase(type.name()))) {
          return p.amount();
        }
      }
      return null; // the configured type is not among this offer's prices: leave the price alone
    }
    if (firstDeclaredPriceType != null) {
      Price p = o.price(firstDeclaredPriceType);
      return p == null ? null : p.amount();
    }
    for (String typeId : index.priceTypes().keySet()) {
      Price p = o.price(typeId);
      if (p != null) return p.amount();
    }
    return o.prices().get(0).amount();
  }

  private BigDecimal quantity(Offer o) {
    if (!o.hasStock()) return null;
    String wanted = settings.warehouse();
    if (wanted == null) return o.quantity();
    for (Map.Entry<String, BigDecimal> e : o.stockByWarehouse().entrySet()) {
      Warehouse w = index.warehouse(e.getKey());
      if (wanted.equals(e.getKey()) || (w != null && wanted.equalsIgnoreCase(w.name()))) return e.getValue();
    }
    return o.stockByWarehouse().isEmpty() ? null : BigDecimal.ZERO; // stock given per warehouse, none in ours
  }
}
