package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a fresh bridge starts reading the shop ({@code orders.since}, or 30 days back): old orders stay out, nothing
 * at or after the start is lost — not at the shop-local midnight, not across pages that hold only orders left out,
 * not between the first and the next polls.
 */
class OrdersSinceTest {
  static final ZoneOffset MOSCOW = OrderBook.MOSCOW;

  @TempDir Path dataDir;
  OrdersHarness h;

  @AfterEach
  void stop() {
    if (h != null) h.close();
  }

  private void start(String since) throws Exception {
    // "" is the default: the 30 days before the first poll
    h = new OrdersHarness(dataDir, "UTF-8", new JsonObject().put("orders", new JsonObject().put("since", since)));
    // the poll the service makes at start-up, over the still empty shop, is over before the orders are placed
    assertEquals(0, h.poll().read());
  }

  /** An order placed and last changed at {@code at}. */
  private void put(long id, OffsetDateTime at) {
    h.book.put(SampleOrders.order(id, 1, at));
  }

  private List<Long> stored() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (Row r : h.sql("SELECT order_id FROM shop_order ORDER BY order_id")) ids.add(r.getLong(0));
    return ids;
  }

  @Test
  void sinceTakesTheShopsDayFromMidnightAndNothingBefore() throws Exception {
    start("2026-11-20");
    put(1, OffsetDateTime.of(2025, 3, 1, 12, 0, 0, 0, MOSCOW));            // years old: the shop does not list it
    put(2, OffsetDateTime.of(2026, 11, 19, 23, 59, 59, 0, MOSCOW));        // a second before: listed, left out
    put(3, OffsetDateTime.of(2026, 11, 20, 0, 0, 0, 0, MOSCOW));           // at midnight: taken
    // 150 orders of the evening before (more than a page), between orders of the day itself
    for (long id = 10; id < 310; id++) {
      put(id, id % 2 == 0 ? OffsetDateTime.of(2026, 11, 19, 20, 0, 0, 0, MOSCOW).plusSeconds(id)
          : OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, MOSCOW).plusSeconds(id));
    }
    OrderPoller.PollResult first = h.poll();
    List<Long> expected = new ArrayList<>(List.of(3L));
    LongStream.range(10, 310).filter(id -> id % 2 == 1).forEach(expected::add);
    assertEquals(expected, stored());
    assertEquals(151, first.created());
    assertEquals(OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, MOSCOW).plusSeconds(309),
        first.watermark().dateModified(), "the watermark comes from the orders taken");

    // later polls go on from the watermark: a new order, a late commit inside the overlap, an old order changed now
    h.book.place(400, 1);
    put(401, first.watermark().dateModified().minusMinutes(5));
    h.book.setStatus(1, 2);
    OrderPoller.PollResult next = h.poll();
    assertEquals(3, next.created(), "an old order that changes after the date is read like any change");
    List<Long> all = stored();
    assertEquals(List.of(1L, 3L), all.subList(0, 2));
    assertEquals(List.of(400L, 401L), all.subList(all.size() - 2, all.size()));
    assertEquals(0, h.sql("SELECT count(*) FROM shop_order WHERE order_id = 2 OR (order_id BETWEEN 10 AND 309"
        + " AND order_id % 2 = 0)").iterator().next().getLong(0));
  }

  @Test
  void withoutSinceTheFirstPollReadsTheLast30Days() throws Exception {
    start("");
    OffsetDateTime now = OffsetDateTime.now(MOSCOW).withNano(0);
    put(1, now.minusDays(45));
    put(2, now.minusDays(31));
    put(3, now.minusDays(29));
    put(4, now.minusMinutes(1));
    h.poll();
    assertEquals(List.of(3L, 4L), stored());
    put(5, now.plusMinutes(1));
    h.poll();
    assertEquals(List.of(3L, 4L, 5L), stored(), "the next poll goes on from the watermark");
  }
}
