package com.ocbridge.app;

import com.ocbridge.api.ApiError;
import com.ocbridge.api.ApiResponses;
import com.ocbridge.api.ExchangesApi;
import com.ocbridge.api.ImportsApi;
import com.ocbridge.api.ItemErrorsApi;
import com.ocbridge.api.JobActionsApi;
import com.ocbridge.api.PlanApi;
import com.ocbridge.plan.PlanApproval;
import com.ocbridge.plan.PlanStore;
import com.ocbridge.config.SettingsView;
import com.ocbridge.exchange.ItemErrors;
import com.ocbridge.exchange.JobControl;
import com.ocbridge.exchange.ManualImport;
import com.ocbridge.catalog.CatalogImportProcessor;
import com.ocbridge.catalog.CatalogSettings;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.onec.OneCOrderHandler;
import com.ocbridge.onec.OneCOrdersClient;
import com.ocbridge.orders.OrdersFeature;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.opencart.TrafficClass;
import com.ocbridge.outbox.Outbox;
import com.ocbridge.outbox.OutboxHandler;
import com.ocbridge.outbox.OutboxHealth;
import com.ocbridge.outbox.OutboxMetrics;
import io.vertx.micrometer.backends.BackendRegistries;
import com.ocbridge.status.OneCContacts;
import com.ocbridge.status.ShopProbe;
import com.ocbridge.status.StatusFeature;
import com.ocbridge.status.StatusBoard;
import com.ocbridge.status.StatusReport;
import com.ocbridge.outbox.OutboxRoutes;
import com.ocbridge.outbox.OutboxWorker;
import com.ocbridge.retention.Retention;
import com.ocbridge.security.ClientAddress;
import com.ocbridge.security.LoginThrottle;
import com.ocbridge.stock.StockApi;
import com.ocbridge.stock.StockService;
import io.vertx.pgclient.PgConnectOptions;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ExchangeHandler;
import com.ocbridge.exchange.ExchangeHousekeeping;
import com.ocbridge.exchange.ExchangeStore;
import com.ocbridge.exchange.ImportJobRunner;
import com.ocbridge.exchange.ImportProcessor;
import com.ocbridge.exchange.OrdersExchange;
import com.ocbridge.exchange.UploadReceiver;
import com.ocbridge.exchange.ZipUnpacker;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.OpenCartClients;
import com.ocbridge.storage.Database;
import com.ocbridge.storage.DatabaseSupervisor;
import com.ocbridge.storage.EmbeddedDatabase;
import com.ocbridge.storage.IncompatibleDataFolder;
import com.ocbridge.storage.Migrations;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.ext.healthchecks.Status;
import java.util.LinkedHashMap;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the service together: database (embedded or external), migrations, the exchange protocol, background
 * jobs and the HTTP server. Everything that holds a resource is created here and closed in {@link #stop()}.
 */
public final class BridgeApp {
  private static final Logger log = LoggerFactory.getLogger(BridgeApp.class);

  private final BridgeConfig config;
  private final AtomicBoolean ready = new AtomicBoolean();
  private EmbeddedDatabase embedded;
  private DatabaseSupervisor supervisor;
  private Vertx vertx;
  private Pool pool;
  private HttpVerticle http;
  private ImportJobRunner runner;
  private OutboxWorker outboxWorker;
  private OutboxWorker oneCWorker;
  private OutboxMetrics outboxMetrics;
  private StatusFeature status;
  private Duration shopProbeInterval = ShopProbe.DEFAULT_INTERVAL;
  private Set<String> apiOperationIds = Set.of();
  private OrdersFeature orders;
  private final ProcessorFactory processors;

  /** What runs behind import jobs, by exchange type; the seam between the protocol and the sync. */
  @FunctionalInterface
  public interface ProcessorFactory {
    /** {@code shop} is the one OpenCart client of the service, or null when the shop is not configured. */
    Map<String, ImportProcessor> create(Vertx vertx, Pool pool, BridgeConfig config, OpenCartClient shop);
  }

  public BridgeApp(BridgeConfig config) {
    this(config, BridgeApp::defaultProcessors);
  }

  /** Tests may replace the processors behind the import jobs. */
  public BridgeApp(BridgeConfig config, ProcessorFactory processors) {
    this.config = config;
    this.processors = processors;
  }

  public Future<Void> start() {
    String dbUrl;
    try {
      Files.createDirectories(config.dataDir());
      if (config.database().embedded()) {
        embedded = EmbeddedDatabase.start(config.dataDir());
        dbUrl = embedded.url("postgres");
      } else {
        dbUrl = config.database().url();
      }
    } catch (IncompatibleDataFolder e) {
      return Future.failedFuture(new StartupProblem(e.getMessage(), e)); // one line that says what to do
    } catch (Exception e) {
      return Future.failedFuture(new IllegalStateException("cannot start the embedded database under "
          + config.dataDir().toAbsolutePath() + ": " + e.getMessage(), e));
    }
    vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true).setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))));
    pool = Database.pool(vertx, dbUrl, 16);
    BridgeConfig.Security security = config.security();
    LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.of(security.loginFailures(),
        security.windowSeconds(), security.lockoutSeconds()), BackendRegistries.getDefaultNow(),
        ClientAddress.trusting(config.http().trustedProxies()));
    Path exchangeRoot = config.dataDir().resolve("exchange").toAbsolutePath();
    ExchangeStore store = new ExchangeStore(pool);
    String shownUrl = config.database().embedded() ? "embedded" : StartupProblem.masked(dbUrl);
    return Migrations.apply(vertx, dbUrl)
        .recover(e -> Future.failedFuture(new StartupProblem("the database of database.url=" + shownUrl
            + " cannot be used: " + e.getMessage(), e)))
        .compose(applied -> vertx.fileSystem().mkdirs(exchangeRoot.toString()))
        .compose(v -> {
          Outbox outbox = new Outbox(pool);
          OpenCartClient shop = openCart(vertx, config);
          // the orders feature needs the shop; without opencart.baseUrl its modes and operations say "not available"
          orders = shop == null ? null : new OrdersFeature(vertx, pool, config, shop, outbox);
          outboxMetrics = OutboxMetrics.start(vertx, outbox, BackendRegistries.getDefaultNow(), Duration.ofSeconds(10));
          StatusBoard board = StatusBoard.create(shop != null, orders != null);
          Map<String, ImportProcessor> importers = new HashMap<>(processors.create(vertx, pool, config, shop));
          if (orders != null) importers.putIfAbsent(OrdersFeature.EXCHANGE_TYPE, orders.importProcessor());
          var zipLimits = ZipUnpacker.Limits.withMaxEntries(config.exchange().zipMaxEntries());
          runner = new ImportJobRunner(vertx, store, exchangeRoot, new ZipUnpacker(zipLimits), importers);
          ExchangeHandler exchange = new ExchangeHandler(vertx, config.exchange(), store, new UploadReceiver(vertx),
              runner, exchangeRoot, orders == null ? OrdersExchange.unavailable() : orders.exchange(), throttle,
              board.contacts());
          status = StatusFeature.wire(vertx, BackendRegistries.getDefaultNow(), board, store, outbox, runner, shop,
              orders == null ? null : orders.poller(), orders == null ? null : orders.oneC().orElse(null),
              shopProbeInterval);
          if (orders != null) orders.pollState(() -> StatusReport.pollJson(board.polls()));
          Map<String, OutboxHandler> deliveries = new HashMap<>();
          Map<String, Handler<RoutingContext>> api = new HashMap<>();
          if (orders != null) {
            api.putAll(orders.apiOperations());
            api.computeIfPresent("listOrders", (id, handler) -> contact(board.contacts(), "orders", handler));
            deliveries.putAll(orders.deliveries());
          } else {
            api.put("listOrders", notConfigured("opencart.baseUrl"));
            api.put("postOrderStatus", notConfigured("opencart.baseUrl"));
            api.put("listOrderHandovers", notConfigured("opencart.baseUrl"));
          }
          ExchangesApi exchanges = new ExchangesApi(store, runner::progressOf);
          api.put("listExchanges", exchanges::list);
          api.put("getExchange", exchanges::get);
          JobControl jobControl = new JobControl(vertx, pool, store, exchangeRoot, runner::wake);
          JobActionsApi jobActions = new JobActionsApi(jobControl);
          PlanStore plans = new PlanStore(pool);
          PlanApi planApi = new PlanApi(store, plans, new PlanApproval(store, plans, jobControl, importers,
              exchangeRoot, runner::wake));
          api.put("getExchangePlan", planApi::get);
          api.put("getExchangePlanCsv", planApi::csv);
          api.put("approveExchangePlan", planApi::approve);
          api.put("rejectExchangePlan", planApi::reject);
          api.put("retryImportJob", jobActions::retry);
          api.put("cancelImportJob", jobActions::cancel);
          api.put("listItemErrors", new ItemErrorsApi(new ItemErrors(pool))::list);
          api.put("getSettings", ctx -> ApiResponses.json(ctx, 200, SettingsView.of(config)));
          OutboxRoutes outboxRoutes = new OutboxRoutes(outbox);
          api.put("listOutbox", outboxRoutes.list());
          api.put("retryOutbox", outboxRoutes.retry());
          api.put("cancelOutbox", outboxRoutes.cancel());
          // the manual import's body streams to disk (exchange.fileLimit), outside the 32 MB API body handler
          Map<String, Handler<RoutingContext>> streamed = Map.of("postManualImport", new ImportsApi(new ManualImport(
              vertx, store, new UploadReceiver(vertx), runner, exchangeRoot, config.exchange().fileLimit()))::post);
          if (shop != null) {
            StockService stock = new StockService(pool, shop.inClass(TrafficClass.STOCK), outbox,
                CatalogSettings.from(config));
            deliveries.put(StockService.OUTBOX_TYPE, stock);
            api.put("postStock", contact(board.contacts(), "stock", new StockApi(stock, status.metrics())::post));
          } else {
            api.put("postStock", notConfigured("opencart.baseUrl"));
          }
          api.put("getStatus", status.api()::get);
          Set<String> implemented = new java.util.HashSet<>(api.keySet());
          implemented.addAll(streamed.keySet());
          apiOperationIds = Set.copyOf(implemented);
          Map<String, Handler<Promise<Status>>> health = new LinkedHashMap<>();
          health.put("outbox", OutboxHealth.procedure(outbox));
          if (embedded != null) {
            supervisor = new DatabaseSupervisor(vertx, pool, embedded);
            health.put("embedded-database", supervisor.healthProcedure());
          }
          PgConnectOptions listen = PgConnectOptions.fromUri(dbUrl);
          outboxWorker = deliveries.isEmpty() ? null
              : new OutboxWorker(outbox, listen, deliveries, OutboxWorker.Settings.defaults());
          OneCOrdersClient oneC = orders == null ? null : orders.oneC().orElse(null);
          if (oneC != null) {
            oneC.bindMetrics(BackendRegistries.getDefaultNow());
            oneCWorker = new OutboxWorker(outbox, listen, Map.of(OneCOrderHandler.TYPE, new OneCOrderHandler(oneC)),
                OutboxWorker.Settings.defaults().withMaxInFlight(oneC.settings().maxConcurrent()));
          }
          http = new HttpVerticle(config, pool, exchange, throttle, ready::get, api, streamed, health,
              status.informationalHealthChecks());
          return vertx.deployVerticle(new JobsVerticle(runner, new ExchangeHousekeeping(vertx, store, exchangeRoot,
              new PlanStore(pool)::deleteRun),
              Retention.of(vertx, pool, config.retention())));
        })
        .compose(id -> outboxWorker == null ? Future.succeededFuture(id) : vertx.deployVerticle(outboxWorker))
        .compose(id -> oneCWorker == null ? Future.succeededFuture(id) : vertx.deployVerticle(oneCWorker))
        .compose(id -> vertx.deployVerticle(http))
        .compose(id -> orders == null ? Future.succeededFuture(id) : vertx.deployVerticle(orders.poller()))
        .onSuccess(id -> {
          if (supervisor != null) supervisor.start();
          status.start();
          ready.set(true);
          log.info("event=service.ready host={} port={} scheme={} exchangePath={} trustedProxies={}",
              config.http().host(), http.actualPort(), config.http().tls() != null ? "https" : "http",
              config.exchange().path(), config.http().trustedProxies().size());
        })
        .mapEmpty();
  }

  static Map<String, ImportProcessor> defaultProcessors(Vertx vertx, Pool pool, BridgeConfig config,
      OpenCartClient shop) {
    if (shop == null) {
      return Map.of("catalog", CatalogImportProcessor.unavailable("магазин OpenCart не настроен (opencart.baseUrl"
          + " пуст): каталог некуда отправить; задайте opencart.baseUrl, opencart.apiUsername и opencart.apiKey"));
    }
    return Map.of("catalog", new CatalogImportProcessor(vertx, pool, shop, CatalogSettings.from(config),
        config.catalog().approval()));
  }

  /** The shop client, or null when {@code opencart.baseUrl} is not configured (features that need it say so). */
  static OpenCartClient openCart(Vertx vertx, BridgeConfig config) {
    BridgeConfig.OpenCart oc = config.opencart();
    if (!oc.configured()) return null;
    return OpenCartClients.create(vertx, oc.flavour(), CatalogImportProcessor.shopSettings(oc));
  }

  /** Records an authenticated call of 1C (the handlers run after the API token check) before handling it. */
  private static Handler<RoutingContext> contact(OneCContacts contacts, String type, Handler<RoutingContext> handler) {
    return ctx -> {
      contacts.touch(type);
      handler.handle(ctx);
    };
  }

  /** Tests probe the shop more often than {@link ShopProbe#DEFAULT_INTERVAL}; call before {@link #start()}. */
  BridgeApp withShopProbeInterval(Duration interval) {
    this.shopProbeInterval = interval;
    return this;
  }

  private static Handler<RoutingContext> notConfigured(String key) {
    return ctx -> ctx.fail(ApiError.unavailable("this needs " + key + " in the configuration"));
  }

  /** operationIds of the /api/v1 contract that this service implements (a test compares them with the contract). */
  public Set<String> apiOperationIds() {
    return apiOperationIds;
  }

  public int httpPort() {
    return http.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  /** The orders feature, or null when the shop is not configured. */
  public OrdersFeature orders() {
    return orders;
  }

  /**
   * Stop accepting, park the running import (it resumes at the next start), close Vert.x, stop the database.
   * Blocking, with a bound on each step: call it from {@code main}'s signal handler or a test thread.
   */
  public void stop(Duration timeout) {
    ready.set(false);
    if (supervisor != null) supervisor.stop(); // a server stopped on purpose must stay stopped
    long deadline = System.nanoTime() + timeout.toNanos();
    if (outboxMetrics != null) outboxMetrics.stop();
    if (status != null) status.stop();
    if (vertx != null) {
      Future<Void> parked = (http == null ? Future.<Void>succeededFuture() : http.closeServer())
          .compose(v -> runner == null ? Future.succeededFuture() : runner.stop());
      awaitQuietly(parked, deadline, "http and jobs");
      awaitQuietly(vertx.close(), deadline, "vertx");
      vertx = null;
    }
    closeEmbedded();
  }

  private static void awaitQuietly(Future<?> future, long deadlineNanos, String what) {
    try {
      future.await(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      log.warn("event=service.stop.step.failed step=\"{}\" error=\"{}\"", what, e.toString());
    }
  }

  private void closeEmbedded() {
    if (embedded == null) return;
    try {
      embedded.close();
    } catch (Exception e) {
      log.warn("event=db.embedded.stop.failed error=\"{}\"", e.toString());
    }
    embedded = null;
  }
}
