package com.ocbridge.orders;

import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.util.UUID;

import com.ocbridge.commerceml.OrdersWriter;
import com.ocbridge.commerceml.OrdersWriterOptions;
import com.ocbridge.exchange.ExchangeLog;
import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.OrdersExchange;
import com.ocbridge.exchange.ProtocolReply;
import io.vertx.core.Future;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * {@code type=sale} modes {@code query}, {@code success} and {@code info}: the orders side of 1C's exchange.
 *
 * <p>The query answer is in {@code exchange.responseCharset} (the prolog, the bytes and the Content-Type agree;
 * characters the charset lacks become character references); UTF-8 gets a BOM because some 1C versions fail on
 * UTF-8 without one (protocol reference §2.3). Clients that said {@code version=3.x} on init get schema 3.1 with
 * every document in a {@code Контейнер}, which the 1C-Bitrix module ≥ 6.5 expects. {@code ДатаФормирования} is the
 * shop's local time, like the orders' own dates ({@link ShopZone}).
 */
final class OrdersQuery implements OrdersExchange {
  private final SaleBatches batches;
  private final SaleDirectory directory;
  private final Charset charset;
  private final Vertx vertx;
  private final Path spoolDir;
  private final ShopZone zone;

  /** {@code spoolDir}: where query answers are written before they are sent (and deleted after). */
  OrdersQuery(SaleBatches batches, SaleDirectory directory, Charset charset, Vertx vertx, Path spoolDir,
      ShopZone zone) {
    this.batches = batches;
    this.directory = directory;
    this.charset = charset;
    this.vertx = vertx;
    this.spoolDir = spoolDir;
    this.zone = zone;
  }

  @Override
  public Future<XmlAnswer> query(ExchangeStore.Session session) {
    ExchangeLog xlog = ExchangeLog.of(session.run().id());
    long started = System.nanoTime();
    // The answer is spooled to a file order by order, so memory does not grow with the number of orders, and is
    // then sent with its exact Content-Length (as the reference server does).
    Path file = spoolDir.resolve("sale-query-" + session.run().id() + "-" + UUID.randomUUID() + ".xml");
    return zone.current().compose(shopZone -> write(session, options(session.run().clientVersion(), shopZone),
        file, started, xlog));
  }

  private Future<XmlAnswer> write(ExchangeStore.Session session, OrdersWriterOptions options, Path file,
      long started, ExchangeLog xlog) {
    return vertx.fileSystem().mkdirs(spoolDir.toString())
        .compose(v -> vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
        .compose(out -> batches.record(session, OrdersWriter.create(out, options))
            .compose(batch -> out.end().map(batch))
            .onFailure(e -> out.close().eventually(() -> vertx.fileSystem().delete(file.toString()))))
        .compose(batch -> vertx.fileSystem().props(file.toString()).map(props -> {
          xlog.info("sale.query", "batch={} orders={} bytes={} charset={} schema={} ms={}", batch.id(), batch.orders(),
              props.size(), options.charset().name(), options.schemaVersion(), (System.nanoTime() - started) / 1_000_000);
          return XmlAnswer.inFile(file, options.contentType());
        }))
        .onFailure(e -> xlog.error("sale.query.failed", "error=\"{}\"", e.getMessage()));
  }

  OrdersWriterOptions options(String clientVersion, ZoneId shopZone) {
    boolean v3 = clientVersion != null && clientVersion.trim().startsWith("3");
    OrdersWriterOptions base = v3 ? OrdersWriterOptions.v31() : OrdersWriterOptions.defaults();
    return base.withCharset(charset).withUtf8Bom(charset.equals(StandardCharsets.UTF_8))
        .withGeneratedAt(LocalDateTime.now(shopZone).truncatedTo(ChronoUnit.SECONDS));
  }

  @Override
  public Future<ProtocolReply> success(ExchangeStore.Session session) {
    ExchangeLog xlog = ExchangeLog.of(session.run().id());
    return batches.confirm(session).map(confirmed -> {
      if (confirmed.isEmpty()) {
        xlog.warn("sale.success.nothing", "reason=no-unconfirmed-query-in-this-session");
        return ProtocolReply.success("Нет неподтверждённой выгрузки заказов в этом сеансе");
      }
      SaleBatches.Confirmed c = confirmed.get();
      xlog.info("sale.success", "batch={} orders={} delivered={}", c.batchId(), c.orders(), c.delivered());
      return ProtocolReply.success("Заказов подтверждено: " + c.orders());
    });
  }

  @Override
  public Future<XmlAnswer> info() {
    return directory.xml(charset).map(body -> XmlAnswer.inMemory(body, "application/xml; charset=" + charset.name()));
  }
}
