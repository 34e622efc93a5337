package com.ocbridge.console;

import com.ocbridge.api.ApiResponses;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.security.LoginThrottle;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * The operator console: a static page (HTML, CSS and plain JavaScript from {@code src/main/resources/console}, no
 * build step) over the service's own {@code /api/v1} — every action it offers is an operation of the contract — with
 * its own login ({@code console.username}/{@code console.password}) held in a server-side session.
 *
 * <p>Sessions live in memory: a restart logs operators out, which is the safe side. The session handler runs for
 * {@code /console/*} and {@code /api/*} only and is lazy, so API clients with tokens never get a cookie.
 */
public final class ConsoleRoutes {
  public static final String PATH = "/console";
  private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

  private ConsoleRoutes() {}

  /** Mounts the console before every other route of {@code router}. */
  public static void mount(Vertx vertx, Router router, BridgeConfig.Console settings, LoginThrottle throttle) {
    SessionHandler sessions = SessionHandler.create(LocalSessionStore.create(vertx))
        .setSessionCookieName(ConsoleSession.COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setSessionTimeout(settings.sessionMinutes() * 60_000L)
        .setLazySession(true);
    int order = Integer.MIN_VALUE + 1; // after the connection bookkeeping, before the contract's routes
    // failures answer in the API's envelope and are logged once, as refusals (a client gone, a form field over the
    // limit), never as "Unhandled exception in router" stack traces a client could flood the log with
    router.route(PATH + "/*").order(order).handler(ConsoleRoutes::secureHeaders).failureHandler(ApiResponses::failure);
    router.route(PATH + "/*").order(order + 1).handler(sessions);
    // only a request that carries the console's cookie needs its session loaded; the request is paused while the
    // session is looked up, so no chunk of a streamed upload (POST /api/v1/imports) arrives before its route reads it
    router.route("/api/*").order(order + 1).handler(ctx -> {
      if (ctx.request().getCookie(ConsoleSession.COOKIE) == null) {
        ctx.next();
        return;
      }
      ctx.request().pause();
      sessions.handle(ctx);
    }).handler(ctx -> {
      ctx.request().resume(); // the next route (a body handler, or a streamed route that pauses again) takes it on
      ctx.next();
    });
    router.get(PATH).order(order + 2).handler(ctx -> {
      // Vert.x matches "/console" for "/console/" too: only the bare path is sent on to the page
      if (ctx.request().path().equals(PATH)) ctx.redirect(PATH + "/"); else ctx.next();
    });
    if (!settings.enabled()) {
      // off: one page that says how to turn it on, nothing else (no login to guess at)
      router.route(PATH + "/*").order(order + 2).handler(ctx -> ctx.response().setStatusCode(503)
          .putHeader("Content-Type", "text/html; charset=utf-8").end(OFF_PAGE));
      return;
    }
    OperatorLogin login = new OperatorLogin(settings, throttle);
    BodyHandler smallBody = BodyHandler.create(false).setBodyLimit(8 * 1024);
    router.post(PATH + "/session").order(order + 2).handler(smallBody).handler(login::login);
    router.delete(PATH + "/session").order(order + 2).handler(login::logout);
    router.get(PATH + "/session").order(order + 2).handler(login::whoAmI);
    router.get(PATH + "/*").order(order + 3).handler(StaticHandler.create("console")
        .setIndexPage("index.html").setDefaultContentEncoding("UTF-8").setCachingEnabled(false));
  }

  private static void secureHeaders(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.putHeader("Content-Security-Policy", SECURITY_POLICY)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-store");
    ctx.next();
  }

  private static final String OFF_PAGE = "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>OCBridge</title>"
      + "<h1>Консоль оператора выключена</h1><p>Чтобы включить её, задайте <code>console.username</code> и"
      + " <code>console.password</code> (не короче 12 символов) в config.json или в переменных окружения"
      + " BRIDGE_CONSOLE_USERNAME и BRIDGE_CONSOLE_PASSWORD и перезапустите службу.</p>"
      + "<p lang=\"en\">The operator console is off: set console.username and console.password (12 characters or"
      + " more) and restart the service.</p></html>";
}
