package com.ocbridge.api;

import com.ocbridge.console.ConsoleSession;
import com.ocbridge.exchange.BasicAuth;
import com.ocbridge.security.LoginThrottle;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code Authorization: Bearer <token>} or {@code X-Api-Token: <token>}, any of {@code api.tokens}, compared in
 * constant time (every configured token is compared, so timing does not tell which one nearly matched).
 * A request of the operator console (its logged-in session plus its header) is accepted too.
 * Unknown tokens are throttled per client address by the service's {@link LoginThrottle}: each failure delays the
 * next answer for that address, and too many lock it out with 429 {@code too_many_requests} and Retry-After.
 */
final class ApiAuth implements Handler<RoutingContext> {
  private final List<String> tokens;
  private final LoginThrottle throttle;

  ApiAuth(List<String> tokens, LoginThrottle throttle) {
    this.tokens = tokens;
    this.throttle = throttle;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ConsoleSession.operator(ctx) != null) {
      ctx.next(); // an operator logged into the console (its session and its header), see ConsoleRoutes
      return;
    }
    String remote = throttle.address(ctx.request());
    String given = token(ctx);
    throttle.admit(ctx.vertx(), LoginThrottle.Kind.API, remote, null).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isPresent()) {
        long seconds = ar.result().get().retryAfterSeconds();
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        ctx.fail(new ApiError(429, "too_many_requests", "too many failed API logins from " + remote
            + ", retry in " + seconds + " s", new JsonObject().put("retryAfterSeconds", seconds)));
      } else if (accepted(given)) {
        throttle.success(LoginThrottle.Kind.API, remote, null);
        ctx.next();
      } else {
        // a missing token is not a guess (and clients often try without one first): refused, not counted
        if (given != null && !given.isEmpty()) throttle.failure(LoginThrottle.Kind.API, remote, null, "unknown-token");
        ctx.fail(401);
      }
    });
  }

  boolean accepted(String given) {
    if (given == null || given.isEmpty()) return false;
    boolean ok = false;
    for (String t : tokens) {
      ok |= BasicAuth.constantTimeEquals(given, t);
    }
    return ok;
  }

  private static String token(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
    return ctx.request().getHeader("X-Api-Token");
  }
}
