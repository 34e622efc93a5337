package com.ocbridge.api;

import com.ocbridge.exchange.BasicAuth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code Authorization: Bearer <token>} or {@code X-Api-Token: <token>}, any of {@code api.tokens}, compared in
 * constant time (every configured token is compared, so timing does not tell which one nearly matched).
 */
final class ApiAuth implements Handler<RoutingContext> {
  private final List<String> tokens;

  ApiAuth(List<String> tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (accepted(token(ctx))) {
      ctx.next();
    } else {
      ctx.fail(401);
    }
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
