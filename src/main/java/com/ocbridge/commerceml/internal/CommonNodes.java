package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.ClassifierIndex;
import com.ocbridge.commerceml.DocumentKind;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.CmlRecord;
import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.PropertyValue;
import com.ocbridge.commerceml.model.TaxRate;
import com.ocbridge.commerceml.model.UnitRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What several nodes share: the small structures products, offers and orders have in common (each collects into a
 * target its owner sets), and the header logic of the top-level sections.
 */
final class CommonNodes {
  private CommonNodes() {
  }

  /**
   * A top-level section ({@code Классификатор}, {@code Каталог}, {@code ПакетПредложений}) whose own leaves form a
   * header record. The header is emitted once: just before the first list the section introduces (groups,
   * products, offers...), so that consumers see it first, or at the section's end when it has no list. Also reads
   * {@code СодержитТолькоИзменения}, as an attribute or as a child element (old files, sometimes after the
   * products), and notes it for the summary.
   */
  abstract static class SectionHeaderNode extends Node {
    final DocState st;
    /** The section's {@code СодержитТолькоИзменения}; false when not given. */
    boolean onlyChanges;
    private boolean headerSent;

    SectionHeaderNode(DocState st) {
      this.st = st;
    }

    /** The header record, built from the leaves read so far. */
    abstract CmlRecord header();

    /** A section element starts: notes the document kind and reads a {@code СодержитТолькоИзменения} attribute. */
    final void startSection(DocumentKind kind, Attrs attrs) {
      st.kinds.add(kind);
      headerSent = false;
      Boolean v = Values.bool(attrs.get("СодержитТолькоИзменения"));
      if (v != null) {
        st.onlyChanges = v;
      }
      onlyChanges = Boolean.TRUE.equals(v);
    }

    /** A {@code СодержитТолькоИзменения} child element; unreadable text keeps what the attribute said. */
    final void onlyChangesElement(String text) {
      Boolean v = Values.bool(text);
      if (v != null) {
        st.onlyChanges = v;
        onlyChanges = v;
      }
    }

    /** Returns {@code list}, the node of a list the header introduces, after sending the header. */
    final Node afterHeader(Node list) {
      sendHeader();
      return list;
    }

    @Override
    public final void end() {
      sendHeader();
    }

    private void sendHeader() {
      if (!headerSent) {
        headerSent = true;
        st.emit(header());
      }
    }
  }

  /** A list of {@code <Ид>} children, e.g. {@code Товар/Группы}. */
  static final class IdList extends Node {
    private List<String> target;

    IdList into(List<String> target) {
      this.target = target;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return tag == Tag.ID ? LEAF : SKIP;
    }

    @Override
    public void leaf(Tag tag, String text) {
      if (text != null) {
        target.add(text);
      }
    }
  }

  /** {@code ЗначенияРеквизитов/ЗначениеРеквизита/{Наименование, Значение}} into a name → value map. */
  static final class Requisites extends Node {
    private final Item item = new Item();
    private Map<String, String> target;

    Requisites into(Map<String, String> target) {
      this.target = target;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      if (tag != Tag.REQUISITE) {
        return SKIP;
      }
      item.name = null;
      item.value = null;
      return item;
    }

    private final class Item extends Node {
      String name;
      String value;

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.NAME || tag == Tag.VALUE ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (tag == Tag.NAME) {
          name = text;
        } else if (text != null) {
          // several Значение under one name: keep them all
          value = value == null ? text : value + "\n" + text;
        }
      }

      @Override
      public void end() {
        if (name != null) {
          target.merge(name, value == null ? "" : value, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b);
        }
      }
    }
  }

  /**
   * {@code ЗначенияСвойств/ЗначенияСвойства/{Ид, Наименование?, Значение*}}, resolved against the dictionaries.
   * A property given without a value yields one entry with null values (the file says "no value").
   */
  static final class PropertyValues extends Node {
    private final ClassifierIndex index;
    private final Item item = new Item();
    private List<PropertyValue> target;

    PropertyValues(ClassifierIndex index) {
      this.index = index;
    }

    PropertyValues into(List<PropertyValue> target) {
      this.target = target;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      if (tag != Tag.PROPERTY_VALUE) {
        return SKIP;
      }
      item.id = null;
      item.name = null;
      item.raws.clear();
      return item;
    }

    private final class Item extends Node {
      String id;
      String name;
      final List<String> raws = new ArrayList<>(2);

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.ID || tag == Tag.NAME || tag == Tag.VALUE ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        switch (tag) {
          case ID -> id = text;
          case NAME -> name = text;
          default -> {
            if (text != null) {
              raws.add(text);
            }
          }
        }
      }

      @Override
      public void end() {
        if (id == null && name == null) {
          return;
        }
        if (raws.isEmpty()) {
          target.add(index.resolve(id, name, null));
        }
        for (String raw : raws) {
          target.add(index.resolve(id, name, raw));
        }
      }
    }
  }

  /**
   * A list element ({@code Товары}, {@code ТипыЦен}, {@code Цены}...): each {@code itemTag} child is handled by
   * the node {@code startItem} returns for it (usually one reused node, reset); other children are skipped.
   */
  static Node listOf(Tag itemTag, Function<Attrs, Node> startItem) {
    return new Node() {
      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == itemTag ? startItem.apply(attrs) : SKIP;
      }
    };
  }

  /**
   * A list of two-field items, e.g. {@code СтавкиНалогов/СтавкаНалога/{Наименование, Ставка}},
   * {@code ХарактеристикиТовара/ХарактеристикаТовара/{Наименование, Значение}} or
   * {@code Контакты/Контакт/{Тип, Значение}}. Each {@code item} element becomes {@code make(first, second)};
   * an item with neither field is dropped (an empty element says nothing). Other children are skipped.
   */
  static final class PairListNode<T> extends Node {
    private final Tag itemTag;
    private final Tag firstTag;
    private final Tag secondTag;
    private final BiFunction<String, String, T> make;
    private final Item item = new Item();
    private List<T> target;

    PairListNode(Tag itemTag, Tag firstTag, Tag secondTag, BiFunction<String, String, T> make) {
      this.itemTag = itemTag;
      this.firstTag = firstTag;
      this.secondTag = secondTag;
      this.make = make;
    }

    PairListNode<T> into(List<T> target) {
      this.target = target;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      if (tag != itemTag) {
        return SKIP;
      }
      item.first = null;
      item.second = null;
      return item;
    }

    private final class Item extends Node {
      String first;
      String second;

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == firstTag || tag == secondTag ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (tag == firstTag) {
          first = text;
        } else {
          second = text;
        }
      }

      @Override
      public void end() {
        if (first != null || second != null) {
          target.add(make.apply(first, second));
        }
      }
    }
  }

  /** {@code СтавкиНалогов/СтавкаНалога/{Наименование, Ставка}} (products and order lines). */
  static PairListNode<TaxRate> taxRates() {
    return new PairListNode<>(Tag.TAX_RATE, Tag.NAME, Tag.RATE, TaxRate::new);
  }

  /** {@code ХарактеристикиТовара/ХарактеристикаТовара/{Наименование, Значение}} (products and offers). */
  static PairListNode<Characteristic> characteristics() {
    return new PairListNode<>(Tag.CHARACTERISTIC, Tag.NAME, Tag.VALUE, Characteristic::new);
  }

  /** {@code Контакты/Контакт/{Тип, Значение}} (counterparties of orders). */
  static PairListNode<Contact> contacts() {
    return new PairListNode<>(Tag.CONTACT, Tag.TYPE, Tag.VALUE, Contact::new);
  }

  /**
   * A unit reference in any of its shapes:
   * {@code <БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>}
   * (2.x), {@code <БазоваяЕдиница>796 </БазоваяЕдиница>} (3.x code reference), and the structured
   * {@code <Единица><Ид/><НаименованиеКраткое/><Код/><НаименованиеПолное/></Единица>} of 1C's orders.
   */
  static final class UnitNode extends Node {
    private String code;
    private String name;
    private String fullName;
    private String intl;
    private boolean codeFromAttribute;
    private boolean present;

    /** Starts a unit element; returns this node. */
    UnitNode start(Attrs attrs) {
      present = true;
      code = attrs.get("Код");
      codeFromAttribute = code != null;
      fullName = attrs.get("НаименованиеПолное");
      intl = attrs.get("МеждународноеСокращение");
      name = null;
      return this;
    }

    void clear() {
      present = false;
      code = name = fullName = intl = null;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, CODE, SHORT_NAME, FULL_NAME, INTL_ABBREVIATION -> LEAF;
        default -> SKIP; // e.g. Пересчет
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case CODE -> code = text;
        case ID -> {
          if (code == null) {
            code = text;
          }
        }
        case SHORT_NAME -> name = text;
        case FULL_NAME -> fullName = text;
        default -> intl = text;
      }
    }

    @Override
    public boolean wantsOwnText() {
      return true;
    }

    @Override
    public void ownText(String text) {
      if (text == null) {
        return;
      }
      // Without a Код attribute, 3.x writes just the code ("796 "); a word is a short name.
      if (!codeFromAttribute && code == null && isCode(text)) {
        code = text;
      } else if (name == null) {
        name = text;
      }
    }

    /** The unit read, completed from the classifier's units; null when the element was absent. */
    UnitRef result(ClassifierIndex index) {
      if (!present || (code == null && name == null && fullName == null && intl == null)) {
        return null;
      }
      return index.resolveUnit(new UnitRef(code, name, fullName, intl));
    }

    private static boolean isCode(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (!Character.isDigit(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
