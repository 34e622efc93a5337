package com.ocbridge.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The shop's orders for tests: what {@code order.list}, {@code order.get}, {@code order_status.list} and
 * {@code order.history_add} answer, written from the OCBridge v1 contract (§4, §6.4): the list filters by
 * {@code date_modified_from} (inclusive), {@code id_gt}, {@code status_ids} (status 0 only when listed), pages
 * with {@code limit} (1–100, default 50) and {@code page}, ordered by {@code order_id}; {@code history_add}
 * answers 404 for an unknown order and 422 for an unknown status, otherwise sets the status, adds a history line
 * and moves {@code date_modified} like OpenCart's {@code addHistory()}.
 *
 * <p>Time is a shop clock that moves one second per change, so tests control what "modified since" means.
 */
final class OrderBook {
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);
  static final Map<Integer, String> STATUSES = Map.of(1, "Ожидание", 2, "В обработке", 3, "Доставлено",
      5, "Сделка завершена", 7, "Отменено", 15, "Обработан");

  /** An error the shop answers, in the contract's envelope. */
  record Refusal(int status, String code, String message) {}

  private final ConcurrentSkipListMap<Long, JsonObject> orders = new ConcurrentSkipListMap<>();
  private final List<JsonObject> historyCalls = new CopyOnWriteArrayList<>();
  private final AtomicLong historyIds = new AtomicLong(1000);
  private volatile OffsetDateTime clock = OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, MOSCOW);
  /** An {@code orders.since} before every order of the book (its clock starts on 2026-11-28). */
  static final String SINCE = "2026-11-01";

  synchronized OffsetDateTime tick() {
    clock = clock.plusSeconds(1);
    return clock;
  }

  /** Places a generated order now. */
  JsonObject place(long id, int status) {
    OffsetDateTime at = tick();
    JsonObject order = SampleOrders.order(id, status, at);
    orders.put(id, order);
    return order;
  }

  /** Puts an order as given (its dates included): for late commits and hand-written cases. */
  void put(JsonObject order) {
    orders.put(order.getLong("order_id"), order);
  }

  JsonObject get(long id) {
    return orders.get(id);
  }

  List<JsonObject> all() {
    return new ArrayList<>(orders.values());
  }

  /** Changes an order the way the admin would: the status, and date_modified. */
  synchronized void setStatus(long id, int status) {
    JsonObject o = orders.get(id);
    o.put("order_status_id", status).put("order_status", STATUSES.getOrDefault(status, "")).put("date_modified",
        ISO.format(tick()));
  }

  /** Edits the lines: one more of the first product, totals recomputed. */
  synchronized void addOneOfFirstLine(long id) {
    JsonObject o = orders.get(id);
    JsonObject line = o.getJsonArray("products").getJsonObject(0);
    int qty = line.getInteger("quantity") + 1;
    BigDecimal price = new BigDecimal(line.getString("price"));
    line.put("quantity", qty).put("total", price.multiply(BigDecimal.valueOf(qty)).setScale(4).toPlainString());
    SampleOrders.recomputeTotals(o);
    o.put("date_modified", ISO.format(tick()));
  }

  /** Re-saves the order without changing anything but date_modified (OpenCart does that on many admin saves). */
  synchronized void touch(long id) {
    orders.get(id).put("date_modified", ISO.format(tick()));
  }

  JsonObject list(Map<String, String> q) {
    OffsetDateTime from = q.containsKey("date_modified_from") ? OffsetDateTime.parse(q.get("date_modified_from")) : null;
    long idGt = q.containsKey("id_gt") ? Long.parseLong(q.get("id_gt")) : 0;
    Set<Integer> statuses = q.containsKey("status_ids") ? java.util.Arrays.stream(q.get("status_ids").split(","))
        .map(String::trim).map(Integer::valueOf).collect(Collectors.toSet()) : null;
    int limit = Math.max(1, Math.min(100, q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 50));
    int page = Math.max(1, q.containsKey("page") ? Integer.parseInt(q.get("page")) : 1);
    // keyset first: the map is ordered by id, so id_gt is a tail view, not a scan of the whole shop
    List<JsonObject> matching = orders.tailMap(idGt, false).values().stream()
        .filter(o -> statuses != null ? statuses.contains(o.getInteger("order_status_id")) : o.getInteger("order_status_id") != 0)
        .filter(o -> from == null || !OffsetDateTime.parse(o.getString("date_modified")).isBefore(from))
        .toList();
    JsonArray items = new JsonArray();
    matching.stream().skip((long) (page - 1) * limit).limit(limit).forEach(o -> items.add(o.copy()));
    return new JsonObject().put("items", items).put("total", matching.size()).put("page", page).put("limit", limit);
  }

  JsonObject statusList() {
    JsonArray items = new JsonArray();
    STATUSES.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> items.add(new JsonObject().put("order_status_id", e.getKey()).put("name", e.getValue())));
    return new JsonObject().put("items", items);
  }

  /** {@code order.history_add}: the answer's data, or the refusal. */
  synchronized Object historyAdd(JsonObject body) {
    historyCalls.add(body.copy());
    long id = body.getLong("order_id");
    int status = body.getInteger("order_status_id");
    JsonObject o = orders.get(id);
    if (o == null) return new Refusal(404, "not_found", "Order " + id + " not found");
    if (!STATUSES.containsKey(status)) return new Refusal(422, "validation", "Unknown order status " + status);
    OffsetDateTime at = tick();
    o.put("order_status_id", status).put("order_status", STATUSES.get(status)).put("date_modified", ISO.format(at));
    o.getJsonArray("history").add(new JsonObject().put("order_status_id", status)
        .put("notify", body.getBoolean("notify", false)).put("comment", body.getString("comment", ""))
        .put("date_added", ISO.format(at)));
    return new JsonObject().put("order_id", id).put("order_status_id", status)
        .put("order_history_id", historyIds.incrementAndGet());
  }

  List<JsonObject> historyCalls() {
    return List.copyOf(historyCalls);
  }
}
