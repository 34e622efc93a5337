package com.ocbridge.app;

import com.ocbridge.config.BridgeConfig;
import com.ocbridge.console.ConsoleRoutes;
import com.ocbridge.exchange.ExchangeHandler;
import com.ocbridge.security.LoginThrottle;
import com.ocbridge.storage.Database;
import com.ocbridge.api.ApiError;
import com.ocbridge.api.ApiResponses;
import com.ocbridge.api.ApiRouter;
import com.ocbridge.api.InputScreen;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.json.JsonObject;
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
  private final LoginThrottle throttle;
  private final BooleanSupplier started;
  private final Map<String, Handler<RoutingContext>> apiOperations;
  private final Map<String, Handler<RoutingContext>> streamedOperations;
  private final Map<String, Handler<Promise<Status>>> moreHealthChecks;
  private final Map<String, Handler<Promise<Status>>> informationalChecks;
  private HttpServer server;
  /** Per connection: the pending header timer (-1 = none) and the requests in progress; event-loop confined. */
  private final Map<HttpConnection, long[]> waiting = new HashMap<>();
  static final long HEADER_TIMEOUT_MS = 10_000;
  static final int IDLE_TIMEOUT_S = 300;
  private static final Logger log = LoggerFactory.getLogger("http");

  HttpVerticle(BridgeConfig config, Pool pool, ExchangeHandler exchange, LoginThrottle throttle, BooleanSupplier started,
      Map<String, Handler<RoutingContext>> apiOperations, Map<String, Handler<RoutingContext>> streamedOperations,
      Map<String, Handler<Promise<Status>>> moreHealthChecks, Map<String, Handler<Promise<Status>>> informationalChecks) {
    this.config = config;
    this.pool = pool;
    this.exchange = exchange;
    this.throttle = throttle;
    this.started = started;
    this.apiOperations = apiOperations;
    this.streamedOperations = streamedOperations;
    this.moreHealthChecks = moreHealthChecks;
    this.informationalChecks = informationalChecks;
  }

  @Override
  public Future<?> start() {
    return ApiRouter.create(vertx, config.api().tokens(), throttle, apiOperations, streamedOperations).compose(router -> {
      // vertx-web owns the response's end handler: observe the end through the routing context, before any route
      router.route().order(Integer.MIN_VALUE).handler(ctx -> {
        HttpConnection connection = ctx.request().connection();
        ctx.addEndHandler(v -> requestEnded(connection));
        ctx.next();
      });
      ConsoleRoutes.mount(vertx, router, config.console(), throttle);
      // The exchange is added to the contract router but is not one of its validated routes: 1C's uploads stream.
      router.route(config.exchange().path()).method(HttpMethod.GET).method(HttpMethod.POST).handler(exchange);
      Handler<RoutingContext> readiness = readiness(healthChecks(), informational());
      router.get("/health").handler(readiness);
      router.get("/health/ready").handler(readiness);
      // liveness: this answer needs only the process and an event loop that runs, not the database
      router.get("/health/live").handler(ctx -> ApiResponses.json(ctx, 200, new JsonObject().put("status", "UP")));
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
      router.get("/openapi.yaml").handler(ctx -> vertx.fileSystem().readFile(ApiRouter.CONTRACT)
          .onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml))
          .onFailure(ctx::fail));
      server = vertx.createHttpServer(serverOptions());
      String exchangePath = config.exchange().path();
      return server
          .connectionHandler(this::watchHeaders)
          .requestHandler(request -> {
            requestStarted(request);
            // malformed percent-encoding in the path (never the exchange's: that is matched exactly): 400 at once
            String pathProblem = InputScreen.pathProblem(request.path());
            if (pathProblem != null) {
              HttpConnection connection = request.connection();
              log.info("event=http.refused method={} reason=\"{}\"", request.method(), pathProblem);
              ApiResponses.json(request.response(), 400, ApiError.envelope("bad_request", pathProblem, null));
              requestEnded(connection);
              return;
            }
            // malformed percent-encoding or control characters in the query: 400 before any handler runs
            InputScreen.QueryProblem problem = InputScreen.queryProblem(request.query());
            if (problem == null) {
              router.handle(request);
            } else {
              HttpConnection connection = request.connection();
              if (request.path().equals(exchangePath)) {
                exchange.refuseQuery(request, problem);
              } else {
                log.info("event=http.refused method={} path={} reason=\"{}\"", request.method(), request.path(),
                    problem.english());
                ApiResponses.json(request.response(), 400, ApiError.envelope("bad_request", problem.english(), null));
              }
              requestEnded(connection);
            }
          })
          .listen();
    });
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(config.http().port())
        .setCompressionSupported(false)
        // HTTP/1.1 only (1C and the API clients speak it): with h2c detection on, Vert.x announces a connection
        // only once a request line has arrived, and the header-read timeout below could not start at connect
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(IDLE_TIMEOUT_S)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    BridgeConfig.Tls tls = config.http().tls();
    if (tls != null) {
      // HTTPS straight from the service (http.tls.*); the files are read at listen, so a bad pair fails the start
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
    }
    return options;
  }

  /**
   * Header-read timeout: a connection must deliver a complete request head within {@link #HEADER_TIMEOUT_MS} of
   * opening (a client that trickles header lines is closed), and the next request on a kept-alive connection must
   * start within {@link #IDLE_TIMEOUT_S} of the previous answer however it trickles. Once a request head has arrived
   * no timer runs, so a long upload that keeps sending is never cut; a silent connection still meets the idle timeout.
   */
  private void watchHeaders(HttpConnection connection) {
    arm(connection, HEADER_TIMEOUT_MS);
    connection.closeHandler(v -> {
      long[] state = waiting.remove(connection);
      if (state != null && state[0] >= 0) vertx.cancelTimer(state[0]);
    });
  }

  private void requestStarted(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    long[] state = waiting.get(connection);
    if (state == null) return;
    if (state[0] >= 0) vertx.cancelTimer(state[0]);
    state[0] = -1;
    state[1]++;
  }

  /** The answer to a request has ended (or failed): with none in progress, the next request head must come in time. */
  private void requestEnded(HttpConnection connection) {
    long[] now = waiting.get(connection);
    if (now != null && now[1] > 0 && --now[1] == 0) arm(connection, IDLE_TIMEOUT_S * 1000L);
  }

  private void arm(HttpConnection connection, long delayMs) {
    long[] state = waiting.computeIfAbsent(connection, c -> new long[] {-1, 0});
    if (state[0] >= 0) vertx.cancelTimer(state[0]);
    state[0] = vertx.setTimer(delayMs, id -> {
      long[] now = waiting.get(connection);
      if (now != null && now[0] == id && now[1] == 0) {
        log.info("event=http.header_timeout remote={}", connection.remoteAddress());
        connection.close();
      }
    });
  }

  /**
   * Readiness in the JSON shape of Vert.x's {@code HealthCheckHandler} ({@code status}, {@code checks}, {@code outcome}):
   * the required checks decide 200 or 503; the informational ones (the shop, 1C) are listed with their own status
   * and reason but never make the service unready: it keeps working (queues, pauses) while a remote is away.
   */
  private static Handler<RoutingContext> readiness(HealthChecks required, HealthChecks informational) {
    return ctx -> {
      Future<io.vertx.ext.healthchecks.CheckResult> must = required.checkStatus();
      Future<io.vertx.ext.healthchecks.CheckResult> info = informational.checkStatus();
      Future.join(must, info).onComplete(ar -> {
        if (must.failed()) {
          ctx.response().setStatusCode(503).end();
          return;
        }
        JsonObject body = must.result().toJson();
        if (info.succeeded() && info.result().getChecks() != null) {
          io.vertx.core.json.JsonArray checks = body.getJsonArray("checks", new io.vertx.core.json.JsonArray());
          info.result().getChecks().forEach(c -> checks.add(c.toJson()));
          body.put("checks", checks);
        }
        ApiResponses.json(ctx, Boolean.TRUE.equals(must.result().getUp()) ? 200 : 503, body);
      });
    };
  }

  private HealthChecks informational() {
    HealthChecks checks = HealthChecks.create(vertx);
    informationalChecks.forEach((name, procedure) -> checks.register(name, 3_000, procedure));
    return checks;
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
