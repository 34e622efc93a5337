package com.ocbridge.orders;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.OrderLine;
import com.ocbridge.opencart.model.Order;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What 1C changed in an order's contents: the lines and the total of the order document 1C sends back, against the
 * order as the bridge handed it over. The handed-over version is the stored one only while 1C has confirmed exactly
 * that version ({@code version = delivered_version}); once the shop changed the order again, differences could be
 * the shop's own and the newer version goes to 1C anyway, so nothing is compared then.
 *
 * <p>Lines are matched by {@code Ид} (the product GUID, {@code product#characteristic}, or {@code ORDER_DELIVERY}),
 * quantities of one Ид added up; a 1C line without Ид is matched by its name. Prices are not compared line by line:
 * 1C may write them without tax or after its own rounding, which is no change a shop operator has to act on; the
 * total shows what the money side amounts to.
 */
final class OrderChanges {
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private OrderChanges() {}

  /** A line summed per Ид: its name (for the note) and quantity. */
  private record Line(String name, BigDecimal quantity) {}

  static Optional<OrderFact> of(OrderStore.Stored stored, OrderDocument d) {
    if (stored.deliveredVersion() <= 0 || stored.version() != stored.deliveredVersion()) return Optional.empty();
    if (d.deleted() || d.lines().isEmpty()) return Optional.empty(); // a status-only document says nothing on lines
    Order o = stored.order();
    Map<String, Line> ours = handedOver(o);
    Map<String, Line> theirs = fromOneC(d);
    List<String> changes = new ArrayList<>();
    ours.forEach((id, line) -> {
      Line now = theirs.get(id);
      if (now == null) {
        changes.add("удалена позиция «" + line.name() + "» (" + NoteText.quantity(line.quantity()) + " шт.)");
      } else if (now.quantity().compareTo(line.quantity()) != 0) {
        changes.add("«" + line.name() + "»: количество " + NoteText.quantity(line.quantity()) + " → "
            + NoteText.quantity(now.quantity()));
      }
    });
    theirs.forEach((id, line) -> {
      if (!ours.containsKey(id)) {
        changes.add("добавлена позиция «" + line.name() + "» (" + NoteText.quantity(line.quantity()) + " шт.)");
      }
    });
    if (d.sum() != null && o.total() != null && d.sum().subtract(o.total()).abs().compareTo(CENT) >= 0) {
      changes.add("сумма заказа " + NoteText.money(o.total()) + " → " + NoteText.money(d.sum(), d.currency()));
    }
    if (changes.isEmpty()) return Optional.empty();
    String number = d.oneCNumber();
    String note = "1С: заказ изменён" + (number == null ? "" : " (документ " + number + ")") + ":\n— "
        + String.join(";\n— ", changes);
    String key = "order.content:" + o.orderId() + ":" + OrderJson.sha256(String.join("\n", changes)).substring(0, 32);
    return Optional.of(new OrderFact(OrderFact.Kind.CONTENT, key, 0, note));
  }

  /** The lines as {@code mode=query} wrote them (see {@link OrderDocuments#from}). */
  private static Map<String, Line> handedOver(Order o) {
    Map<String, Line> lines = new LinkedHashMap<>();
    if (o.products() != null) {
      for (com.ocbridge.opencart.model.OrderLine l : o.products()) {
        add(lines, OrderDocuments.lineId(l), OrderDocuments.lineName(l), BigDecimal.valueOf(l.quantity()));
      }
    }
    BigDecimal shipping = OrderDocuments.shippingCost(o);
    if (shipping != null) {
      String name = o.shippingMethod() != null && o.shippingMethod().name() != null ? o.shippingMethod().name()
          : "Доставка заказа";
      add(lines, OrderLine.DELIVERY_ID, name, BigDecimal.ONE);
    }
    return lines;
  }

  private static Map<String, Line> fromOneC(OrderDocument d) {
    Map<String, Line> lines = new LinkedHashMap<>();
    for (OrderLine l : d.lines()) {
      String name = l.name() != null ? l.name() : l.id();
      String id = l.id() != null ? l.id().trim() : "name:" + name;
      add(lines, id, name == null ? "?" : name, l.quantity() == null ? BigDecimal.ZERO : l.quantity());
    }
    return lines;
  }

  private static void add(Map<String, Line> lines, String id, String name, BigDecimal quantity) {
    lines.merge(id, new Line(name, quantity), (a, b) -> new Line(a.name(), a.quantity().add(b.quantity())));
  }
}
