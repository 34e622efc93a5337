package com.ocbridge.orders;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.Requisites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what 1C says about an order into an OpenCart {@code order_status_id} with {@code orders.statusMap}.
 *
 * <p>A document can say several things at once (posted, paid, shipped, with a status name). The candidate keys are
 * tried from the strongest statement to the weakest, and the first key the user configured wins:
 * <ol>
 *   <li>cancellation: {@code ПометкаУдаления} (element or requisite) and {@code Отменен}=true — each tries its own
 *       key first, then the other one;
 *   <li>1C's status name ({@code Статус заказа}, e.g. "Отправлен"; for "[F] Доставлен" also "Доставлен" and "F"),
 *       then the status id ({@code Статуса заказа ИД}, e.g. "P");
 *   <li>{@code Финальный статус}=true;
 *   <li>shipped: {@code Отгружен}=true or a real {@code Дата отгрузки по 1С} — keys "Отгружен", "Дата отгрузки по 1С";
 *   <li>{@code Доставка разрешена}=true;
 *   <li>paid: {@code Оплачен}/{@code Заказ оплачен}=true or a real {@code Дата оплаты по 1С} — keys "Оплачен",
 *       "Заказ оплачен", "Дата оплаты по 1С";
 *   <li>{@code Проведен}=true — key "Проведен".
 * </ol>
 * Keys match case-insensitively and ignoring surrounding blanks. 1C's empty date ({@code 0001-01-01}) is no date.
 */
final class StatusMapper {
  private static final Pattern BRACKETED = Pattern.compile("^\\[([^\\]]+)]\\s*(.*)$");

  /** The status to set and the statusMap key that chose it. */
  record Target(int statusId, String key) {}

  private final Map<String, Integer> map = new HashMap<>();
  private final Map<String, String> spelling = new HashMap<>();

  StatusMapper(Map<String, Integer> statusMap) {
    statusMap.forEach((key, id) -> {
      map.put(norm(key), id);
      spelling.put(norm(key), key);
    });
  }

  /** The keys a document offers, strongest first (also what an operator sees when nothing matched). */
  static List<String> candidates(OrderDocument d) {
    List<String> keys = new ArrayList<>();
    boolean deleted = d.deleted();
    boolean cancelled = Boolean.TRUE.equals(d.cancelled());
    if (deleted) keys.add(Requisites.DELETION_MARK);
    if (cancelled || deleted) keys.add(Requisites.CANCELLED);
    if (cancelled && !deleted) keys.add(Requisites.DELETION_MARK);
    String name = d.statusName();
    if (name != null && !name.isBlank()) {
      keys.add(name.trim());
      Matcher m = BRACKETED.matcher(name.trim());
      if (m.matches()) {
        if (!m.group(2).isBlank()) keys.add(m.group(2).trim());
        keys.add(m.group(1).trim());
      }
    }
    if (d.statusId() != null && !d.statusId().isBlank()) keys.add(d.statusId().trim());
    if (Boolean.TRUE.equals(d.finalStatus())) keys.add(Requisites.FINAL_STATUS);
    if (Boolean.TRUE.equals(d.shipped()) || realDate(d.requisite(Requisites.SHIPMENT_DATE_1C))) {
      keys.add(Requisites.SHIPPED);
      keys.add(Requisites.SHIPMENT_DATE_1C);
    }
    if (Boolean.TRUE.equals(d.deliveryAllowed())) keys.add(Requisites.DELIVERY_ALLOWED);
    if (Boolean.TRUE.equals(d.paid()) || realDate(d.requisite(Requisites.PAYMENT_DATE_1C))) {
      keys.add(Requisites.PAID);
      keys.add(Requisites.ORDER_PAID);
      keys.add(Requisites.PAYMENT_DATE_1C);
    }
    if (Boolean.TRUE.equals(d.posted())) keys.add(Requisites.POSTED);
    return keys;
  }

  Optional<Target> map(OrderDocument d) {
    for (String key : candidates(d)) {
      Integer id = map.get(norm(key));
      if (id != null) return Optional.of(new Target(id, spelling.get(norm(key))));
    }
    return Optional.empty();
  }

  /** What {@code POST /api/v1/orders/{id}/status} sends: a statusMap key, or an OpenCart status id as digits. */
  Optional<Target> map(String status) {
    if (status == null || status.isBlank()) return Optional.empty();
    Integer id = map.get(norm(status));
    if (id != null) return Optional.of(new Target(id, spelling.get(norm(status))));
    String s = status.trim();
    if (s.chars().allMatch(Character::isDigit) && s.length() <= 9) {
      return Optional.of(new Target(Integer.parseInt(s), s));
    }
    return Optional.empty();
  }

  private static boolean realDate(String value) {
    return value != null && !value.isBlank() && !value.trim().startsWith("0001-01-01");
  }

  private static String norm(String key) {
    return key.trim().toLowerCase(Locale.ROOT);
  }
}
