package com.ocbridge.orders;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.exchange.OrdersExchange;
import com.ocbridge.onec.OneCOrderHandler;
import com.ocbridge.onec.OneCOrdersClient;
import com.ocbridge.onec.OneCPushSettings;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxHandler;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the orders feature from the configuration and hands {@code BridgeApp} its parts: the {@code type=sale}
 * exchange modes, the {@code sale} import processor, the API operations, the outbox handlers and the poller.
 */
public final class OrdersFeature {
  /** The exchange type whose import jobs {@link #importProcessor()} runs. */
  public static final String EXCHANGE_TYPE = "sale";

  private final OrdersApi ordersApi;
  private final OrdersQuery exchange;
  private final StatusDocumentProcessor processor;
  private final Map<String, Handler<RoutingContext>> api = new HashMap<>();
  private final Map<String, OutboxHandler> deliveries = new HashMap<>();
  private final OrderPoller poller;
  private final OneCOrdersClient oneC;

  public OrdersFeature(Vertx vertx, Pool pool, BridgeConfig config, OpenCartClient shop, Outbox outbox) {
    OrderStore store = new OrderStore(pool);
    HandOverPolicy policy = HandOverPolicy.of(config.orders().statusIds());
    StatusMapper mapper = new StatusMapper(config.orders().statusMap());
    StatusChanges changes = new StatusChanges(outbox);
    Charset charset = Charset.forName(config.exchange().responseCharset());
    // how orders are written for 1C (buyer, discounts, delivery line, number, time zone): query and push alike
    OrderSettings documents = OrderSettings.from(config.orders());

    exchange = new OrdersQuery(new SaleBatches(pool, policy, documents), new SaleDirectory(shop, store), charset,
        vertx, config.dataDir().resolve("exchange").resolve("spool").toAbsolutePath(),
        new ShopZone(pool, documents.timeZone()));
    processor = new StatusDocumentProcessor(vertx, store, mapper, changes, DocumentRules.from(config.orders()));
    ordersApi = new OrdersApi(store, mapper, changes);
    api.put("listOrders", ordersApi::list);
    api.put("postOrderStatus", ordersApi::postStatus);
    api.put("listOrderHandovers", new OrderHandovers(new HandoverStore(pool, config.orders().numberPrefix()))::list);
    deliveries.put(StatusChanges.TYPE, new OrderStatusDelivery(shop));
    deliveries.put(StatusChanges.NOTE_TYPE, new OrderNoteDelivery(shop));

    BridgeConfig.Push push = config.onec().push();
    oneC = push.enabled() ? new OneCOrdersClient(vertx, OneCPushSettings.from(push)) : null;
    Outbox pushOutbox = oneC == null ? null : outbox;
    OrderIntake intake = new OrderIntake(pool, store, policy, pushOutbox, documents);
    poller = new OrderPoller(shop, store, intake, Duration.ofSeconds(config.orders().pollSeconds()),
        PollStart.of(config.orders().since()));
  }

  public OrdersExchange exchange() {
    return exchange;
  }

  public ImportProcessor importProcessor() {
    return processor;
  }

  /** operationId → handler for {@code listOrders}, {@code postOrderStatus} and {@code listOrderHandovers}. */
  public Map<String, Handler<RoutingContext>> apiOperations() {
    return Map.copyOf(api);
  }

  /** Outbox type → handler for the shop: {@code order.status}. */
  public Map<String, OutboxHandler> deliveries() {
    return Map.copyOf(deliveries);
  }

  /**
   * The 1C HTTP service client when {@code onec.push.enabled}: its deliveries ({@link OneCOrderHandler#TYPE}) get a
   * worker of their own whose in-flight limit is 1C's (each 1C session costs a licence, and fewer requests in
   * flight keep orders closer to their creation order).
   */
  public Optional<OneCOrdersClient> oneC() {
    return Optional.ofNullable(oneC);
  }

  /** The poller verticle; deploy it to start polling. */
  public OrderPoller poller() {
    return poller;
  }

  /** What GET /api/v1/orders adds as {@code poll}: the last poll of the shop (when, ok, the error). */
  public void pollState(java.util.function.Supplier<JsonObject> state) {
    ordersApi.pollState(state);
  }
}
