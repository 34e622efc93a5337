package com.ocbridge.orders;

import com.ocbridge.commerceml.internal.XmlEncoder;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mode=info} directory (protocol reference §4.5) 1C's "Загрузить с сайта" button reads to fill its
 * status, payment and delivery mapping tables: the shop's order statuses (cached; statuses rarely change), and
 * the payment and shipping methods seen in stored orders (OpenCart has no list of installed methods in the
 * bridge contract). Ids are those {@code mode=query} writes into {@code Статуса заказа ИД}, {@code Метод оплаты ИД}
 * and {@code Метод доставки ИД}.
 *
 * <p>The statuses tag is {@code Cтатусы} with a LATIN capital C: that is how Bitrix's language file spells it,
 * and what 1C looks for.
 */
final class SaleDirectory {
  private static final Logger log = LoggerFactory.getLogger("orders");
  /** Latin "C" (U+0043) followed by Cyrillic "татусы". */
  static final String STATUSES_TAG = "C\u0442\u0430\u0442\u0443\u0441\u044b";
  private static final Duration CACHE_FOR = Duration.ofMinutes(10);

  private final OpenCartClient shop;
  private final OrderStore store;
  private List<OrderStore.Method> cachedStatuses;
  private long cachedAt;

  SaleDirectory(OpenCartClient shop, OrderStore store) {
    this.shop = shop;
    this.store = store;
  }

  Future<Buffer> xml(Charset charset) {
    return statuses().compose(statuses -> store.methods("payment_method")
        .compose(payments -> store.methods("shipping_method")
            .map(shipping -> write(charset, statuses, payments, shipping))));
  }

  /** The shop's statuses, cached; on a shop failure the last list, else the statuses seen on stored orders. */
  synchronized Future<List<OrderStore.Method>> statuses() {
    if (cachedStatuses != null && System.currentTimeMillis() - cachedAt < CACHE_FOR.toMillis()) {
      return Future.succeededFuture(cachedStatuses);
    }
    return shop.listOrderStatuses(null)
        .map(list -> {
          List<OrderStore.Method> statuses = list.stream()
              .map((OrderStatus s) -> new OrderStore.Method(Integer.toString(s.orderStatusId()), s.name())).toList();
          synchronized (this) {
            cachedStatuses = statuses;
            cachedAt = System.currentTimeMillis();
          }
          return statuses;
        })
        .recover(e -> {
          log.warn("event=orders.statuses.unavailable error=\"{}\"", e.getMessage());
          List<OrderStore.Method> last;
          synchronized (this) {
            last = cachedStatuses;
          }
          return last != null ? Future.succeededFuture(last) : store.seenStatuses();
        });
  }

  static Buffer write(Charset charset, List<OrderStore.Method> statuses, List<OrderStore.Method> payments,
      List<OrderStore.Method> shipping) {
    XmlEncoder enc = new XmlEncoder(charset);
    if (charset.equals(StandardCharsets.UTF_8)) enc.bytes((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    enc.markup("<?xml version=\"1.0\" encoding=\"").markup(charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : charset.name())
        .markup("\"?>\n<Справочник>\n");
    section(enc, STATUSES_TAG, statuses);
    section(enc, "ПлатежныеСистемы", payments);
    section(enc, "СлужбыДоставки", shipping);
    enc.markup("</Справочник>\n");
    return enc.drain();
  }

  private static void section(XmlEncoder enc, String tag, List<OrderStore.Method> items) {
    enc.markup("\t<").markup(tag).markup(">\n");
    for (OrderStore.Method m : items) {
      enc.markup("\t\t<Элемент><Ид>").text(m.code()).markup("</Ид><Название>")
          .text(m.name() == null ? m.code() : m.name()).markup("</Название></Элемент>\n");
    }
    enc.markup("\t</").markup(tag).markup(">\n");
  }
}
