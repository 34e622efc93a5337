package com.ocbridge.api;

import com.ocbridge.security.LoginThrottle;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@code /api/v1} router from {@code openapi/bridge.yaml}: every request is validated against the
 * contract before a handler sees it, bodies are read with a size limit (413 beyond it), tokens are checked
 * first, and every failure becomes the JSON error envelope. The 1C exchange is not on this router's
 * validated routes: its multi-gigabyte bodies must stream, not be buffered.
 */
public final class ApiRouter {
  public static final String CONTRACT = "openapi/bridge.yaml";
  public static final long BODY_LIMIT = 32L * 1024 * 1024;
  private static final String API_PREFIX = "/api/";
  private static final String FORM_TYPE = "ocbridge.formContentType";
  /** Ahead of the contract's routes (and their body handler), behind HttpVerticle's connection bookkeeping. */
  private static final int STREAMED_ORDER = -100;

  private ApiRouter() {}

  /** The validated request of the current API call (path, query, body after validation). */
  public static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /**
   * Creates the router; {@code operations} maps operationIds to handlers. An operation of the contract with no
   * handler answers 503 in the envelope (and {@link #missingOperations} lists it, so a test can insist on none).
   */
  public static Future<Router> create(Vertx vertx, List<String> tokens, LoginThrottle throttle,
      Map<String, Handler<RoutingContext>> operations) {
    return create(vertx, tokens, throttle, operations, Map.of());
  }

  /**
   * As above, plus {@code streamed}: operations of the contract whose body must stream (a file of any size, up to
   * its own limit), never be buffered by the 32 MB body handler. They are routed ahead of the validated routes, the
   * request is paused at once (Vert.x drops chunks that arrive with no handler), the token is checked by the same
   * {@link ApiAuth}, and the handler reads the body itself. Their parameters are not validated by the contract:
   * the handler checks them.
   */
  public static Future<Router> create(Vertx vertx, List<String> tokens, LoginThrottle throttle,
      Map<String, Handler<RoutingContext>> operations, Map<String, Handler<RoutingContext>> streamed) {
    return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, new FormDataExtractor());
      BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setHandleFileUploads(false);
      ApiAuth auth = new ApiAuth(tokens, throttle);
      builder.rootHandler(ctx -> {
        if (!ctx.request().path().startsWith(API_PREFIX)) {
          ctx.next();
          return;
        }
        // Form bodies are read as plain bytes: FormDataExtractor decodes them itself, while the core's form decoder
        // fails (500) on a GET with a form type and on a field above its internal buffer size (a 1C stock message).
        String type = ctx.request().getHeader("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
          ctx.put(FORM_TYPE, type);
          ctx.request().headers().set("Content-Type", "application/octet-stream");
        }
        body.handle(ctx);
      });
      builder.rootHandler(ctx -> {
        String type = ctx.get(FORM_TYPE);
        if (type != null) ctx.request().headers().set("Content-Type", type);
        ctx.next();
      });
      builder.rootHandler(ctx -> {
        if (ctx.request().path().startsWith(API_PREFIX)) auth.handle(ctx); else ctx.next();
      });
      for (OpenAPIRoute route : builder.getRoutes()) {
        // tokens are checked by the root handler above (constant time, both headers); the contract documents them
        route.setDoSecurity(false);
        String operationId = route.getOperation().getOperationId();
        Handler<RoutingContext> handler = operations.containsKey(operationId) ? operations.get(operationId)
            // a streamed operation is answered by its own route ahead of this one
            : streamed.containsKey(operationId) ? ctx -> ctx.fail(500) : null;
        route.addHandler(handler != null ? handler : ctx -> ctx.fail(ApiError.unavailable(
            "operation " + route.getOperation().getOperationId() + " is not available in this service")));
        route.addFailureHandler(ApiResponses::failure);
      }
      Router router = builder.createRouter();
      streamed.forEach((operationId, handler) -> {
        Operation op = contract.operation(operationId);
        if (op == null) throw new IllegalArgumentException("no operation " + operationId + " in " + CONTRACT);
        router.route(op.getHttpMethod(), op.getOpenAPIPath().replaceAll("\\{([^}]+)}", ":$1")).order(STREAMED_ORDER)
            .handler(ctx -> {
              ctx.request().pause();
              ctx.next();
            })
            .handler(auth)
            .handler(handler)
            .failureHandler(ctx -> {
              // the body was not (fully) read: close the connection after the answer instead of draining it
              if (!ctx.request().isEnded()) {
                var connection = ctx.request().connection();
                ctx.response().putHeader("Connection", "close");
                ctx.addEndHandler(v -> connection.close());
              }
              ApiResponses.failure(ctx);
            });
      });
      router.route(API_PREFIX + "*").last().handler(ctx -> ctx.fail(404));
      router.route(API_PREFIX + "*").failureHandler(ApiResponses::failure);
      return router;
    });
  }

  /** operationIds of the contract, for the contract-vs-implementation test. */
  public static Future<Set<String>> contractOperations(Vertx vertx) {
    return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
      Set<String> ids = new TreeSet<>();
      contract.operations().forEach(op -> ids.add(op.getOperationId()));
      return ids;
    });
  }

  /**
   * The classic PHP handler read stock as a form field {@code data} holding the JSON array; the OpenAPI
   * validator only knows JSON bodies, so such a request is validated as the JSON it carries.
   */
  private static final class FormDataExtractor implements RequestExtractor {
    private final RequestExtractor json = RequestExtractor.withBodyHandler();

    @Override
    public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
      String contentType = ctx.request().getHeader("Content-Type");
      boolean form = contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
      if (operation.getRequestBody() == null) return json.extractValidatableRequest(ctx, operation);
      if (!form) {
        // hostile JSON (too many items, too deep, 1e309, NUL) is refused before it is materialised into objects
        try {
          InputScreen.body(ctx.body().buffer());
        } catch (ApiError e) {
          return Future.failedFuture(e);
        }
        return json.extractValidatableRequest(ctx, operation);
      }
      Buffer carried;
      try {
        Buffer raw = ctx.body().buffer();
        String text = raw == null ? "" : raw.toString(StandardCharsets.UTF_8);
        List<String> data;
        try {
          data = new QueryStringDecoder(text, StandardCharsets.UTF_8, false).parameters().get("data");
        } catch (IllegalArgumentException e) {
          throw ApiError.badRequest("the form body has malformed percent-encoding");
        }
        carried = Buffer.buffer(data == null || data.isEmpty() ? "" : data.get(0));
        InputScreen.body(carried);
      } catch (ApiError e) {
        return Future.failedFuture(e);
      }
      return json.extractValidatableRequest(ctx, operation).map(request ->
          new ValidatableRequestImpl(request.getCookies(), request.getHeaders(), request.getPathParameters(),
              request.getQuery(), new RequestParameterImpl(carried), "application/json"));
    }
  }
}
