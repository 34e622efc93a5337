package com.ocbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.StubShopStock;
import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "no input that hurts": hostile bodies, query strings and headers sent to every route, with and without
 * credentials, must never get a 5xx nor leak internals, and the service must keep answering normal requests.
 */
class HostileInputTest {
  @TempDir static Path dataDir;
  static BridgeApp app;
  static WireMockServer shop;
  static ApiClient api;
  static int port;
  static final String EXCHANGE = "/1c/exchange";
  static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
      (TestConfig.USER + ":" + TestConfig.PASSWORD).getBytes(StandardCharsets.UTF_8));

  @BeforeAll
  static void start() throws Exception {
    shop = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new StubShopStock()));
    shop.start();
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + shop.port() + "/")
            .put("apiUsername", "bridge").put("apiKey", "oc-key-123"))
        // the fuzzing sends many unauthenticated requests; the login throttle has tests of its own
        .put("security", new JsonObject().put("loginFailures", 1000));
    app = new BridgeApp(TestConfig.load(config), (vertx, pool, cfg, s) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    port = app.httpPort();
    api = new ApiClient(port, TestConfig.API_TOKEN);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
    if (shop != null) shop.stop();
  }

  record Raw(int status, String head, String body) {}

  /** Sends exact bytes on a fresh connection and reads one answer; status -1 when the server just closed. */
  static Raw raw(byte[] request, boolean halfClose) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (halfClose) socket.shutdownOutput();
      } catch (IOException e) {
        // the server may refuse and close before reading everything; read what it answered
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
          String text = got.toString(StandardCharsets.UTF_8);
          int end = text.indexOf("\r\n\r\n");
          if (end >= 0) {
            String head = text.substring(0, end);
            var m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            if (m.find() && got.size() >= end + 4 + Integer.parseInt(m.group(1))) break;
          }
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer within 30 s");
      } catch (IOException e) {
        // reset after the answer
      }
      String text = got.toString(StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/1.1 ")) return new Raw(-1, text, "");
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      return new Raw(Integer.parseInt(text.substring(9, 12)), head, end < 0 ? "" : text.substring(end + 4));
    }
  }

  static byte[] request(String method, String target, List<String> headers, byte[] body, Integer contentLength) {
    StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    sb.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    for (String h : headers) sb.append(h).append("\r\n");
    int length = contentLength != null ? contentLength : body == null ? -1 : body.length;
    if (length >= 0) sb.append("Content-Length: ").append(length).append("\r\n");
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    if (body == null) return head;
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  static final List<String> FAILURES = new ArrayList<>();

  static void check(String what, Raw answer, boolean closeAllowed) {
    if (answer.status() >= 500 || (answer.status() < 0 && !closeAllowed)) {
      FAILURES.add(what + " -> " + answer.status() + " " + answer.body().substring(0, Math.min(300, answer.body().length())));
    }
    if (answer.status() < 400) return; // /metrics and /openapi.yaml legitimately mention SQL, Java, …
    String body = answer.body().toLowerCase();
    for (String leak : List.of("exception", "sql", "postgres", "java.", "io.vertx", "jackson", "internal error:")) {
      if (body.contains(leak)) FAILURES.add(what + " leaked '" + leak + "': " + answer.body());
    }
  }

  static String sessionCookie(String type) throws IOException {
    Raw r = raw(request("GET", EXCHANGE + "?type=" + type + "&mode=checkauth", List.of("Authorization: " + BASIC), null, null), false);
    String[] lines = r.body().split("\n");
    assertEquals("success", lines[0], r.body());
    return "Cookie: " + lines[1] + "=" + lines[2];
  }

  static String deep(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void everyRouteSurvivesHostileInput() throws Exception {
    FAILURES.clear();
    List<String[]> api = List.of(
        new String[] {"POST", "/api/v1/stock"}, new String[] {"GET", "/api/v1/orders"},
        new String[] {"POST", "/api/v1/orders/1/status"}, new String[] {"GET", "/api/v1/exchanges"},
        new String[] {"GET", "/api/v1/exchanges/0123abcd"}, new String[] {"GET", "/api/v1/outbox"},
        new String[] {"POST", "/api/v1/outbox/1/retry"}, new String[] {"GET", "/health"},
        new String[] {"GET", "/metrics"}, new String[] {"GET", "/openapi.yaml"},
        new String[] {"GET", "/api/v1/nothing"});
    List<String> bodies = List.of("{\"items\":[{\"sku\":\"A\"", "{\"items\":\"x\"}", "[{\"sku\":1e309,\"qty\":1e309}]",
        "[{\"sku\":\"A\",\"qty\":1e309}]", "{\"status\":1e309,\"comment\":\"x\\u0000y\"}",
        "[{\"sku\":\"A\\u0000B\",\"qty\":1}]", "{\"messageId\":\"\\u0001\",\"items\":[{\"sku\":\"A\",\"qty\":1}]}",
        deep(5000), "{\"a\":" + deep(100) + "}", "\"just text\"", "null", "", "[1,2,3]", "{\"items\":[[[]]]}",
        "[{\"sku\":\"A\",\"qty\":" + "9".repeat(2000) + "}]", "[{\"sku\":{\"x\":1},\"qty\":[1]}]",
        "{\"status\":[],\"comment\":{}}", "\u00ff\u00fe");
    List<String> queries = List.of("?%zz", "?from=%zz", "?limit=%", "?limit=%zz", "?since=%e0%80",
        "?x=%00", "?status=pending%00", "?limit=" + "9".repeat(3000), "?from=" + "a".repeat(3000), "?&&==&");
    List<List<String>> auths = List.of(List.of(), List.of("Authorization: Bearer " + TestConfig.API_TOKEN));
    check("wrong token", raw(request("GET", "/api/v1/exchanges?limit=%zz", List.of("X-Api-Token: wrong"), null, null), false), false);
    Raw health = raw(request("GET", "/health", List.of(), null, null), false);
    for (String[] route : api) {
      for (List<String> auth : auths) {
        for (String body : bodies) {
          for (String type : List.of("application/json", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=bogus")) {
            String sent = type.startsWith("application/x-www") ? "data=" + body.replace("%", "%25").replace("&", "%26") : body;
            List<String> headers = new ArrayList<>(auth);
            headers.add("Content-Type: " + type);
            Raw r = raw(request(route[0], route[1], headers, sent.getBytes(StandardCharsets.UTF_8), null), false);
            if (route[1].equals("/health") && r.status() == health.status()) continue;
            check(route[0] + " " + route[1] + " " + auth + " " + type + " body=" + abbreviate(body), r, false);
          }
        }
        for (String q : queries) {
          Raw r = raw(request(route[0], route[1] + q, auth, null, null), false);
          if (route[1].equals("/health") && r.status() == health.status()) continue;
          check(route[0] + " " + route[1] + abbreviate(q) + " " + auth, r, false);
        }
        oddHeaders(route[0], route[1], auth);
      }
    }
    exchange();
    check("exchange bad basic", raw(request("GET", EXCHANGE + "?type=catalog&mode=checkauth", List.of("Authorization: Basic %%%%"), null, null), false), false);
    assertTrue(FAILURES.isEmpty(), FAILURES.size() + " failures:\n" + String.join("\n", FAILURES.subList(0, Math.min(40, FAILURES.size()))));
    stillHealthy();
  }

  private void oddHeaders(String method, String path, List<String> auth) throws IOException {
    String what = method + " " + path + " " + auth;
    List<String> big = new ArrayList<>(auth);
    big.add("X-Big: " + "x".repeat(20_000));
    check(what + " 20KB header", raw(request(method, path, big, null, null), false), false);
    List<String> json = new ArrayList<>(auth);
    json.add("Content-Type: application/json");
    // a Content-Length that promises more than is sent: the server waits, then sees the end of the stream
    check(what + " length too long", raw(request(method, path, json, "[{\"sku\":\"A\"".getBytes(StandardCharsets.UTF_8), 500), true), true);
    // one that promises less: the rest is read as the next (garbage) request
    check(what + " length too short", raw(request(method, path, json, "[{\"sku\":\"A\",\"qty\":1}] GARBAGE".getBytes(StandardCharsets.UTF_8), 3), false), false);
    List<String> bad = new ArrayList<>(auth);
    bad.add("Content-Type: ;;;=");
    check(what + " bad content type", raw(request(method, path, bad, "[]".getBytes(StandardCharsets.UTF_8), null), false), false);
    List<String> nonsense = new ArrayList<>(auth);
    nonsense.add("Content-Length: abc");
    check(what + " non-numeric length", raw(request(method, path, nonsense, null, null), false), true);
  }

  private void exchange() throws IOException {
    List<String> modes = List.of("checkauth", "init", "file", "import", "deactivate", "complete", "query", "success", "info", "nonsense");
    for (String type : List.of("catalog", "sale", "%zz", "")) {
      for (String mode : modes) {
        List<List<String>> auths = new ArrayList<>();
        auths.add(List.of());
        auths.add(List.of("Authorization: " + BASIC));
        if (!type.startsWith("%") && !type.isEmpty()) auths.add(List.of(sessionCookie(type)));
        for (List<String> auth : auths) {
          for (String q : List.of("", "&filename=import.xml", "&filename=%zz", "&filename=..%2F..%2Fetc%2Fpasswd",
              "&filename=a%00.xml", "&sessid=%", "&filename=" + "a".repeat(3000), "&version=%zz")) {
            String target = EXCHANGE + "?type=" + type + "&mode=" + mode + q;
            String what = "exchange " + abbreviate(target) + " " + auth;
            Raw r = raw(request("POST", target, auth, "<?xml version=\"1.0\"?><КоммерческаяИнформация".getBytes(StandardCharsets.UTF_8), null), false);
            check(what, r, false);
          }
          Raw m = raw(request("GET", EXCHANGE + "?type=catalog&mode=%zz", auth, null, null), false);
          check("exchange mode=%zz", m, false);
          if (!m.body().startsWith("failure")) FAILURES.add("exchange mode=%zz did not answer failure: " + m.body());
        }
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + ")" : s;
  }

  private void stillHealthy() throws Exception {
    assertEquals(200, api.get("/api/v1/exchanges").status());
    assertEquals(200, api.get("/openapi.yaml").status());
  }

  @Test
  void malformedQueriesAre400InTheEnvelope() throws Exception {
    for (String target : List.of("/api/v1/orders?from=%zz", "/api/v1/exchanges?limit=%zz", "/api/v1/outbox?status=%", "/api/v1/exchanges?x=%00")) {
      Raw r = raw(request("GET", target, List.of("Authorization: Bearer " + TestConfig.API_TOKEN), null, null), false);
      assertEquals(400, r.status(), target + " " + r.body());
      assertEquals("bad_request", new JsonObject(r.body()).getJsonObject("error").getString("code"), r.body());
    }
    Raw ex = raw(request("GET", EXCHANGE + "?type=catalog&mode=%zz", List.of("Authorization: " + BASIC), null, null), false);
    assertEquals(400, ex.status(), ex.body());
    assertTrue(ex.body().startsWith("failure\n"), ex.body());
    stillHealthy();
  }

  @Test
  void stockFieldsAreRefusedByName() throws Exception {
    Map<String, String> cases = Map.of(
        "[{\"sku\":\"A\",\"qty\":1e309}]", "[0].qty",
        "[{\"sku\":\"A\\u0000B\",\"qty\":1}]", "[0].sku",
        "[{\"sku\":\"A\",\"qty\":1000000001}]", "items[0].qty",
        "[{\"sku\":\"A\",\"qty\":\"5\"},{\"sku\":\"B\",\"price\":\"1e13\"}]", "items[1].price",
        "{\"items\":[{\"sku\":\"A\",\"price\":1.23456}]}", "items[0].price",
        "{\"messageId\":\"m\\u0007\",\"items\":[{\"sku\":\"A\",\"qty\":1}]}", "messageId");
    for (var c : cases.entrySet()) {
      ApiClient.Answer a = api.postJson("/api/v1/stock", c.getKey());
      assertEquals(400, a.status(), c.getKey() + " " + a.body());
      JsonObject error = a.json().getJsonObject("error");
      assertTrue(error.getString("message").contains(c.getValue()), c.getKey() + " " + a.body());
      assertTrue(error.getJsonObject("details").getJsonObject("fields").containsKey(c.getValue()), a.body());
    }
    stillHealthy();
  }

  @Test
  void aMillionStockLinesAreRefusedQuickly() throws Exception {
    StringBuilder sb = new StringBuilder(32 * 1024 * 1024).append('[');
    for (int i = 0; i < 1_000_000; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"sku\":\"ART-").append(String.format("%07d", i)).append("\",\"qty\":15}");
    }
    String body = sb.append(']').toString();
    assertTrue(body.length() > 30_000_000 && body.length() < ApiRouter.BODY_LIMIT, "size " + body.length());
    long t0 = System.nanoTime();
    ApiClient.Answer a = api.send(api.builder("/api/v1/stock").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(a.status() == 413 || a.status() == 400, a.status() + " " + a.body());
    assertEquals("payload_too_large", a.errorCode(), a.body());
    assertTrue(ms < 20_000, "took " + ms + " ms");
    body = null;
    sb = null;
    ApiClient.Answer normal = api.postJson("/api/v1/stock", "[{\"sku\":\"ART-001\",\"qty\":15}]");
    assertTrue(normal.status() < 500, normal.status() + " " + normal.body());
    stillHealthy();
  }

  @Test
  void aClientThatTricklesHeadersIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      boolean closed = false;
      int line = 0;
      while (!closed && System.nanoTime() - t0 < 30_000_000_000L) {
        try {
          out.write(("X-Slow-" + line++ + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          closed = true;
          break;
        }
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) {
          try {
            if (in.read() < 0) {
              closed = true;
              break;
            }
          } catch (SocketTimeoutException e) {
            // nothing yet
          } catch (IOException e) {
            closed = true;
            break;
          }
        }
      }
      long s = (System.nanoTime() - t0) / 1_000_000_000L;
      assertTrue(closed, "still open after " + s + " s");
      assertTrue(s <= 15, "closed only after " + s + " s");
    }
    stillHealthy();
  }
}
