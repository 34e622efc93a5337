package com.ocbridge.orders;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.opencart.model.OrderQuery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads new and changed orders from OpenCart every {@code orders.pollSeconds} and hands them to {@link OrderIntake}.
 *
 * <p>One poll = {@code order.list?date_modified_from=<watermark − overlap>} paged with {@code id_gt=<last id seen>}
 * (the list is ordered by id): keyset paging does not skip or repeat orders when orders change while we page,
 * unlike page numbers. The watermark is the newest {@code date_modified} seen; the next poll starts
 * {@link #OVERLAP} before it, so an order written in the same second as the watermark, or changed (with an id
 * below our cursor) while we paged, or committed late by a slow shop transaction, is read again; re-reads are
 * no-ops because the store compares hashes. Status 0 (abandoned checkouts) is not listed by the shop unless
 * asked for, and is never handed over even if it were.
 *
 * <p>A fresh bridge (no watermark yet) starts at {@link PollStart}: {@code orders.since}, or the 30 days before
 * the first poll, never at the beginning of the shop's history.
 *
 * <p>Polls never overlap: the next is scheduled when one ends. A failed poll keeps the watermark, so the next one
 * repeats it.
 */
public final class OrderPoller extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger("orders");
  static final Duration OVERLAP = Duration.ofMinutes(10);
  static final int PAGE_SIZE = 100;

  /** What one poll did. */
  public record PollResult(int pages, int read, int created, int changed, OrderStore.Watermark watermark) {}

  private final OpenCartClient shop;
  private final OrderStore store;
  private final OrderIntake intake;
  private final long intervalMs;
  private final PollStart start;
  private long timer = -1;
  private boolean polling;
  private boolean stopped;
  private Promise<PollResult> current;
  private volatile java.util.function.Consumer<io.vertx.core.AsyncResult<PollResult>> observer = ar -> { };

  OrderPoller(OpenCartClient shop, OrderStore store, OrderIntake intake, Duration interval, PollStart start) {
    this.shop = shop;
    this.store = store;
    this.intake = intake;
    this.intervalMs = interval.toMillis();
    this.start = start;
  }

  @Override
  public Future<?> start() {
    context.runOnContext(v -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (timer >= 0) vertx.cancelTimer(timer);
    return current == null ? Future.succeededFuture() : current.future().otherwiseEmpty();
  }

  /**
   * Polls now and answers that poll's result: a poll in progress may have started before what the caller wants
   * read, so this waits for it and then runs a fresh one. For tests and operators; callable from any thread.
   */
  public Future<PollResult> pollNow() {
    Promise<PollResult> answer = Promise.promise();
    context.runOnContext(v -> {
      Future<?> running = polling ? current.future().otherwiseEmpty() : Future.succeededFuture();
      running.onComplete(x -> {
        if (polling) {
          // someone else's fresh poll started meanwhile; it started after the caller asked, so it will do
          current.future().onComplete(answer);
          return;
        }
        if (timer >= 0) vertx.cancelTimer(timer);
        timer = -1;
        runPoll().onComplete(answer);
      });
    });
    return answer.future();
  }

  /** Told the outcome of every poll (status report, metrics); runs on the poller's context, must not block. */
  public void onPolled(java.util.function.Consumer<io.vertx.core.AsyncResult<PollResult>> listener) {
    this.observer = listener;
  }

  private void tick() {
    timer = -1;
    if (stopped || polling) return;
    runPoll();
  }

  private Future<PollResult> runPoll() {
    polling = true;
    current = Promise.promise();
    long started = System.nanoTime();
    Future<PollResult> poll = store.watermark().compose(this::pollFrom);
    poll.onComplete(ar -> {
      polling = false;
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (ar.succeeded()) {
        PollResult r = ar.result();
        if (r.created() + r.changed() > 0) {
          log.info("event=orders.poll pages={} read={} created={} changed={} watermark={} ms={}", r.pages(), r.read(),
              r.created(), r.changed(), r.watermark(), ms);
        } else {
          log.debug("event=orders.poll pages={} read={} unchanged ms={}", r.pages(), r.read(), ms);
        }
      } else {
        log.warn("event=orders.poll.failed ms={} error=\"{}\"", ms, ar.cause().getMessage());
      }
      try {
        observer.accept(ar);
      } catch (RuntimeException e) {
        log.debug("event=orders.poll.observer.failed error=\"{}\"", e.toString());
      }
      if (!stopped) timer = vertx.setTimer(intervalMs, t -> tick());
      current.handle(ar);
    });
    return poll;
  }

  private Future<PollResult> pollFrom(OrderStore.Watermark mark) {
    OffsetDateTime from = mark.dateModified() == null ? start.firstFrom() : mark.dateModified().minus(OVERLAP);
    return page(from, 0L, new PollResult(0, 0, 0, 0, mark))
        .compose(result -> store.saveWatermark(result.watermark()).map(result));
  }

  /**
   * Reads one page after {@code cursor}, stores what {@link PollStart} takes of it, and continues with the next while
   * pages come back full. The cursor moves over every listed order; the watermark only over the ones taken, so an
   * order left out before {@code orders.since} never becomes the point the next poll starts from.
   */
  private Future<PollResult> page(OffsetDateTime from, long cursor, PollResult sofar) {
    OrderQuery query = new OrderQuery(null, null, from, null, cursor, PAGE_SIZE, null);
    return shop.listOrders(query).compose(page -> {
      List<Order> items = page.items();
      List<Order> taken = items.stream().filter(start::takes).toList();
      long last = items.isEmpty() ? cursor : items.get(items.size() - 1).orderId();
      boolean more = items.size() >= PAGE_SIZE && last > cursor;
      return intake.accept(taken).map(stored -> advance(sofar, items.size(), taken, stored))
          .compose(next -> more ? page(from, last, next) : Future.succeededFuture(next));
    });
  }

  private static PollResult advance(PollResult sofar, int listed, List<Order> taken, OrderIntake.Accepted stored) {
    OffsetDateTime mark = sofar.watermark().dateModified();
    long markId = sofar.watermark().orderId();
    for (Order o : taken) {
      OffsetDateTime m = o.dateModified();
      if (m == null) continue;
      if (mark == null || m.isAfter(mark)) {
        mark = m;
        markId = o.orderId();
      } else if (m.isEqual(mark)) {
        markId = Math.max(markId, o.orderId());
      }
    }
    return new PollResult(sofar.pages() + 1, sofar.read() + listed, sofar.created() + stored.created(),
        sofar.changed() + stored.changed(), new OrderStore.Watermark(mark, markId));
  }
}
