package com.ocbridge.orders;

import com.ocbridge.commerceml.OrdersWriter;
import com.ocbridge.commerceml.OrdersWriterOptions;
import com.ocbridge.exchange.ExchangeLog;
import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.OrdersExchange;
import com.ocbridge.exchange.ProtocolReply;
import io.vertx.core.Future;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * {@code type=sale} modes {@code query}, {@code success} and {@code info}: the orders side of 1C's exchange.
 *
 * <p>The query answer is in {@code exchange.responseCharset} (the prolog, the bytes and the Content-Type agree;
 * characters the charset lacks become character references); UTF-8 gets a BOM because some 1C versions fail on
 * UTF-8 without one (protocol reference §2.3). Clients that said {@code version=3.x} on init get schema 3.1 with
 * every document in a {@code Контейнер}, which the 1C-Bitrix module ≥ 6.5 expects.
 */
final class OrdersQuery implements OrdersExchange {
  private final SaleBatches batches;
  private final SaleDirectory directory;
  private final Charset charset;

  OrdersQuery(SaleBatches batches, SaleDirectory directory, Charset charset) {
    this.batches = batches;
    this.directory = directory;
    this.charset = charset;
  }

  @Override
  public Future<XmlAnswer> query(ExchangeStore.Session session) {
    ExchangeLog xlog = ExchangeLog.of(session.run().id());
    OrdersWriterOptions options = options(session.run().clientVersion());
    BufferWriteStream out = new BufferWriteStream();
    OrdersWriter writer = OrdersWriter.create(out, options);
    long started = System.nanoTime();
    return batches.record(session, writer)
        .map(batch -> {
          xlog.info("sale.query", "batch={} orders={} bytes={} charset={} schema={} ms={}", batch.id(), batch.orders(),
              out.buffer().length(), options.charset().name(), options.schemaVersion(),
              (System.nanoTime() - started) / 1_000_000);
          return new XmlAnswer(out.buffer(), options.contentType());
        })
        .onFailure(e -> xlog.error("sale.query.failed", "error=\"{}\"", e.getMessage()));
  }

  OrdersWriterOptions options(String clientVersion) {
    boolean v3 = clientVersion != null && clientVersion.trim().startsWith("3");
    OrdersWriterOptions base = v3 ? OrdersWriterOptions.v31() : OrdersWriterOptions.defaults();
    return base.withCharset(charset).withUtf8Bom(charset.equals(StandardCharsets.UTF_8));
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
    return directory.xml(charset).map(body -> new XmlAnswer(body, "application/xml; charset=" + charset.name()));
  }
}
