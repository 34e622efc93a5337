package com.ocbridge.console;

import com.ocbridge.api.ApiError;
import com.ocbridge.api.ApiResponses;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.exchange.BasicAuth;
import com.ocbridge.security.LoginThrottle;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's login, logout and "who am I". Credentials are {@code console.username} / {@code console.password},
 * compared in constant time; failures are throttled and locked out per address like every other login of the
 * service. A successful login gets a fresh session id (no session fixation). Answers are JSON with a stable
 * {@code code} the page translates; the logs name the login and address, never the password.
 */
final class OperatorLogin {
  private static final Logger log = LoggerFactory.getLogger(OperatorLogin.class);
  private final BridgeConfig.Console settings;
  private final LoginThrottle throttle;

  OperatorLogin(BridgeConfig.Console settings, LoginThrottle throttle) {
    this.settings = settings;
    this.throttle = throttle;
  }

  void login(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null || !(body.getValue("username") instanceof String user) || !(body.getValue("password") instanceof String pass)) {
      answer(ctx, 400, "bad_request", "username and password are required (JSON)");
      return;
    }
    String address = throttle.address(ctx.request());
    throttle.admit(ctx.vertx(), LoginThrottle.Kind.CONSOLE, address, user).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isPresent()) {
        long seconds = ar.result().get().retryAfterSeconds();
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        answer(ctx, 429, "too_many_requests", "too many failed logins; retry in " + seconds + " s",
            new JsonObject().put("retryAfterSeconds", seconds));
      } else if (BasicAuth.constantTimeEquals(user, settings.username())
          & BasicAuth.constantTimeEquals(pass, settings.password())) {
        throttle.success(LoginThrottle.Kind.CONSOLE, address, user);
        Session session = ctx.session();
        session.regenerateId();
        session.put(ConsoleSession.OPERATOR, user);
        log.info("event=console.login user=\"{}\" remote={}", LoginThrottle.printable(user), address);
        ApiResponses.json(ctx.response(), 200, new JsonObject().put("operator", user));
      } else {
        throttle.failure(LoginThrottle.Kind.CONSOLE, address, user, "wrong-credentials");
        answer(ctx, 401, "wrong_credentials", "wrong user name or password");
      }
    });
  }

  void logout(RoutingContext ctx) {
    Session session = ctx.session();
    String user = session == null ? null : session.get(ConsoleSession.OPERATOR);
    if (session != null) session.destroy();
    if (user != null) log.info("event=console.logout user=\"{}\"", LoginThrottle.printable(user));
    ctx.response().setStatusCode(204).end();
  }

  /** 200 with the operator's name while the session is logged in; 401 otherwise (the page then shows the login). */
  void whoAmI(RoutingContext ctx) {
    String user = ConsoleSession.operator(ctx);
    if (user == null) {
      answer(ctx, 401, "unauthorized", "not logged in");
    } else {
      ApiResponses.json(ctx.response(), 200, new JsonObject().put("operator", user));
    }
  }

  private static void answer(RoutingContext ctx, int status, String code, String message) {
    answer(ctx, status, code, message, new JsonObject());
  }

  private static void answer(RoutingContext ctx, int status, String code, String message, JsonObject details) {
    ApiResponses.json(ctx.response(), status, ApiError.envelope(code, message, details));
  }
}
