package com.ocbridge.commerceml.model;

import com.ocbridge.commerceml.internal.Values;

import java.util.List;

/**
 * {@code <Контрагент>} of an order document (only the document's own counterparties; contact persons nested in
 * {@code Представители} are not reported).
 *
 * @param address       {@code АдресРегистрации/Представление} or {@code Адрес/Представление}
 * @param legalAddress  {@code ЮридическийАдрес/Представление} (a company's registered address)
 * @param contactPerson the name written as the company's {@code Представитель} (Отношение "Контактное лицо")
 */
public record Counterparty(String id, String name, String fullName, String officialName, String role,
               String lastName, String firstName, String middleName, String inn, String kpp,
               String address, List<Contact> contacts, String legalAddress, String contactPerson) {

  public static final String BUYER = "Покупатель";

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
    legalAddress = Values.clean(legalAddress);
    contactPerson = Values.clean(contactPerson);
  }

  /** A counterparty without a legal address or contact person (what the reader reports). */
  public Counterparty(String id, String name, String fullName, String officialName, String role, String lastName,
      String firstName, String middleName, String inn, String kpp, String address, List<Contact> contacts) {
    this(id, name, fullName, officialName, role, lastName, firstName, middleName, inn, kpp, address, contacts, null,
        null);
  }

  /** A private buyer as the site sends it: role "Покупатель", full name "last first". */
  public static Counterparty buyer(String id, String lastName, String firstName, String address,
                   List<Contact> contacts) {
    String full = ((lastName == null ? "" : lastName) + " " + (firstName == null ? "" : firstName)).trim();
    return new Counterparty(id, full, full, null, BUYER, lastName, firstName, null, null, null,
        address, contacts);
  }

  /**
   * A company buyer the way the 1C-Bitrix export writes a legal entity: {@code Наименование} and
   * {@code ОфициальноеНаименование} the company's name, {@code ЮридическийАдрес}, {@code ИНН}, {@code КПП}, the
   * contacts, and the person who ordered as its contact person. 1C finds (or creates) the counterparty by ИНН.
   */
  public static Counterparty company(String id, String name, String inn, String kpp, String legalAddress,
                   List<Contact> contacts, String contactPerson) {
    return new Counterparty(id, name, null, name, BUYER, null, null, null, inn, kpp, null, contacts, legalAddress,
        contactPerson);
  }
}
