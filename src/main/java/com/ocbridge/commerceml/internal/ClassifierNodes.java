package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.DocumentKind;
import com.ocbridge.commerceml.model.ClassifierHeader;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Group;
import com.ocbridge.commerceml.model.PriceType;
import com.ocbridge.commerceml.model.Property;
import com.ocbridge.commerceml.model.Unit;
import com.ocbridge.commerceml.model.Warehouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <Классификатор>} and the dictionaries it holds: groups (a tree), properties with value dictionaries,
 * price types, warehouses, units. Price types and warehouses also appear in offer packages, which reuse these nodes.
 */
final class ClassifierNodes {
  private ClassifierNodes() {
  }

  static final class ClassifierNode extends CommonNodes.SectionHeaderNode {
    private final Node properties;
    private final Node priceTypes;
    private final WarehousesNode warehouses;
    private final UnitsNode units;
    private String id;
    private String name;

    ClassifierNode(DocState st) {
      super(st);
      this.properties = propertiesNode(st);
      this.priceTypes = priceTypesNode(st);
      this.warehouses = new WarehousesNode(st);
      this.units = new UnitsNode(st);
    }

    ClassifierNode start(Attrs attrs) {
      startSection(DocumentKind.CLASSIFIER, attrs);
      id = name = null;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, NAME, ONLY_CHANGES -> LEAF;
        case GROUPS -> afterHeader(new GroupsNode(st, null, 0));
        case PROPERTIES -> afterHeader(properties);
        case PRICE_TYPES -> afterHeader(priceTypes);
        case WAREHOUSES -> afterHeader(warehouses);
        case UNITS -> afterHeader(units);
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case NAME -> name = text;
        default -> onlyChangesElement(text);
      }
    }

    @Override
    CmlRecord header() {
      return new ClassifierHeader(id, name, onlyChanges);
    }
  }

  /** {@code <Группы>}: a level of the group tree. */
  static final class GroupsNode extends Node {
    private final DocState st;
    private final String parentId;
    private final int level;

    GroupsNode(DocState st, String parentId, int level) {
      this.st = st;
      this.parentId = parentId;
      this.level = level;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return tag == Tag.GROUP ? new GroupNode(st, parentId, level) : SKIP;
    }
  }

  /** {@code <Группа>}: emitted before its subgroups (parents first), or at its end when it has none. */
  static final class GroupNode extends Node {
    private final DocState st;
    private final String parentId;
    private final int level;
    private String id;
    private String name;
    private boolean deleted;
    private boolean sent;

    GroupNode(DocState st, String parentId, int level) {
      this.st = st;
      this.parentId = parentId;
      this.level = level;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      switch (tag) {
        case ID, NAME, DELETION_MARK:
          return LEAF;
        case GROUPS:
          send();
          return new GroupsNode(st, id, level + 1);
        default:
          return SKIP;
      }
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case NAME -> name = text;
        default -> deleted = Values.isTrue(text);
      }
    }

    @Override
    public void end() {
      send();
    }

    private void send() {
      if (!sent && id != null) {
        sent = true;
        st.emit(new Group(id, parentId, name, level, deleted));
      }
    }
  }

  /** {@code <Свойства>}. */
  static Node propertiesNode(DocState st) {
    PropertyNode property = new PropertyNode(st);
    return CommonNodes.listOf(Tag.PROPERTY, attrs -> property.reset());
  }

  /** {@code <Свойство>} with its {@code ВариантыЗначений}. */
  static final class PropertyNode extends Node {
    private final DocState st;
    private final VariantsNode variants = new VariantsNode();
    private String id;
    private String name;
    private String valueType;
    private Boolean forProducts;
    private Boolean forOffers;
    private boolean deleted;
    private Map<String, String> values;

    PropertyNode(DocState st) {
      this.st = st;
    }

    PropertyNode reset() {
      id = name = valueType = null;
      forProducts = forOffers = null;
      deleted = false;
      values = new LinkedHashMap<>();
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, NAME, VALUE_TYPE, FOR_PRODUCTS, FOR_OFFERS, DELETION_MARK -> LEAF;
        case VALUE_VARIANTS -> variants;
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case NAME -> name = text;
        case VALUE_TYPE -> valueType = text;
        case FOR_PRODUCTS -> forProducts = Values.bool(text);
        case FOR_OFFERS -> forOffers = Values.bool(text);
        default -> deleted = Values.isTrue(text);
      }
    }

    @Override
    public void end() {
      if (id != null) {
        st.emit(new Property(id, name, valueType, forProducts, forOffers, deleted,
            Values.orderedCopy(values)));
      }
    }

    /** {@code ВариантыЗначений}: {@code Справочник/{ИдЗначения, Значение}} entries, or bare {@code Значение}s. */
    private final class VariantsNode extends Node {
      private final EntryNode entry = new EntryNode();

      @Override
      public Node child(Tag tag, Attrs attrs) {
        if (tag == Tag.DICTIONARY) {
          entry.valueId = entry.value = null;
          return entry;
        }
        return tag == Tag.VALUE ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (text != null) {
          values.put(text, text); // a plain list of allowed values: the value is its own key
        }
      }
    }

    private final class EntryNode extends Node {
      String valueId;
      String value;

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.VALUE_ID || tag == Tag.VALUE ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (tag == Tag.VALUE_ID) {
          valueId = text;
        } else {
          value = text;
        }
      }

      @Override
      public void end() {
        if (valueId != null) {
          values.put(valueId, value == null ? "" : value);
        }
      }
    }
  }

  /** {@code <ТипыЦен>} (classifier or offer package). */
  static Node priceTypesNode(DocState st) {
    PriceTypeNode priceType = new PriceTypeNode(st);
    return CommonNodes.listOf(Tag.PRICE_TYPE, attrs -> priceType.reset());
  }

  static final class PriceTypeNode extends Node {
    private final DocState st;
    private final TaxNode tax = new TaxNode();
    private String id;
    private String name;
    private String currency;
    private boolean deleted;

    PriceTypeNode(DocState st) {
      this.st = st;
    }

    PriceTypeNode reset() {
      id = name = currency = null;
      deleted = false;
      tax.name = null;
      tax.included = null;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, NAME, CURRENCY, DELETION_MARK -> LEAF;
        case TAX -> tax;
        default -> SKIP;
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case NAME -> name = text;
        case CURRENCY -> currency = text;
        default -> deleted = Values.isTrue(text);
      }
    }

    @Override
    public void end() {
      if (id != null) {
        st.emit(new PriceType(id, name, currency, tax.name, tax.included, deleted));
      }
    }

    private static final class TaxNode extends Node {
      String name;
      Boolean included;

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.NAME || tag == Tag.INCLUDED_IN_SUM ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (tag == Tag.NAME) {
          name = text;
        } else {
          included = Values.bool(text);
        }
      }
    }
  }

  /** {@code <Склады>} definitions (classifier or offer package; not the stock elements inside offers). */
  static final class WarehousesNode extends Node {
    private final DocState st;
    private final Item item = new Item();

    WarehousesNode(DocState st) {
      this.st = st;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      if (tag != Tag.WAREHOUSE) {
        return SKIP;
      }
      item.id = item.name = null;
      item.deleted = false;
      return item;
    }

    private final class Item extends Node {
      String id;
      String name;
      boolean deleted;

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.ID || tag == Tag.NAME || tag == Tag.DELETION_MARK ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        switch (tag) {
          case ID -> id = text;
          case NAME -> name = text;
          default -> deleted = Values.isTrue(text);
        }
      }

      @Override
      public void end() {
        if (id != null) {
          st.emit(new Warehouse(id, name, deleted));
        }
      }
    }
  }

  /** {@code <ЕдиницыИзмерения>} (2.09/3.x classifiers). */
  static final class UnitsNode extends Node {
    private final DocState st;
    private final Item item = new Item();

    UnitsNode(DocState st) {
      this.st = st;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      if (tag != Tag.UNIT_DEF) {
        return SKIP;
      }
      item.id = item.code = item.shortName = item.fullName = item.intl = null;
      item.deleted = false;
      return item;
    }

    private final class Item extends Node {
      String id;
      String code;
      String shortName;
      String fullName;
      String intl;
      boolean deleted;

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return switch (tag) {
          case ID, CODE, SHORT_NAME, FULL_NAME, INTL_ABBREVIATION, DELETION_MARK -> LEAF;
          default -> SKIP;
        };
      }

      @Override
      public void leaf(Tag tag, String text) {
        switch (tag) {
          case ID -> id = text;
          case CODE -> code = text;
          case SHORT_NAME -> shortName = text;
          case FULL_NAME -> fullName = text;
          case INTL_ABBREVIATION -> intl = text;
          default -> deleted = Values.isTrue(text);
        }
      }

      @Override
      public void end() {
        if (id != null || code != null) {
          st.emit(new Unit(id != null ? id : code, code != null ? code : id, shortName, fullName, intl, deleted));
        }
      }
    }
  }
}
