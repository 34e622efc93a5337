package com.ocbridge.commerceml;

/** What the root of a CommerceML document contained (a file may contain several, e.g. classifier + catalog). */
public enum DocumentKind {
  /** {@code Классификатор}: groups, properties and, in 2.09/3.x, price types, warehouses, units. */
  CLASSIFIER,
  /** {@code Каталог}: products. */
  CATALOG,
  /** {@code ПакетПредложений} / {@code ИзмененияПакетаПредложений}: offers, prices, stock. */
  OFFERS,
  /** {@code Документ} (directly or inside {@code Контейнер}): orders. */
  ORDERS
}
