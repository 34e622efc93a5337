package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.DocumentKind;
import com.ocbridge.commerceml.model.CatalogHeader;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Manufacturer;
import com.ocbridge.commerceml.model.Product;
import com.ocbridge.commerceml.model.PropertyValue;
import com.ocbridge.commerceml.model.TaxRate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <Каталог>} and its {@code <Товар>} elements. */
final class CatalogNodes {
  private CatalogNodes() {
  }

  static final class CatalogNode extends CommonNodes.SectionHeaderNode {
    private final Node products;
    private String id;
    private String classifierId;
    private String name;

    CatalogNode(DocState st) {
      super(st);
      ProductNode product = new ProductNode(st);
      this.products = CommonNodes.listOf(Tag.PRODUCT, product::start);
    }

    CatalogNode start(Attrs attrs) {
      startSection(DocumentKind.CATALOG, attrs);
      id = classifierId = name = null;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, CLASSIFIER_ID, NAME, ONLY_CHANGES -> LEAF;
        case PRODUCTS -> afterHeader(products);
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case CLASSIFIER_ID -> classifierId = text;
        case NAME -> name = text;
        default -> onlyChangesElement(text);
      }
    }

    @Override
    CmlRecord header() {
      return new CatalogHeader(id, classifierId, name, onlyChanges);
    }
  }

  /** {@code <Товар>}: one instance, reset for every product. */
  static final class ProductNode extends Node {
    private final DocState st;
    private final CommonNodes.IdList groupsNode = new CommonNodes.IdList();
    private final CommonNodes.Requisites requisitesNode = new CommonNodes.Requisites();
    private final CommonNodes.PropertyValues propertiesNode;
    private final CommonNodes.PairListNode<TaxRate> taxRatesNode = CommonNodes.taxRates();
    private final CommonNodes.PairListNode<Characteristic> characteristicsNode = CommonNodes.characteristics();
    private final CommonNodes.UnitNode unitNode = new CommonNodes.UnitNode();
    private final ManufacturerNode manufacturerNode = new ManufacturerNode();

    private String id;
    private String sku;
    private String barcode;
    private String name;
    private String description;
    private String status;
    private String version;
    private boolean deleted;
    private final List<String> groupIds = new ArrayList<>();
    private final List<String> pictures = new ArrayList<>();
    private final List<PropertyValue> properties = new ArrayList<>();
    private final Map<String, String> requisites = new LinkedHashMap<>();
    private final List<TaxRate> taxRates = new ArrayList<>();
    private final List<Characteristic> characteristics = new ArrayList<>();

    ProductNode(DocState st) {
      this.st = st;
      this.propertiesNode = new CommonNodes.PropertyValues(st.index);
    }

    ProductNode start(Attrs attrs) {
      id = sku = barcode = name = description = version = null;
      status = attrs.get("Статус");
      deleted = false;
      groupIds.clear();
      pictures.clear();
      properties.clear();
      requisites.clear();
      taxRates.clear();
      characteristics.clear();
      unitNode.clear();
      manufacturerNode.id = manufacturerNode.name = null;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, SKU, BARCODE, NAME, DESCRIPTION, PICTURE, DELETION_MARK, VERSION -> LEAF;
        case BASE_UNIT -> unitNode.start(attrs);
        case GROUPS -> groupsNode.into(groupIds);
        case MANUFACTURER -> manufacturerNode;
        case PROPERTY_VALUES -> propertiesNode.into(properties);
        case REQUISITES -> requisitesNode.into(requisites);
        case TAX_RATES -> taxRatesNode.into(taxRates);
        case CHARACTERISTICS -> characteristicsNode.into(characteristics);
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case SKU -> sku = text;
        case BARCODE -> barcode = text;
        case NAME -> name = text;
        case DESCRIPTION -> description = text;
        case PICTURE -> {
          if (text != null) {
            pictures.add(text);
          }
        }
        case DELETION_MARK -> deleted = Values.isTrue(text);
        case VERSION -> version = text;
        default -> {
        }
      }
    }

    @Override
    public void end() {
      if (id == null) {
        return; // nothing a shop could match it by
      }
      boolean isDeleted = deleted || "Удален".equalsIgnoreCase(status);
      st.emit(new Product(id, Values.beforeHash(id), Values.afterHash(id), sku, barcode, name, description,
          unitNode.result(st.index), List.copyOf(groupIds), List.copyOf(pictures),
          manufacturerNode.id == null && manufacturerNode.name == null ? null
              : new Manufacturer(manufacturerNode.id, manufacturerNode.name),
          List.copyOf(properties), Values.orderedCopy(requisites), List.copyOf(taxRates), isDeleted, status,
          List.copyOf(characteristics), version));
    }
  }

  /** {@code <Изготовитель>/{Ид, Наименование}}. */
  static final class ManufacturerNode extends Node {
    String id;
    String name;

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return tag == Tag.ID || tag == Tag.NAME ? LEAF : SKIP;
    }

    @Override
    public void leaf(Tag tag, String text) {
      if (tag == Tag.ID) {
        id = text;
      } else {
        name = text;
      }
    }
  }
}
