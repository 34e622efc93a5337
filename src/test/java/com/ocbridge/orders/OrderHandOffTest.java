package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.testing.OneCExchangeClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order hand-off end to end: WireMock as the shop, the real poller, Postgres and HTTP server, and the protocol
 * client as 1C doing checkauth → init → query → success. What 1C has "received" is what it read from confirmed
 * query answers; every row of the peers' correctness table (peers-lessons.md §2.2) is one assertion here.
 */
class OrderHandOffTest {
  @TempDir Path dataDir;
  OrdersHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OrdersHarness(dataDir, "windows-1251");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** One exchange as 1C does it; answers the documents of the query, after success was answered. */
  private List<OrderDocument> exchange(boolean confirm) throws Exception {
    OneCExchangeClient c = h.sale(true);
    OneCExchangeClient.Reply query = c.call("query", "");
    assertEquals(200, query.status());
    List<OrderDocument> docs = h.read(query);
    if (confirm) assertEquals("success", c.call("success", "").first());
    return docs;
  }

  @Test
  void ordersPlacedBeforeDuringAndAfterAQueryAreEachDeliveredOnce() throws Exception {
    // before: 230 orders (three pages of the shop's list), some abandoned (0) or in a status 1C does not get (5)
    for (long id = 1; id <= 230; id++) h.book.place(id, id % 23 == 0 ? 0 : (id % 31 == 0 ? 5 : (int) (id % 2) + 1));
    h.poll();
    Map<Long, Integer> received = new HashMap<>(); // order id → times 1C received it in a confirmed answer

    OneCExchangeClient c = h.sale(true);
    List<OrderDocument> first = h.read(c.call("query", ""));
    List<Long> expectedFirst = LongStream.rangeClosed(1, 230).filter(id -> id % 23 != 0 && id % 31 != 0).boxed().toList();
    assertEquals(expectedFirst, OrdersHarness.ids(first), "oldest first, only statuses 1 and 2");

    // during: between query and success a new order arrives and order 2 changes its lines
    h.book.place(231, 1);
    h.book.addOneOfFirstLine(2);
    h.poll();
    assertEquals("success", c.call("success", "").first());
    first.forEach(d -> received.merge(Long.parseLong(d.id()), 1, Integer::sum));

    // the next exchange gets exactly those two, order 2 in its new form
    List<OrderDocument> second = exchange(true);
    assertEquals(List.of(2L, 231L), OrdersHarness.ids(second));
    BigDecimal qty = second.get(0).lines().get(0).quantity();
    assertEquals(0, qty.compareTo(BigDecimal.valueOf(h.book.get(2).getJsonArray("products").getJsonObject(0)
        .getInteger("quantity"))), "the changed order goes with its changed lines");
    second.forEach(d -> received.merge(Long.parseLong(d.id()), 1, Integer::sum));

    // after: nothing pending, then a new order, and a re-save that changes nothing
    assertEquals(List.of(), exchange(true));
    h.book.place(232, 2);
    h.book.touch(5);
    h.poll();
    List<OrderDocument> third = exchange(true);
    assertEquals(List.of(232L), OrdersHarness.ids(third), "a re-save without changes is not handed over again");
    third.forEach(d -> received.merge(Long.parseLong(d.id()), 1, Integer::sum));
    assertEquals(List.of(), exchange(true));

    List<Long> twice = new ArrayList<>();
    received.forEach((id, n) -> {
      if (n != 1) twice.add(id);
    });
    assertEquals(List.of(2L), twice, "only the order that changed went twice");
    assertEquals(expectedFirst.size() + 2, received.size());
    assertFalse(received.keySet().stream().anyMatch(id -> id % 23 == 0), "no abandoned checkout ever");
  }

  @Test
  void anUnconfirmedQueryIsOfferedAgainAndASecondSuccessChangesNothing() throws Exception {
    for (long id = 1; id <= 5; id++) h.book.place(id, 1);
    h.poll();
    List<OrderDocument> offered = exchange(false); // 1C failed to load it: no success
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), OrdersHarness.ids(offered));

    OneCExchangeClient c = h.sale(true);
    assertEquals(OrdersHarness.ids(offered), OrdersHarness.ids(h.read(c.call("query", ""))), "offered again");
    h.book.place(6, 2);
    h.poll();
    assertEquals("success", c.call("success", "").first());
    assertEquals("success", c.call("success", "").first(), "a repeated success is harmless");
    assertEquals(List.of(6L), OrdersHarness.ids(exchange(true)), "the repeat confirmed nothing new");
    assertEquals(0L, h.sql("SELECT count(*) FROM shop_order WHERE version > delivered_version").iterator().next()
        .getLong(0));
  }

  @Test
  void aSuccessConfirmsOnlyTheQueryOfItsOwnSession() throws Exception {
    h.book.place(1, 1);
    h.poll();
    OneCExchangeClient a = h.sale(true);
    assertEquals(List.of(1L), OrdersHarness.ids(h.read(a.call("query", ""))));
    OneCExchangeClient b = h.sale(true); // a second session that never queried
    assertEquals("success", b.call("success", "").first());
    assertEquals(List.of(1L), OrdersHarness.ids(exchange(true)), "b's success did not confirm a's query");
  }

  @Test
  void abandonedCheckoutsNeverGoAndCountOnceTheyAreCompleted() throws Exception {
    h.book.place(1, 0);
    h.book.place(2, 1);
    h.poll();
    assertEquals(List.of(2L), OrdersHarness.ids(exchange(true)));
    h.book.setStatus(1, 1); // the buyer came back and paid
    h.poll();
    assertEquals(List.of(1L), OrdersHarness.ids(exchange(true)));
  }

  @Test
  void anOrderCommittedLateWithinTheOverlapIsStillRead() throws Exception {
    h.book.place(1, 1);
    h.book.place(2, 1);
    h.poll();
    // a slow shop transaction commits order 3 now, stamped two minutes before the newest order we have seen
    io.vertx.core.json.JsonObject late = SampleOrders.order(3, 1, java.time.OffsetDateTime.parse(
        h.book.get(2).getString("date_modified")).minusMinutes(2));
    h.book.put(late);
    OrderPoller.PollResult r = h.poll();
    assertEquals(1, r.created());
    assertEquals(3, r.read(), "the overlap re-reads 1 and 2 as no-ops");
    assertEquals(0, r.changed());
    assertEquals(List.of(1L, 2L, 3L), OrdersHarness.ids(exchange(true)));
  }

  @Test
  void aStatusChangeInTheShopIsHandedOverAgainAndLeavingTheStatusesStopsIt() throws Exception {
    h.book.place(1, 1);
    h.book.place(2, 1);
    h.poll();
    exchange(true);
    h.book.setStatus(1, 2);
    h.book.setStatus(2, 5); // leaves orders.statusIds
    h.poll();
    List<OrderDocument> again = exchange(true);
    assertEquals(List.of(1L), OrdersHarness.ids(again));
    assertEquals("2", again.get(0).statusId());
    assertTrue(again.get(0).statusName().startsWith("[2] "));
  }
}
