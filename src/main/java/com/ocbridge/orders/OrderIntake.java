package com.ocbridge.orders;

import com.ocbridge.onec.OneCOrderHandler;
import com.ocbridge.opencart.model.Order;
import com.ocbridge.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one page of orders read from the shop in one transaction and, when the 1C push is on, queues every new
 * or changed order that is to be handed over in that same transaction: the push entry exists if and only if the
 * stored version does, so neither a crash nor a retry can lose or double one.
 *
 * <p>Before that, lines whose option value the shop has since removed get their 1C characteristic back from the
 * catalog staging ({@link VariantLookup}), so the stored order, the query document and the push all carry it.
 */
final class OrderIntake {

  record Accepted(int created, int changed) {}

  private final Pool pool;
  private final OrderStore store;
  private final HandOverPolicy policy;
  private final Outbox pushOutbox;
  private final VariantLookup variants;
  private final OrderSettings documents;

  /**
   * {@code pushOutbox} null = the 1C push ({@code onec.push.enabled}) is off; {@code documents}: how a pushed order
   * is written ({@link OneCOrders}), the same as the query document.
   */
  OrderIntake(Pool pool, OrderStore store, HandOverPolicy policy, Outbox pushOutbox, OrderSettings documents) {
    this.pool = pool;
    this.store = store;
    this.policy = policy;
    this.pushOutbox = pushOutbox;
    this.variants = new VariantLookup(pool);
    this.documents = documents;
  }

  Future<Accepted> accept(List<Order> orders) {
    if (orders.isEmpty()) return Future.succeededFuture(new Accepted(0, 0));
    // the lookup reads outside the transaction: staged offers are no part of what it must make atomic
    return variants.resolve(orders).compose(this::storeAll);
  }

  private Future<Accepted> storeAll(List<Order> orders) {
    return pool.withTransaction(tx -> store.upsert(tx, orders).compose(changes -> {
      int created = (int) changes.stream().filter(OrderStore.Change::created).count();
      Accepted accepted = new Accepted(created, changes.size() - created);
      if (pushOutbox == null || changes.isEmpty()) return Future.succeededFuture(accepted);
      return push(tx, orders, changes).map(accepted);
    }));
  }

  private Future<Void> push(SqlConnection tx, List<Order> orders, List<OrderStore.Change> changes) {
    Map<Long, Order> byId = new HashMap<>();
    orders.forEach(o -> byId.put(o.orderId(), o));
    Future<?> chain = Future.succeededFuture();
    for (OrderStore.Change change : changes) {
      Order order = byId.get(change.orderId());
      if (order == null || !policy.handsOver(order.orderStatusId())) continue;
      chain = chain.compose(v -> OneCOrderHandler.enqueue(pushOutbox, tx, OneCOrders.from(order, documents)));
    }
    return chain.mapEmpty();
  }
}
