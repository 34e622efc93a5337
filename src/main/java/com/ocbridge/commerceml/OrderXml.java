package com.ocbridge.commerceml;

import com.ocbridge.commerceml.internal.Values;
import com.ocbridge.commerceml.internal.XmlEncoder;
import com.ocbridge.commerceml.model.Characteristic;
import com.ocbridge.commerceml.model.Contact;
import com.ocbridge.commerceml.model.Counterparty;
import com.ocbridge.commerceml.model.Discount;
import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.commerceml.model.Tax;
import com.ocbridge.commerceml.model.TaxRate;
import com.ocbridge.commerceml.model.UnitRef;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One order {@code Документ} as markup on an {@link XmlEncoder}, for {@link OrdersWriter} (which owns the stream,
 * the prolog and the root). Elements go in the order of the official samples, which is the schema's wherever the
 * samples do not differ: 1C reads the document with XDTO.
 */
final class OrderXml {
  private final XmlEncoder enc;
  private final boolean container;

  OrderXml(XmlEncoder enc, boolean container) {
    this.enc = enc;
    this.container = container;
  }

  /** One {@code Документ}, elements in the order of the official samples (XSD order; 1C reads with XDTO). */
  void document(OrderDocument o) {
    String indent = "\t";
    if (container) {
      enc.markup("\t<Контейнер>\n");
      indent = "\t\t";
    }
    enc.markup(indent).markup("<Документ>\n");
    String in = indent + "\t";
    element(in, "Ид", o.id());
    element(in, "НомерВерсии", o.version());
    element(in, "ПометкаУдаления", o.deletionMark() == null ? null : o.deletionMark().toString());
    element(in, "Номер", o.number());
    element(in, "Номер1С", o.number1C());
    element(in, "Дата", o.date() == null ? null : o.date().toString());
    element(in, "Дата1С", o.date1C() == null ? null : o.date1C().toString());
    element(in, "ХозОперация", o.operation());
    element(in, "Роль", o.role());
    element(in, "Валюта", o.currency());
    element(in, "Курс", decimal(o.rate()));
    element(in, "Сумма", decimal(o.sum()));
    if (!o.counterparties().isEmpty()) {
      enc.markup(in).markup("<Контрагенты>\n");
      for (Counterparty c : o.counterparties()) {
        counterparty(in + "\t", c);
      }
      enc.markup(in).markup("</Контрагенты>\n");
    }
    element(in, "Время", o.time() == null ? null : Values.formatTime(o.time()));
    element(in, "Комментарий", o.comment());
    discounts(in, o.discounts());
    if (!o.lines().isEmpty()) {
      enc.markup(in).markup("<Товары>\n");
      for (OrderLine l : o.lines()) {
        line(in + "\t", l);
      }
      enc.markup(in).markup("</Товары>\n");
    }
    requisites(in, o.requisites());
    enc.markup(indent).markup("</Документ>\n");
    if (container) {
      enc.markup("\t</Контейнер>\n");
    }
  }

  /**
   * Roles as the official samples place it (after Наименование), the rest in schema order: a company's
   * ОфициальноеНаименование, ЮридическийАдрес, ИНН, КПП (the 1C-Bitrix layout of a legal entity), a person's
   * ПолноеНаименование, Фамилия, Имя, Отчество, АдресРегистрации; then Контакты and a company's contact person.
   */
  private void counterparty(String indent, Counterparty c) {
    String in = indent + "\t";
    enc.markup(indent).markup("<Контрагент>\n");
    element(in, "Ид", c.id());
    element(in, "Наименование", c.name());
    element(in, "Роль", c.role());
    element(in, "ОфициальноеНаименование", c.officialName());
    address(in, "ЮридическийАдрес", c.legalAddress());
    element(in, "ИНН", c.inn());
    element(in, "КПП", c.kpp());
    element(in, "ПолноеНаименование", c.fullName());
    element(in, "Фамилия", c.lastName());
    element(in, "Имя", c.firstName());
    element(in, "Отчество", c.middleName());
    address(in, "АдресРегистрации", c.address());
    if (!c.contacts().isEmpty()) {
      enc.markup(in).markup("<Контакты>\n");
      for (Contact k : c.contacts()) {
        enc.markup(in).markup("\t<Контакт>\n");
        element(in + "\t\t", "Тип", k.type());
        element(in + "\t\t", "Значение", k.value());
        enc.markup(in).markup("\t</Контакт>\n");
      }
      enc.markup(in).markup("</Контакты>\n");
    }
    if (c.contactPerson() != null) {
      // the official samples' form: Представитель/Контрагент with Отношение first
      enc.markup(in).markup("<Представители>\n").markup(in).markup("\t<Представитель>\n")
          .markup(in).markup("\t\t<Контрагент>\n");
      element(in + "\t\t\t", "Отношение", "Контактное лицо");
      element(in + "\t\t\t", "Наименование", c.contactPerson());
      enc.markup(in).markup("\t\t</Контрагент>\n").markup(in).markup("\t</Представитель>\n")
          .markup(in).markup("</Представители>\n");
    }
    enc.markup(indent).markup("</Контрагент>\n");
  }

  /** {@code <name><Представление>text</Представление></name>}, or nothing for null. */
  private void address(String indent, String name, String text) {
    if (text == null) {
      return;
    }
    enc.markup(indent).markup("<").markup(name).markup(">\n");
    element(indent + "\t", "Представление", text);
    enc.markup(indent).markup("</").markup(name).markup(">\n");
  }

  /** {@code Скидки}: name, sum, then УчтеноВСумме (the order of the schema's Скидка). */
  private void discounts(String indent, List<Discount> discounts) {
    if (discounts.isEmpty()) {
      return;
    }
    enc.markup(indent).markup("<Скидки>\n");
    for (Discount d : discounts) {
      enc.markup(indent).markup("\t<Скидка>\n");
      element(indent + "\t\t", "Наименование", d.name());
      element(indent + "\t\t", "Сумма", decimal(d.sum()));
      element(indent + "\t\t", "УчтеноВСумме", d.includedInSum() == null ? null : d.includedInSum().toString());
      enc.markup(indent).markup("\t</Скидка>\n");
    }
    enc.markup(indent).markup("</Скидки>\n");
  }

  /** A line's {@code Налоги}: name, УчтеноВСумме, sum, rate (the order of the schema's НалогВДокументе). */
  private void taxes(String indent, List<Tax> taxes) {
    if (taxes.isEmpty()) {
      return;
    }
    enc.markup(indent).markup("<Налоги>\n");
    for (Tax t : taxes) {
      enc.markup(indent).markup("\t<Налог>\n");
      element(indent + "\t\t", "Наименование", t.name());
      element(indent + "\t\t", "УчтеноВСумме", t.includedInSum() == null ? null : t.includedInSum().toString());
      element(indent + "\t\t", "Сумма", decimal(t.sum()));
      element(indent + "\t\t", "Ставка", t.rate());
      enc.markup(indent).markup("\t</Налог>\n");
    }
    enc.markup(indent).markup("</Налоги>\n");
  }

  private void line(String indent, OrderLine l) {
    String in = indent + "\t";
    enc.markup(indent).markup("<Товар>\n");
    element(in, "Ид", l.id());
    element(in, "ИдКаталога", l.catalogId());
    element(in, "Артикул", l.sku());
    element(in, "Наименование", l.name());
    UnitRef u = l.unit();
    if (u != null) {
      enc.markup(in).markup("<БазоваяЕдиница");
      attribute("Код", u.code());
      attribute("НаименованиеПолное", u.fullName());
      attribute("МеждународноеСокращение", u.internationalAbbreviation());
      enc.markup(">");
      if (u.name() != null) {
        enc.text(u.name());
      }
      enc.markup("</БазоваяЕдиница>\n");
    }
    if (!l.taxRates().isEmpty()) {
      enc.markup(in).markup("<СтавкиНалогов>\n");
      for (TaxRate t : l.taxRates()) {
        enc.markup(in).markup("\t<СтавкаНалога>\n");
        element(in + "\t\t", "Наименование", t.name());
        element(in + "\t\t", "Ставка", t.rate());
        enc.markup(in).markup("\t</СтавкаНалога>\n");
      }
      enc.markup(in).markup("</СтавкиНалогов>\n");
    }
    // where the official samples put it (after СтавкиНалогов): 1C reads the line with XDTO, in schema order
    if (!l.characteristics().isEmpty()) {
      enc.markup(in).markup("<ХарактеристикиТовара>\n");
      for (Characteristic c : l.characteristics()) {
        enc.markup(in).markup("\t<ХарактеристикаТовара>\n");
        element(in + "\t\t", "Наименование", c.name());
        element(in + "\t\t", "Значение", c.value());
        enc.markup(in).markup("\t</ХарактеристикаТовара>\n");
      }
      enc.markup(in).markup("</ХарактеристикиТовара>\n");
    }
    element(in, "ЦенаЗаЕдиницу", decimal(l.price()));
    element(in, "Количество", decimal(l.quantity()));
    element(in, "Сумма", decimal(l.sum()));
    element(in, "Коэффициент", decimal(l.coefficient()));
    // Налоги and Скидки follow Коэффициент in the schema's document line (1C writes Налоги there too)
    taxes(in, l.taxes());
    discounts(in, l.discounts());
    requisites(in, l.requisites());
    enc.markup(indent).markup("</Товар>\n");
  }

  private void requisites(String indent, Map<String, String> requisites) {
    if (requisites.isEmpty()) {
      return;
    }
    enc.markup(indent).markup("<ЗначенияРеквизитов>\n");
    requisites.forEach((name, value) -> {
      enc.markup(indent).markup("\t<ЗначениеРеквизита>\n");
      element(indent + "\t\t", "Наименование", name);
      enc.markup(indent).markup("\t\t<Значение>").text(value == null ? "" : value).markup("</Значение>\n");
      enc.markup(indent).markup("\t</ЗначениеРеквизита>\n");
    });
    enc.markup(indent).markup("</ЗначенияРеквизитов>\n");
  }

  /** {@code <name>value</name>}, or nothing when the value is null. */
  private void element(String indent, String name, String value) {
    if (value == null) {
      return;
    }
    enc.markup(indent).markup("<").markup(name).markup(">").text(value).markup("</").markup(name).markup(">\n");
  }

  private void attribute(String name, String value) {
    if (value != null) {
      enc.markup(" ").markup(name).markup("=\"").attribute(value).markup("\"");
    }
  }

  private static String decimal(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }
}
