package com.ocbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins over a real socket: wrong exchange passwords and API tokens are delayed, then locked out (429, even
 * for the right secret) until the lock expires; the log names the login and the address, never the secret.
 */
class LoginLockoutTest {
  private static final int FAILURES = 3;
  private static final int LOCKOUT_SECONDS = 2;
  private static final String WRONG_PASSWORD = "wrong-pass-\u043f\u0430\u0440\u043e\u043b\u044c-42";
  private static final String WRONG_TOKEN = "not-the-token-987654";

  @TempDir static Path dataDir;
  static BridgeApp app;
  static String base;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("security", new JsonObject().put("loginFailures", FAILURES).put("lockoutSeconds", LOCKOUT_SECONDS));
    app = new BridgeApp(TestConfig.load(json), (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + app.httpPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
  }

  @Test
  void wrongExchangePasswordsLockTheAddressUntilTheLockExpires() throws Exception {
    String log = captured(() -> {
      long started = System.nanoTime();
      for (int i = 0; i < FAILURES; i++) {
        HttpResponse<byte[]> wrong = checkauth(TestConfig.USER, WRONG_PASSWORD);
        assertEquals(401, wrong.statusCode(), text(wrong));
        assertTrue(text(wrong).startsWith("failure\n"), text(wrong));
      }
      // delays of 0 + 0.25 + 0.5 s before the three answers
      assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(700), "failures were not slowed down");
      HttpResponse<byte[]> locked = checkauth(TestConfig.USER, TestConfig.PASSWORD);
      assertEquals(429, locked.statusCode(), text(locked));
      String[] lines = text(locked).split("\n");
      assertEquals("failure", lines[0]);
      assertTrue(lines[1].startsWith("Слишком много неудачных попыток входа с адреса 127.0.0.1, повторите через "),
          lines[1]);
      assertTrue(lines[1].endsWith(" с"), lines[1]);
      long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= LOCKOUT_SECONDS, "Retry-After " + retryAfter);
    });
    assertTrue(log.contains("event=auth.failure kind=exchange login=\"" + TestConfig.USER + "\" remote=127.0.0.1"), log);
    assertTrue(log.contains("event=auth.lockout kind=exchange subject=address login=\"" + TestConfig.USER
        + "\" remote=127.0.0.1"), log);
    assertTrue(log.contains("event=auth.lockout kind=exchange subject=login"), log);
    assertTrue(log.contains("event=auth.refused.locked kind=exchange"), log);
    assertFalse(log.contains(WRONG_PASSWORD), "a password was logged");
    assertFalse(log.contains(TestConfig.PASSWORD), "a password was logged");

    Thread.sleep(LOCKOUT_SECONDS * 1000L + 300);
    HttpResponse<byte[]> right = checkauth(TestConfig.USER, TestConfig.PASSWORD);
    assertEquals(200, right.statusCode(), text(right));
    assertTrue(text(right).startsWith("success\n"), text(right));
    // the success reset the counters: the next failure is the first again and answers without delay
    long t0 = System.nanoTime();
    assertEquals(401, checkauth(TestConfig.USER, WRONG_PASSWORD).statusCode());
    assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(240), "the counters were not reset");
    assertEquals(200, checkauth(TestConfig.USER, TestConfig.PASSWORD).statusCode());

    String metrics = get("/metrics", null).body();
    assertTrue(counter(metrics, "ocbridge_auth_failures_total", "exchange") >= FAILURES + 1, metrics);
    assertTrue(counter(metrics, "ocbridge_auth_lockouts_total", "exchange") >= 1, metrics);
  }

  @Test
  void wrongApiTokensLockTheAddressUntilTheLockExpires() throws Exception {
    String log = captured(() -> {
      for (int i = 0; i < FAILURES; i++) {
        HttpResponse<String> wrong = get("/api/v1/exchanges", WRONG_TOKEN);
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("unauthorized", new JsonObject(wrong.body()).getJsonObject("error").getString("code"));
      }
      HttpResponse<String> locked = get("/api/v1/exchanges", TestConfig.API_TOKEN);
      assertEquals(429, locked.statusCode(), locked.body());
      assertEquals("too_many_requests", new JsonObject(locked.body()).getJsonObject("error").getString("code"));
      long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= LOCKOUT_SECONDS, "Retry-After " + retryAfter);
    });
    assertTrue(log.contains("event=auth.failure kind=api login=- remote=127.0.0.1 reason=unknown-token"), log);
    assertTrue(log.contains("event=auth.lockout kind=api subject=address login=- remote=127.0.0.1"), log);
    assertFalse(log.contains(WRONG_TOKEN), "a token was logged");
    assertFalse(log.contains(TestConfig.API_TOKEN), "a token was logged");

    Thread.sleep(LOCKOUT_SECONDS * 1000L + 300);
    assertEquals(200, get("/api/v1/exchanges", TestConfig.API_TOKEN).statusCode());

    String metrics = get("/metrics", null).body();
    assertTrue(counter(metrics, "ocbridge_auth_failures_total", "api") >= FAILURES, metrics);
    assertTrue(counter(metrics, "ocbridge_auth_lockouts_total", "api") >= 1, metrics);
  }

  // ---- helpers ----

  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} with System.out (where slf4j-simple writes) teed into a buffer; returns what was logged. */
  private static String captured(Body body) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (copy) { copy.write(b); }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        synchronized (copy) { copy.write(b, off, len); }
      }
    };
    System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    try {
      body.run();
      Thread.sleep(100); // let the event loop finish its log lines
    } finally {
      System.setOut(original);
    }
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<byte[]> checkauth(String user, String password) throws Exception {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/1c/exchange?type=catalog&mode=checkauth"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String text(HttpResponse<byte[]> response) {
    String ct = response.headers().firstValue("Content-Type").orElse("");
    Matcher m = Pattern.compile("charset=([^;\\s]+)").matcher(ct);
    Charset cs = m.find() ? Charset.forName(m.group(1)) : StandardCharsets.UTF_8;
    return new String(response.body(), cs);
  }

  private static double counter(String metrics, String name, String kind) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*kind=\"" + kind + "\"[^}]*\\} (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
