package com.ocbridge.commerceml.model;

import com.ocbridge.commerceml.internal.Values;

import java.util.List;

/**
 * {@code <Контрагент>} of an order document (only the document's own counterparties; contact persons nested in
 * {@code Представители} are not reported).
 *
 * @param address {@code АдресРегистрации/Представление} or {@code Адрес/Представление}
 */
public record Counterparty(String id, String name, String fullName, String officialName, String role,
               String lastName, String firstName, String middleName, String inn, String kpp,
               String address, List<Contact> contacts) {

  public Counterparty {
    id = Values.clean(id);
    name = Values.clean(name);
    fullName = Values.clean(fullName);
    officialName = Values.clean(officialName);
    role = Values.clean(role);
    lastName = Values.clean(lastName);
    firstName = Values.clean(firstName);
    middleName = Values.clean(middleName);
    inn = Values.clean(inn);
    kpp = Values.clean(kpp);
    address = Values.clean(address);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
  }

  /** A private buyer as the site sends it: role "Покупатель", full name "last first". */
  public static Counterparty buyer(String id, String lastName, String firstName, String address,
                   List<Contact> contacts) {
    String full = ((lastName == null ? "" : lastName) + " " + (firstName == null ? "" : firstName)).trim();
    return new Counterparty(id, full, full, null, "Покупатель", lastName, firstName, null, null, null,
        address, contacts);
  }
}
