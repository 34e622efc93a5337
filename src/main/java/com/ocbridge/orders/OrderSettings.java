package com.ocbridge.orders;

import com.ocbridge.config.BridgeConfig;
import java.time.ZoneId;
import java.util.Set;

/**
 * How an OpenCart order is written for 1C, both as the {@code mode=query} document and as the JSON push: who the
 * buyer is, where discounts go, what the delivery line is called, the number and the time zone.
 *
 * @param company      when an order is a company's rather than a private person's
 * @param fields       which OpenCart custom fields hold a company's requisites
 * @param discounts    where coupons, vouchers and reward points go
 * @param delivery     name and article of the {@code ORDER_DELIVERY} line
 * @param numberPrefix goes before the order id in {@code Номер} and {@code siteOrderNumber}, never in {@code Ид}
 * @param timeZone     the zone dates are written in; null = the shop's own (the offset OpenCart's dates come with)
 */
record OrderSettings(Company company, RequisiteFields fields, Discounts discounts, Delivery delivery,
    String numberPrefix, ZoneId timeZone) {

  /** Nothing configured: every buyer a person, discounts on the document, shop's zone, no prefix. */
  static final OrderSettings DEFAULTS = new OrderSettings(new Company(Set.of(), ""), RequisiteFields.DEFAULTS,
      Discounts.DOCUMENT, new Delivery("", ""), "", null);

  /**
   * An order is a company's when its customer group is listed, or when the named custom field (name in the shop's
   * default language, or its custom_field_id) has a value, e.g. the ИНН field; empty = groups only.
   */
  record Company(Set<Integer> customerGroupIds, String customField) {
    Company {
      customerGroupIds = customerGroupIds == null ? Set.of() : Set.copyOf(customerGroupIds);
      customField = customField == null ? "" : customField.trim();
    }
  }

  /** The custom fields (name or custom_field_id) a company's ИНН, КПП, name and legal address are read from. */
  record RequisiteFields(String inn, String kpp, String company, String legalAddress) {
    static final RequisiteFields DEFAULTS = new RequisiteFields("ИНН", "КПП", "Организация", "Юридический адрес");
  }

  /** {@code document}: one {@code Скидки} block for the order; {@code line}: spread over the goods lines. */
  enum Discounts {
    DOCUMENT, LINE;

    static Discounts of(String configured) {
      return "line".equals(configured) ? LINE : DOCUMENT;
    }
  }

  /** {@code name} empty = the shipping method's name; {@code sku} empty = no {@code Артикул}. */
  record Delivery(String name, String sku) {
    Delivery {
      name = name == null ? "" : name.trim();
      sku = sku == null ? "" : sku.trim();
    }
  }

  static OrderSettings from(BridgeConfig.Orders orders) {
    BridgeConfig.OrderOutput o = orders.output();
    BridgeConfig.OrderCustomFields f = o.customFields();
    return new OrderSettings(new Company(Set.copyOf(o.company().customerGroupIds()), o.company().customField()),
        new RequisiteFields(f.inn(), f.kpp(), f.company(), f.legalAddress()), Discounts.of(o.discounts()),
        new Delivery(o.delivery().name(), o.delivery().sku()), orders.numberPrefix(),
        o.timeZone().isBlank() ? null : ZoneId.of(o.timeZone()));
  }

}
