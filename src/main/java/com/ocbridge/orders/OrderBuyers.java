package com.ocbridge.orders;

import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderAddress;
import com.ocbridge.opencart.model.OrderCustomField;
import com.ocbridge.opencart.model.OrderCustomer;
import java.util.List;

/**
 * Who bought: a private person, or a company with its requisites ({@link OrderSettings.Company} decides per order).
 * The query document and the 1C push take the buyer from here, so both always agree.
 */
final class OrderBuyers {
  private OrderBuyers() {}

  /**
   * The buyer of an order.
   *
   * @param id           {@code oc-customer-<id>}, or {@code oc-guest-<order id>} for a guest checkout
   * @param personName   "last first", the person who ordered (a company's contact person)
   * @param company      true for a company; then {@code companyName} is set, the requisites when the shop has them
   * @param address      the payment (else shipping) address as one line
   * @param legalAddress the company's legal address field, else {@code address}
   */
  record Buyer(String id, String lastName, String firstName, String personName, boolean company, String companyName,
      String inn, String kpp, String legalAddress, String address, String email, String phone) {

    /** The name 1C files the counterparty under. */
    String name() {
      return company ? companyName : personName;
    }
  }

  static Buyer of(Order o, OrderSettings settings) {
    OrderCustomer c = o.customer();
    OrderAddress pay = o.paymentAddress();
    String first = OrderDocuments.firstNonBlank(c == null ? null : c.firstname(), pay == null ? null : pay.firstname());
    String last = OrderDocuments.firstNonBlank(c == null ? null : c.lastname(), pay == null ? null : pay.lastname());
    String person = ((last == null ? "" : last) + " " + (first == null ? "" : first)).trim();
    String id = c != null && c.customerId() != null && c.customerId() > 0
        ? "oc-customer-" + c.customerId() : "oc-guest-" + o.orderId();
    String address = OrderDocuments.address(pay != null ? pay : o.shippingAddress());
    String email = c == null || OrderDocuments.blank(c.email()) ? null : c.email().trim();
    String phone = c == null || OrderDocuments.blank(c.telephone()) ? null : c.telephone().trim();
    List<OrderCustomField> fields = c == null || c.customFields() == null ? List.of() : c.customFields();
    if (!isCompany(c, fields, settings.company())) {
      return new Buyer(id, last, first, person, false, null, null, null, null, address, email, phone);
    }
    OrderSettings.RequisiteFields names = settings.fields();
    // the company's name: its custom field, else the Company field of OpenCart's address form, else the person
    String companyName = OrderDocuments.firstNonBlank(field(fields, names.company()),
        OrderDocuments.firstNonBlank(pay == null ? null : pay.company(), person));
    String legal = OrderDocuments.firstNonBlank(field(fields, names.legalAddress()), address);
    return new Buyer(id, last, first, person, true, companyName == null ? null : companyName.trim(),
        field(fields, names.inn()), field(fields, names.kpp()), legal, address, email, phone);
  }

  static boolean isCompany(OrderCustomer c, List<OrderCustomField> fields, OrderSettings.Company rule) {
    if (c != null && c.customerGroupId() != null && rule.customerGroupIds().contains(c.customerGroupId())) return true;
    return !rule.customField().isEmpty() && field(fields, rule.customField()) != null;
  }

  /**
   * The value of the custom field named {@code nameOrId}: its custom_field_id when all digits, else its name in the
   * shop's default language (case and surrounding blanks ignored). Null when absent or blank.
   */
  static String field(List<OrderCustomField> fields, String nameOrId) {
    if (nameOrId == null || nameOrId.isBlank()) return null;
    String key = nameOrId.trim();
    boolean byId = key.chars().allMatch(Character::isDigit);
    for (OrderCustomField f : fields) {
      boolean match = byId ? f.customFieldId() != null && key.equals(Integer.toString(f.customFieldId()))
          : f.name() != null && f.name().trim().equalsIgnoreCase(key);
      if (match && !OrderDocuments.blank(f.value())) return f.value().trim();
    }
    return null;
  }
}
