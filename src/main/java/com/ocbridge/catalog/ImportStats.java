package com.ocbridge.catalog;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and per-item errors of one import job, as the job record and {@code GET /api/v1/exchanges/{id}} show
 * them. Errors are kept up to a limit (a broken file must not produce a 100 MB job record); the count goes on.
 * Used on one context only.
 */
final class ImportStats {
  static final String CREATED = "created";
  static final String UPDATED = "updated";
  static final String UNCHANGED = "unchanged";
  static final String DISABLED = "disabled";
  static final String FAILED = "failed";
  static final String SKIPPED = "skipped";
  static final String DEFERRED = "deferred";
  /** Items the shop answered busy (a database lock conflict it rolled back) and that were sent again. */
  static final String BUSY_RETRIES = "busyRetries";
  static final String CATEGORIES = "categories";
  static final String MANUFACTURERS = "manufacturers";
  static final String ATTRIBUTES = "attributes";
  static final String OPTIONS = "options";
  static final String IMAGES = "images";
  static final String STOCK_UPDATES = "stockUpdates";
  static final String PRODUCTS_READ = "productsRead";
  static final String OFFERS_READ = "offersRead";
  /** Offers staged exactly as an earlier file staged them (and applied since): not compared with the shop again. */
  static final String OFFERS_UNCHANGED = "offersUnchanged";
  /** Offers (or products) left alone because the shop already has newer stock or price from the bridge. */
  static final String OFFERS_OLDER = "offersOlderThanShop";
  /** 1 when the file was a full catalog (its missing products are disabled after the run's last file). */
  static final String FULL_EXPORT = "fullExport";

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final List<JsonObject> errors = new ArrayList<>();
  private final int maxErrors;
  private long errorCount;

  ImportStats(int maxErrors) {
    this.maxErrors = maxErrors;
    for (String key : List.of(CREATED, UPDATED, UNCHANGED, DISABLED, FAILED)) counts.put(key, 0L);
  }

  void add(String key, long n) {
    if (n != 0) counts.merge(key, n, Long::sum);
  }

  void inc(String key) {
    add(key, 1);
  }

  long get(String key) {
    return counts.getOrDefault(key, 0L);
  }

  /** A per-item problem: {@code what} is product, offer, category, image…; {@code id} the 1C Ид. */
  void error(String what, String id, String name, String reason) {
    listed(what, id, name, reason, false);
  }

  /** Not a refusal, worth listing with the errors (an offer waiting for its product): marked {@code "note": true}. */
  void note(String what, String id, String name, String reason) {
    listed(what, id, name, reason, true);
  }

  private void listed(String what, String id, String name, String reason, boolean note) {
    errorCount++;
    if (errors.size() < maxErrors) {
      JsonObject e = new JsonObject().put("what", what).put("id", id);
      if (name != null) e.put("name", name);
      e.put("reason", reason);
      if (note) e.put("note", true);
      errors.add(e);
    }
  }

  Map<String, Long> counts() {
    Map<String, Long> copy = new LinkedHashMap<>(counts);
    if (errorCount > errors.size()) copy.put("errorsNotListed", errorCount - errors.size());
    return copy;
  }

  List<JsonObject> errors() {
    return List.copyOf(errors);
  }

  /** One line for the 1C operator. */
  void noteFullExport() {
    add(FULL_EXPORT, 1);
  }

  String summary() {
    StringBuilder sb = new StringBuilder("Товары: создано ").append(get(CREATED))
        .append(", обновлено ").append(get(UPDATED))
        .append(", без изменений ").append(get(UNCHANGED))
        .append(", отключено ").append(get(DISABLED))
        .append(", ошибок ").append(get(FAILED));
    if (get(STOCK_UPDATES) > 0) sb.append("; остатки/цены обновлены: ").append(get(STOCK_UPDATES));
    if (get(DEFERRED) > 0) sb.append("; отложено до появления товара: ").append(get(DEFERRED));
    if (get(CATEGORIES) > 0) sb.append("; категорий записано: ").append(get(CATEGORIES));
    if (get(OFFERS_OLDER) > 0) sb.append("; оставлено без изменений, т.к. в магазине более свежие остатки/цены: ")
        .append(get(OFFERS_OLDER));
    if (get(FULL_EXPORT) > 0) sb.append("; полная выгрузка: товары, которых в ней нет, будут отключены после последнего"
        + " файла обмена");
    return sb.toString();
  }
}
