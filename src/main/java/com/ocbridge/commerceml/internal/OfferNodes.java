package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.DocumentKind;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Offer;
import com.ocbridge.commerceml.model.OfferPackageHeader;
import com.ocbridge.commerceml.model.Price;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.PropertyValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <ПакетПредложений>} (and {@code <ИзмененияПакетаПредложений>}) with its offers, prices and stock. */
final class OfferNodes {
  private OfferNodes() {
  }

  static final class PackageNode extends CommonNodes.SectionHeaderNode {
    private final Node priceTypes;
    private final ClassifierNodes.WarehousesNode warehouses;
    private final Node offers;
    private String id;
    private String catalogId;
    private String classifierId;
    private String name;

    PackageNode(DocState st) {
      super(st);
      this.priceTypes = ClassifierNodes.priceTypesNode(st);
      this.warehouses = new ClassifierNodes.WarehousesNode(st);
      OfferNode offer = new OfferNode(st);
      this.offers = CommonNodes.listOf(Tag.OFFER, attrs -> offer.start());
    }

    PackageNode start(Attrs attrs) {
      startSection(DocumentKind.OFFERS, attrs);
      id = catalogId = classifierId = name = null;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, CATALOG_ID, CLASSIFIER_ID, NAME, ONLY_CHANGES -> LEAF;
        case PRICE_TYPES -> afterHeader(priceTypes);
        case WAREHOUSES -> afterHeader(warehouses);
        case OFFERS -> afterHeader(offers);
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case CATALOG_ID -> catalogId = text;
        case CLASSIFIER_ID -> classifierId = text;
        case NAME -> name = text;
        default -> onlyChangesElement(text);
      }
    }

    @Override
    CmlRecord header() {
      return new OfferPackageHeader(id, catalogId, classifierId, name, onlyChanges);
    }
  }

  /** {@code <Предложение>}: one instance, reset for every offer. */
  static final class OfferNode extends Node {
    private final DocState st;
    private final CommonNodes.PropertyValues propertiesNode;
    private final CommonNodes.PairListNode<Characteristic> characteristicsNode = CommonNodes.characteristics();
    private final CommonNodes.UnitNode unitNode = new CommonNodes.UnitNode();
    private final PriceNode priceNode = new PriceNode();
    /** {@code <Цены>}. */
    private final Node pricesNode = CommonNodes.listOf(Tag.PRICE, attrs -> priceNode.reset());
    private final StockNode stockNode = new StockNode();
    private final RemainNode remainNode = new RemainNode();
    /** {@code <Остатки>} (2.09/3.x rests files). */
    private final Node remainsNode = CommonNodes.listOf(Tag.REMAIN, attrs -> remainNode);

    private String id;
    private String characteristicId;
    private String sku;
    private String barcode;
    private String name;
    private String version;
    private boolean deleted;
    private BigDecimal total;
    private final List<Characteristic> characteristics = new ArrayList<>();
    private final List<PropertyValue> properties = new ArrayList<>();
    private final List<String> pictures = new ArrayList<>();
    private final List<Price> prices = new ArrayList<>();
    private final Map<String, BigDecimal> stock = new LinkedHashMap<>();

    OfferNode(DocState st) {
      this.st = st;
      this.propertiesNode = new CommonNodes.PropertyValues(st.index);
    }

    OfferNode start() {
      id = characteristicId = sku = barcode = name = version = null;
      deleted = false;
      total = null;
      characteristics.clear();
      properties.clear();
      pictures.clear();
      prices.clear();
      stock.clear();
      unitNode.clear();
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, CHARACTERISTIC_ID, SKU, BARCODE, NAME, PICTURE, QUANTITY, DELETION_MARK, VERSION -> LEAF;
        case BASE_UNIT -> unitNode.start(attrs);
        case CHARACTERISTICS -> characteristicsNode.into(characteristics);
        case PROPERTY_VALUES -> propertiesNode.into(properties);
        case PRICES -> pricesNode;
        case WAREHOUSE -> stockNode.start(attrs);
        case REMAINS -> remainsNode;
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case CHARACTERISTIC_ID -> characteristicId = text;
        case SKU -> sku = text;
        case BARCODE -> barcode = text;
        case NAME -> name = text;
        case PICTURE -> {
          if (text != null) {
            pictures.add(text);
          }
        }
        case QUANTITY -> total = Values.decimalOrNull(text);
        case DELETION_MARK -> deleted = Values.isTrue(text);
        case VERSION -> version = text;
        default -> {
        }
      }
    }

    @Override
    public void end() {
      if (id == null) {
        return;
      }
      String productId = Values.beforeHash(id);
      String charId = characteristicId != null ? characteristicId : Values.afterHash(id);
      st.emit(new Offer(id, productId, charId, sku, barcode, name, unitNode.result(st.index),
          List.copyOf(characteristics), List.copyOf(properties), List.copyOf(pictures), List.copyOf(prices),
          total, Values.orderedCopy(stock), deleted, version));
    }

    /** {@code <Цена>}; a nested {@code Налог} block is skipped. */
    private final class PriceNode extends Node {
      String presentation;
      String priceTypeId;
      String amount;
      String currency;
      String unit;
      String coefficient;

      PriceNode reset() {
        presentation = priceTypeId = amount = currency = unit = coefficient = null;
        return this;
      }

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return switch (tag) {
          case PRESENTATION, PRICE_TYPE_ID, PRICE_PER_UNIT, CURRENCY, UNIT, COEFFICIENT -> LEAF;
          default -> SKIP;
        };
      }

      @Override
      public void leaf(Tag tag, String text) {
        switch (tag) {
          case PRESENTATION -> presentation = text;
          case PRICE_TYPE_ID -> priceTypeId = text;
          case PRICE_PER_UNIT -> amount = text;
          case CURRENCY -> currency = text;
          case UNIT -> unit = text;
          default -> coefficient = text;
        }
      }

      @Override
      public void end() {
        PriceType type = priceTypeId == null ? null : st.index.priceType(priceTypeId);
        prices.add(new Price(priceTypeId, type == null ? null : type.name(), Values.decimalOrNull(amount),
            currency, unit, Values.decimalOrNull(coefficient), presentation));
      }
    }

    /**
     * A warehouse quantity: {@code <Склад ИдСклада=".." КоличествоНаСкладе=".."/>} directly in the offer, or
     * {@code <Склад><Ид/><Количество/></Склад>} inside {@code Остаток} (and, in some exports, in the offer).
     */
    private final class StockNode extends Node {
      String warehouseId;
      String quantity;

      StockNode start(Attrs attrs) {
        warehouseId = attrs.get("ИдСклада");
        quantity = attrs.get("КоличествоНаСкладе");
        return this;
      }

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.ID || tag == Tag.QUANTITY ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (tag == Tag.ID) {
          warehouseId = text;
        } else {
          quantity = text;
        }
      }

      @Override
      public void end() {
        BigDecimal q = Values.decimalOrNull(quantity);
        if (warehouseId != null && q != null) {
          stock.merge(warehouseId, q, BigDecimal::add);
        }
      }
    }

    /** {@code <Остаток>}: {@code Склад/{Ид,Количество}} per warehouse, or a bare {@code Количество} total. */
    private final class RemainNode extends Node {
      @Override
      public Node child(Tag tag, Attrs attrs) {
        return switch (tag) {
          case WAREHOUSE -> stockNode.start(attrs);
          case QUANTITY -> LEAF;
          default -> SKIP;
        };
      }

      @Override
      public void leaf(Tag tag, String text) {
        BigDecimal q = Values.decimalOrNull(text);
        if (q != null) {
          total = total == null ? q : total.add(q);
        }
      }
    }
  }
}
