package com.ocbridge.console;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

/**
 * What makes a request the console's: a session an operator logged into, and the console's own header. The header
 * is the second lock against cross-site requests (the cookie is already SameSite=Strict): a page on another site can
 * send a cookie with a plain form post, but not a custom header without a CORS preflight, which this service never
 * grants.
 */
public final class ConsoleSession {
  /** The session cookie's name. */
  public static final String COOKIE = "ocbridge.console";
  /** Sent by the console's script with every API call; its value is ignored. */
  public static final String HEADER = "X-OCBridge-Console";
  static final String OPERATOR = "operator";

  private ConsoleSession() {}

  /** The operator's name when {@code ctx} carries a logged-in console session and the console's header, else null. */
  public static String operator(RoutingContext ctx) {
    if (ctx.request().getHeader(HEADER) == null) return null;
    Session session = ctx.session();
    if (session == null || session.isDestroyed()) return null;
    return session.get(OPERATOR);
  }
}
