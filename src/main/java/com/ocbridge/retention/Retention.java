package com.ocbridge.retention;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.orders.SaleBatches;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.stock.StockMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished rows that would otherwise pile up for ever: delivered outbox entries, answered stock messages,
 * settled sale batches, old exchange sessions. What each table keeps, and why that is enough for its idempotency,
 * is said at each store's purge method and in README "Retention"; here is only the how.
 *
 * <p>The tables are purged one after another, each in statements of at most {@code batchSize} rows with a short
 * pause between them, until a statement deletes fewer: no long lock, no long transaction, and the hot path's
 * queries keep their turn on the pool. A run that is still going when the next is due makes that one a no-op. A
 * table that fails is logged and the next one is purged all the same; nothing here fails the service.
 */
public final class Retention {
  private static final Logger log = LoggerFactory.getLogger("retention");
  /** Between two statements: lets other work of the pool (and of the database) in. */
  private static final long PAUSE_MS = 20;

  /** Deletes up to {@code limit} rows older than {@code olderThanDays} and answers how many it deleted. */
  @FunctionalInterface
  public interface BatchDelete {
    Future<Integer> delete(int olderThanDays, int limit);
  }

  /** One table's purge: its name (for the log), its period, its store's batch delete. */
  public record Table(String name, int olderThanDays, BatchDelete delete) {}

  /** What a run did to one table; {@code failed} when it stopped on an error (rows are those deleted before). */
  public record Purged(String table, long rows, int batches, boolean failed) {}

  private final Vertx vertx;
  private final List<Table> tables;
  private final int batchSize;
  private final Duration interval;
  private final boolean enabled;
  private final AtomicBoolean running = new AtomicBoolean();

  public Retention(Vertx vertx, List<Table> tables, int batchSize, Duration interval, boolean enabled) {
    this.vertx = vertx;
    this.tables = List.copyOf(tables);
    this.batchSize = batchSize;
    this.interval = interval;
    this.enabled = enabled;
  }

  /** The service's tables, in an order that lets a stock message go in the same run as its outbox entry. */
  public static Retention of(Vertx vertx, Pool pool, BridgeConfig.Retention settings) {
    Outbox outbox = new Outbox(pool);
    StockMessages stock = new StockMessages(pool);
    ExchangeStore exchange = new ExchangeStore(pool);
    List<Table> tables = List.of(
        new Table("outbox", settings.outboxDoneDays(), outbox::purgeDone),
        new Table("stock_message", settings.stockMessageDays(), stock::purgeAnswered),
        new Table("sale_batch_order", settings.saleBatchDays(), (days, n) -> SaleBatches.purgeOrderRows(pool, days, n)),
        new Table("sale_batch", settings.saleBatchDays(), (days, n) -> SaleBatches.purgeBatches(pool, days, n)),
        new Table("exchange_session", settings.sessionDays(), exchange::purgeSessions));
    return new Retention(vertx, tables, settings.batchSize(), Duration.ofMinutes(settings.intervalMinutes()),
        settings.enabled());
  }

  public boolean enabled() {
    return enabled;
  }

  public Duration interval() {
    return interval;
  }

  /** Purges every table once; answers what it did, or nothing when another run is still going. */
  public Future<List<Purged>> runOnce() {
    if (!running.compareAndSet(false, true)) {
      log.info("event=retention.skipped reason=\"the previous run is still going\"");
      return Future.succeededFuture(List.of());
    }
    Future<List<Purged>> chain = Future.succeededFuture(new ArrayList<>());
    for (Table table : tables) {
      chain = chain.compose(done -> purge(table).map(purged -> {
        done.add(purged);
        return done;
      }));
    }
    return chain.andThen(ar -> running.set(false));
  }

  private Future<Purged> purge(Table table) {
    long started = System.nanoTime();
    Tally tally = new Tally();
    return drain(table, tally)
        .map(v -> new Purged(table.name(), tally.rows, tally.batches, false))
        .recover(e -> {
          log.warn("event=retention.failed table={} rows={} olderThanDays={} error=\"{}\"", table.name(), tally.rows,
              table.olderThanDays(), e.toString());
          return Future.succeededFuture(new Purged(table.name(), tally.rows, tally.batches, true));
        })
        .onSuccess(p -> {
          if (!p.failed()) {
            log.info("event=retention.purged table={} rows={} olderThanDays={} batches={} ms={}", p.table(), p.rows(),
                table.olderThanDays(), p.batches(), (System.nanoTime() - started) / 1_000_000);
          }
        });
  }

  /** One statement, then the next after a pause while a statement still finds a full batch. */
  private Future<Void> drain(Table table, Tally tally) {
    Future<Integer> batch;
    try {
      batch = table.delete().delete(table.olderThanDays(), batchSize);
    } catch (RuntimeException e) {
      batch = Future.failedFuture(e);
    }
    return batch.compose(deleted -> {
      tally.rows += deleted;
      tally.batches++;
      if (deleted < batchSize) return Future.succeededFuture();
      return vertx.timer(PAUSE_MS).compose(t -> drain(table, tally));
    });
  }

  /** Counts of the table being purged, kept across its statements. */
  private static final class Tally {
    long rows;
    int batches;
  }
}
