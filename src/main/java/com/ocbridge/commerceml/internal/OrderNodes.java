package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.DocumentKind;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.TaxRate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <Документ>}: orders, in the site's format (§8.5) and in 1C's (§8.6). */
final class OrderNodes {
  private OrderNodes() {
  }

  static final class DocumentNode extends Node {
    private final DocState st;
    private final CommonNodes.Requisites requisitesNode = new CommonNodes.Requisites();
    /** {@code <Контрагенты>}: only direct {@code Контрагент} children (contact persons nested deeper are skipped). */
    private final Node counterpartiesNode;
    private final LinesNode linesNode;

    private String id;
    private String number;
    private String date;
    private String time;
    private String number1C;
    private String date1C;
    private String operation;
    private String role;
    private String currency;
    private String rate;
    private String sum;
    private String comment;
    private String deletionMark;
    private String version;
    /** {@code Основание}: the order a payment or shipment document belongs to (1C→site). */
    private String base;
    private final List<Counterparty> counterparties = new ArrayList<>();
    private final List<OrderLine> lines = new ArrayList<>();
    private final Map<String, String> requisites = new LinkedHashMap<>();

    DocumentNode(DocState st) {
      this.st = st;
      this.linesNode = new LinesNode(st);
      this.counterpartiesNode = CommonNodes.listOf(Tag.COUNTERPARTY, attrs -> new CounterpartyNode(counterparties));
    }

    DocumentNode start() {
      st.kinds.add(DocumentKind.ORDERS);
      id = number = date = time = number1C = date1C = operation = role = currency = rate = sum = comment = null;
      deletionMark = version = base = null;
      counterparties.clear();
      lines.clear();
      requisites.clear();
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, NUMBER, DATE, TIME, NUMBER_1C, DATE_1C, OPERATION, ROLE, CURRENCY, EXCHANGE_RATE, SUM,
            COMMENT, DELETION_MARK, VERSION, BASE -> LEAF;
        case COUNTERPARTIES -> counterpartiesNode;
        case PRODUCTS -> linesNode.into(lines);
        case REQUISITES -> requisitesNode.into(requisites);
        default -> SKIP; // Налоги, Склады, СрокПлатежа, ...
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case NUMBER -> number = text;
        case DATE -> date = text;
        case TIME -> time = text;
        case NUMBER_1C -> number1C = text;
        case DATE_1C -> date1C = text;
        case OPERATION -> operation = text;
        case ROLE -> role = text;
        case CURRENCY -> currency = text;
        case EXCHANGE_RATE -> rate = text;
        case SUM -> sum = text;
        case COMMENT -> comment = text;
        case DELETION_MARK -> deletionMark = text;
        case VERSION -> version = text;
        case BASE -> base = text;
        default -> {
        }
      }
    }

    @Override
    public void end() {
      st.emit(new OrderDocument(id, number, Values.date(date), Values.time(time), number1C, Values.date(date1C),
          operation, role, currency, Values.decimalOrNull(rate), Values.decimalOrNull(sum), comment,
          Values.bool(deletionMark), version, counterparties, lines, requisites, base));
    }
  }

  static final class CounterpartyNode extends Node {
    private final List<Counterparty> target;
    private String id;
    private String name;
    private String fullName;
    private String officialName;
    private String role;
    private String lastName;
    private String firstName;
    private String middleName;
    private String inn;
    private String kpp;
    private String address;
    private final List<Contact> contacts = new ArrayList<>();

    CounterpartyNode(List<Counterparty> target) {
      this.target = target;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case ID, NAME, FULL_NAME_COUNTERPARTY, OFFICIAL_NAME, ROLE, LAST_NAME, FIRST_NAME, MIDDLE_NAME, INN,
            KPP -> LEAF;
        case REGISTRATION_ADDRESS, ADDRESS -> new AddressNode();
        case CONTACTS -> CommonNodes.contacts().into(contacts);
        default -> SKIP; // Представители, РасчетныеСчета, ...
      };
    }

    @Override
    public void leaf(Tag tag, String text) {
      switch (tag) {
        case ID -> id = text;
        case NAME -> name = text;
        case FULL_NAME_COUNTERPARTY -> fullName = text;
        case OFFICIAL_NAME -> officialName = text;
        case ROLE -> role = text;
        case LAST_NAME -> lastName = text;
        case FIRST_NAME -> firstName = text;
        case MIDDLE_NAME -> middleName = text;
        case INN -> inn = text;
        case KPP -> kpp = text;
        default -> {
        }
      }
    }

    @Override
    public void end() {
      target.add(new Counterparty(id, name, fullName, officialName, role, lastName, firstName, middleName, inn,
          kpp, address, contacts));
    }

    /** {@code АдресРегистрации} / {@code Адрес}: the {@code Представление} (the first one given wins). */
    private final class AddressNode extends Node {
      @Override
      public Node child(Tag tag, Attrs attrs) {
        return tag == Tag.PRESENTATION ? LEAF : SKIP;
      }

      @Override
      public void leaf(Tag tag, String text) {
        if (address == null) {
          address = text;
        }
      }
    }
  }

  /** {@code Документ/Товары}. */
  static final class LinesNode extends Node {
    private final DocState st;
    private final LineNode line;
    private List<OrderLine> target;

    LinesNode(DocState st) {
      this.st = st;
      this.line = new LineNode();
    }

    LinesNode into(List<OrderLine> target) {
      this.target = target;
      return this;
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return tag == Tag.PRODUCT ? line.start() : SKIP;
    }

    /** One order line; {@code ЦенаЗаЕдиницу} (site) or {@code Цена} (1C), {@code БазоваяЕдиница} or {@code Единица}. */
    private final class LineNode extends Node {
      private final CommonNodes.UnitNode baseUnit = new CommonNodes.UnitNode();
      private final CommonNodes.UnitNode unit = new CommonNodes.UnitNode();
      private final CommonNodes.Requisites requisitesNode = new CommonNodes.Requisites();
      private final CommonNodes.PairListNode<TaxRate> taxRatesNode = CommonNodes.taxRates();
      private final CommonNodes.PairListNode<Characteristic> characteristicsNode = CommonNodes.characteristics();
      String id;
      String catalogId;
      String sku;
      String name;
      String price;
      String quantity;
      String sum;
      String coefficient;
      final List<TaxRate> taxRates = new ArrayList<>();
      final Map<String, String> requisites = new LinkedHashMap<>();
      final List<Characteristic> characteristics = new ArrayList<>();

      LineNode start() {
        id = catalogId = sku = name = price = quantity = sum = coefficient = null;
        baseUnit.clear();
        unit.clear();
        taxRates.clear();
        requisites.clear();
        characteristics.clear();
        return this;
      }

      @Override
      public Node child(Tag tag, Attrs attrs) {
        return switch (tag) {
          case ID, CATALOG_ID, SKU, NAME, PRICE_PER_UNIT, PRICE, QUANTITY, SUM, COEFFICIENT -> LEAF;
          case BASE_UNIT -> baseUnit.start(attrs);
          case UNIT -> unit.start(attrs);
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
          case CATALOG_ID -> catalogId = text;
          case SKU -> sku = text;
          case NAME -> name = text;
          case PRICE_PER_UNIT -> price = text;
          case PRICE -> {
            if (price == null) {
              price = text;
            }
          }
          case QUANTITY -> quantity = text;
          case SUM -> sum = text;
          case COEFFICIENT -> coefficient = text;
          default -> {
          }
        }
      }

      @Override
      public void end() {
        var u = baseUnit.result(st.index);
        var structured = unit.result(st.index);
        if (u == null) {
          u = structured;
        } else if (structured != null) {
          // 1C's УНФ writes <БазоваяЕдиница Код=...> plus <Единица>шт</Единица>: complete the gaps
          u = new com.ocbridge.commerceml.model.UnitRef(
              u.code() != null ? u.code() : structured.code(),
              u.name() != null ? u.name() : structured.name(),
              u.fullName() != null ? u.fullName() : structured.fullName(),
              u.internationalAbbreviation() != null ? u.internationalAbbreviation()
                  : structured.internationalAbbreviation());
        }
        target.add(new OrderLine(id, catalogId, sku, name, u, Values.decimalOrNull(price),
            Values.decimalOrNull(quantity), Values.decimalOrNull(sum), Values.decimalOrNull(coefficient),
            taxRates, requisites, characteristics));
      }
    }
  }
}
