package com.ocbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's own login over a real socket: a session cookie that is HttpOnly and SameSite=Strict, API calls
 * accepted with that session only together with the console's header, a fresh session id at login, logout ending
 * the session, throttled wrong passwords, the security headers, and a console that is off without a user name.
 */
class ConsoleAuthTest {
  static final String USER = "operator";
  static final String PASSWORD = "operator-pass-123";
  @TempDir Path dataDir;
  private BridgeApp app;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private String start(boolean consoleOn) throws Exception {
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir);
    if (consoleOn) config.put("console", new JsonObject().put("username", USER).put("password", PASSWORD));
    config.put("security", new JsonObject().put("loginFailures", 3));
    app = new BridgeApp(TestConfig.load(config), (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + app.httpPort();
  }

  @AfterEach
  void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> login(String base, String user, String password, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/console/session"))
        .header("Content-Type", "application/json").header(ConsoleSession.HEADER, "1")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", password).encode()));
    if (cookie != null) b.header("Cookie", cookie);
    return send(b);
  }

  private static String cookieOf(HttpResponse<String> r) {
    return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(ConsoleSession.COOKIE + "="))
        .findFirst().orElse(null);
  }

  private HttpResponse<String> api(String base, String path, String cookie, boolean header) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET();
    if (header) b.header(ConsoleSession.HEADER, "1");
    return send(b);
  }

  @Test
  void theSessionOpensTheApiOnlyWithTheConsoleHeader() throws Exception {
    String base = start(true);
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/console/")).GET());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("js/main.js"), page.body());
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
    assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/console/session")).GET()).statusCode());

    // a cookie planted before the login (fixation) is not the one that ends up logged in
    HttpResponse<String> ok = login(base, USER, PASSWORD, null);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(USER, new JsonObject(ok.body()).getString("operator"));
    String setCookie = cookieOf(ok);
    assertNotNull(setCookie, "a session cookie: " + ok.headers().map());
    String lower = setCookie.toLowerCase();
    assertTrue(lower.contains("httponly") && lower.contains("samesite=strict"), setCookie);
    String cookie = setCookie.split(";", 2)[0];

    assertEquals(200, api(base, "/api/v1/exchanges", cookie, true).statusCode());
    // a cross-site form or link carries the cookie but cannot add the header: refused
    assertEquals(401, api(base, "/api/v1/exchanges", cookie, false).statusCode());
    assertEquals(401, api(base, "/api/v1/exchanges", "ocbridge.console=forged", true).statusCode());

    HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(base + "/console/session"))
        .header("Cookie", cookie).header(ConsoleSession.HEADER, "1").DELETE());
    assertEquals(204, out.statusCode());
    assertEquals(401, api(base, "/api/v1/exchanges", cookie, true).statusCode(), "logged out");
  }

  @Test
  void wrongPasswordsAreRefusedThenLockedOut() throws Exception {
    String base = start(true);
    HttpResponse<String> wrong = login(base, USER, "not-the-password", null);
    assertEquals(401, wrong.statusCode());
    assertEquals("wrong_credentials", new JsonObject(wrong.body()).getJsonObject("error").getString("code"));
    assertEquals(null, cookieOf(wrong) == null ? null : "cookie", "no session for a failed login");
    login(base, USER, "wrong-2", null);
    login(base, USER, "wrong-3", null);
    HttpResponse<String> locked = login(base, USER, PASSWORD, null);
    assertEquals(429, locked.statusCode(), "locked even with the right password: " + locked.body());
    assertTrue(locked.headers().firstValue("Retry-After").isPresent());
    assertEquals(400, send(HttpRequest.newBuilder(URI.create(base + "/console/session"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[1,2"))).statusCode());
  }

  @Test
  void withoutAUserNameTheConsoleIsOffAndSaysHowToTurnItOn() throws Exception {
    String base = start(false);
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/console/")).GET());
    assertEquals(503, page.statusCode());
    assertTrue(page.body().contains("console.username") && page.body().contains("выключена"), page.body());
    HttpResponse<String> login = login(base, "", "", null);
    assertEquals(503, login.statusCode(), "no login to guess at");
  }
}
