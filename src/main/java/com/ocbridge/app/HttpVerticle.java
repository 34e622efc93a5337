package com.ocbridge.app;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.ExchangeHandler;
import com.ocbridge.storage.Database;
import com.ocbridge.api.ApiRouter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The HTTP surface: the 1C exchange, /api/v1 (from the OpenAPI contract), /openapi.yaml, /health, /metrics. */
final class HttpVerticle extends VerticleBase {
  private final BridgeConfig config;
  private final Pool pool;
  private final ExchangeHandler exchange;
  private final BooleanSupplier started;
  private final Map<String, Handler<RoutingContext>> apiOperations;
  private final Map<String, Handler<Promise<Status>>> moreHealthChecks;
  private HttpServer server;

  HttpVerticle(BridgeConfig config, Pool pool, ExchangeHandler exchange, BooleanSupplier started,
      Map<String, Handler<RoutingContext>> apiOperations, Map<String, Handler<Promise<Status>>> moreHealthChecks) {
    this.config = config;
    this.pool = pool;
    this.exchange = exchange;
    this.started = started;
    this.apiOperations = apiOperations;
    this.moreHealthChecks = moreHealthChecks;
  }

  @Override
  public Future<?> start() {
    return ApiRouter.create(vertx, config.api().tokens(), apiOperations).compose(router -> {
      // The exchange is added to the contract router but is not one of its validated routes: 1C's uploads stream.
      router.route(config.exchange().path()).method(HttpMethod.GET).method(HttpMethod.POST).handler(exchange);
      router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(healthChecks()));
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
      router.get("/openapi.yaml").handler(ctx -> vertx.fileSystem().readFile(ApiRouter.CONTRACT)
          .onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml))
          .onFailure(ctx::fail));
      server = vertx.createHttpServer(new HttpServerOptions()
          .setHost(config.http().host())
          .setPort(config.http().port())
          .setCompressionSupported(false)
          .setIdleTimeout(300)
          .setIdleTimeoutUnit(TimeUnit.SECONDS));
      return server.requestHandler(router).listen();
    });
  }

  private HealthChecks healthChecks() {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("database", 3_000, promise -> Database.ping(pool)
        .onSuccess(v -> promise.complete(Status.OK()))
        .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", e.getMessage())))));
    moreHealthChecks.forEach((name, procedure) -> checks.register(name, 3_000, procedure));
    checks.register("service", promise -> promise.complete(started.getAsBoolean() ? Status.OK()
        : Status.KO(new JsonObject().put("error", "starting or stopping"))));
    return checks;
  }

  int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** Stops accepting; requests in flight get up to 5 s to finish. */
  Future<Void> closeServer() {
    return server == null ? Future.succeededFuture() : server.shutdown(5, TimeUnit.SECONDS);
  }
}
