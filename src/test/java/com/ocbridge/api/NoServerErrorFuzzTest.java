package com.ocbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.console.ConsoleSession;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "every 500 is a bug": the whole service (the shop's URL pointing at a closed port) gets malformed
 * bodies, parameters and headers on every endpoint: every path and method of openapi/*.yaml, the 1C exchange with
 * every type and mode, the console, /health*, /metrics; with and without credentials. A seeded Random picks the
 * combinations, so a run is repeatable. No answer may be a 5xx, and none may carry a Java class name or SQL text.
 */
class NoServerErrorFuzzTest {
  /** -Docbridge.fuzzSeed=… tries other combinations; a failure names the seed that found it. */
  static final long SEED = Long.getLong("ocbridge.fuzzSeed", 16);
  static final String EXCHANGE = "/1c/exchange";
  static final String CONSOLE_USER = "operator";
  static final String CONSOLE_PASSWORD = "fuzz-console-pass-16";
  /** What may be in a 200 body by design: the metrics and the contract name Java and SQL things. */
  static final Set<String> DOCUMENTS = Set.of("/metrics", "/openapi.yaml");
  static final List<String> LEAKS = List.of("exception", "sqlstate", "java.", "io.vertx", "io.netty", "jackson",
      "org.postgresql", "syntax error at", "relation \"", "heap space", "internal error:", "stacktrace");

  @TempDir static Path dataDir;
  static BridgeApp app;
  static RawHttp http;
  static final Random random = new Random(SEED);
  static final List<String> failures = new ArrayList<>();
  static int sent;
  static final java.util.SortedMap<Integer, Integer> statuses = new java.util.TreeMap<>();
  static int sourceHost;

  @BeforeAll
  static void start() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + closedPort + "/")
            .put("apiUsername", "bridge").put("apiKey", "oc-key-123"))
        .put("console", new JsonObject().put("username", CONSOLE_USER).put("password", CONSOLE_PASSWORD))
        .put("security", new JsonObject().put("loginFailures", 1000).put("windowSeconds", 1).put("lockoutSeconds", 1));
    app = new BridgeApp(TestConfig.load(config), (vertx, pool, cfg, s) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    http = new RawHttp(app.httpPort());
  }

  @AfterAll
  static void stop() {
    if (app != null) app.stop(Duration.ofSeconds(30));
  }

  record Endpoint(String method, String path) {}

  record Auth(String name, List<String> headers) {}

  @Test
  void noEndpointAnswersAServerErrorToMalformedInput() throws Exception {
    // an input that is answered 4xx but logs an ERROR (a stack trace per request) is a bug as well: it floods the log
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      fuzz();
    } finally {
      root.detachAppender(logged);
    }
    List<String> errors = logged.list.stream()
        .filter(ev -> ev.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
        .map(ev -> ev.getLoggerName() + ": " + ev.getFormattedMessage()
            + (ev.getThrowableProxy() == null ? "" : " " + ev.getThrowableProxy().getClassName() + ": "
                + ev.getThrowableProxy().getMessage()))
        .distinct().toList();
    assertEquals(List.of(), errors.subList(0, Math.min(20, errors.size())), "ERROR lines while fuzzing");
  }

  /** Found by the fuzzing: these were answered 4xx, but each logged an "Unhandled exception in router" stack trace. */
  @Test
  void malformedPathsAndOversizedConsoleFormsAreRefusedInTheEnvelope() throws Exception {
    for (String path : List.of("/api/v1/exchanges/%zz", "/console/%zz", "/%zz", "/api/v1/outbox/%", "/1c/exchange%")) {
      RawHttp.Answer a = send("GET", path, List.of("Authorization: Bearer " + TestConfig.API_TOKEN), null);
      assertEquals(400, a.status(), path + " " + a.body());
      assertEquals("bad_request", new JsonObject(a.body()).getJsonObject("error").getString("code"), a.body());
    }
    byte[] form = ("username=" + "a".repeat(20_000) + "&password=x").getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer big = send("POST", "/console/session", List.of("Content-Type: application/x-www-form-urlencoded",
        ConsoleSession.HEADER + ": 1"), form);
    assertEquals(413, big.status(), big.body());
    assertEquals("payload_too_large", new JsonObject(big.body()).getJsonObject("error").getString("code"), big.body());
  }

  private void fuzz() throws Exception {
    List<Auth> auths = auths();
    List<Endpoint> endpoints = endpoints();
    Set<String> queryNames = queryNames();
    List<String> bodies = bodies();
    for (Endpoint e : endpoints) {
      for (Auth auth : auths) {
        check(e, auth, "no body", send(e.method(), fill(e.path(), "1"), auth.headers(), null));
      }
      for (String body : bodies) {
        Auth auth = pickAuth(auths);
        String type = pick(FuzzInputs.CONTENT_TYPES);
        List<String> headers = new ArrayList<>(auth.headers());
        if (type != null) headers.add("Content-Type: " + type);
        byte[] bytes = FuzzInputs.encode(body, type);
        check(e, auth, type + " body=" + FuzzInputs.abbreviate(body), send(e.method(), fill(e.path(), "1"), headers, bytes));
      }
      for (String id : FuzzInputs.PATH_VALUES) {
        if (!e.path().contains("{")) break;
        Auth auth = pickAuth(auths);
        check(e, auth, "path " + FuzzInputs.abbreviate(id), send(e.method(), fill(e.path(), id), auth.headers(), null));
      }
      for (int i = 0; i < 20; i++) {
        String query = "?" + pick(new ArrayList<>(queryNames)) + "=" + pick(FuzzInputs.QUERY_VALUES)
            + (random.nextBoolean() ? "&" + pick(FuzzInputs.QUERY_VALUES) : "");
        Auth auth = pickAuth(auths);
        check(e, auth, "query " + FuzzInputs.abbreviate(query), send(e.method(), fill(e.path(), "1") + query, auth.headers(), null));
      }
      for (List<String> odd : FuzzInputs.oddHeaders()) {
        Auth auth = pickAuth(auths);
        List<String> headers = new ArrayList<>(auth.headers());
        headers.addAll(odd);
        boolean cut = odd.stream().anyMatch(h -> h.startsWith("Content-Length: 5000") || h.contains("chunked"));
        byte[] body = "[{\"sku\":\"A\",\"qty\":1}]".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer a = http.send(RawHttp.request(e.method(), fill(e.path(), "1"), headers, body), cut, nextSource());
        sent++;
        if (a.status() >= 0 || !cut) check(e, auth, "headers " + FuzzInputs.abbreviate(odd.toString()), a);
      }
      String other = pick(List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FROB"));
      Auth auth = pick(auths);
      check(new Endpoint(other, e.path()), auth, "other method", send(other, fill(e.path(), "1"), auth.headers(), null));
    }
    exchange();
    assertTrue(failures.isEmpty(), failures.size() + " failures of " + sent + " requests (seed " + SEED + "):\n"
        + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    assertTrue(sent > 3000, "the fuzzing really ran: " + sent + " requests");
    System.out.println("event=fuzz.done requests=" + sent + " statuses=" + statuses);
    // the inputs reached the handlers, not only the doors: answered, refused by validation, by auth, by route
    for (int status : List.of(200, 400, 401, 404, 414)) {
      assertTrue(statuses.containsKey(status), "some answers were " + status + ": " + statuses);
    }
    RawHttp.Answer healthy = send("GET", "/api/v1/exchanges", List.of("Authorization: Bearer " + TestConfig.API_TOKEN), null);
    assertEquals(200, healthy.status(), "and the service still answers: " + healthy.body());
  }

  /** The 1C door: every type and mode, GET and POST, with and without a session, with hostile parameters. */
  private void exchange() throws Exception {
    String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString(
        (TestConfig.USER + ":" + TestConfig.PASSWORD).getBytes(StandardCharsets.UTF_8));
    List<Auth> auths = new ArrayList<>(List.of(new Auth("none", List.of()), new Auth("basic", List.of(basic)),
        new Auth("wrong basic", List.of("Authorization: Basic " + Base64.getEncoder().encodeToString(
            (TestConfig.USER + ":wrong").getBytes(StandardCharsets.UTF_8)))),
        new Auth("broken basic", List.of("Authorization: Basic %%%")),
        new Auth("forged cookie", List.of("Cookie: ocbridge_sid=" + "f".repeat(32))),
        new Auth("odd cookie", List.of("Cookie: ;;;=%zz; ocbridge_sid"))));
    for (String type : List.of("catalog", "sale")) auths.add(new Auth(type + " cookie", List.of(sessionCookie(type, basic))));
    List<String> modes = List.of("checkauth", "init", "file", "import", "deactivate", "complete", "query", "success",
        "info", "nonsense", "%zz", "");
    for (String type : List.of("catalog", "sale", "pictures", "%zz", "")) {
      for (String mode : modes) {
        for (Auth auth : auths) {
          for (int i = 0; i < 2; i++) {
            String target = EXCHANGE + "?type=" + type + "&mode=" + mode + pick(FuzzInputs.EXCHANGE_PARAMS);
            String method = random.nextBoolean() ? "GET" : "POST";
            byte[] body = method.equals("POST") ? FuzzInputs.encode(pick(bodies()), "application/octet-stream") : null;
            check(new Endpoint(method, EXCHANGE), auth, FuzzInputs.abbreviate(target), send(method, target, auth.headers(), body));
          }
        }
      }
    }
  }

  private static String sessionCookie(String type, String basic) throws IOException {
    RawHttp.Answer r = send("GET", EXCHANGE + "?type=" + type + "&mode=checkauth", List.of(basic), null);
    String[] lines = r.body().split("\n");
    assertEquals("success", lines[0], r.body());
    return "Cookie: " + lines[1] + "=" + lines[2];
  }

  private static List<Auth> auths() throws IOException {
    String login = new JsonObject().put("username", CONSOLE_USER).put("password", CONSOLE_PASSWORD).encode();
    RawHttp.Answer r = send("POST", "/console/session", List.of("Content-Type: application/json",
        ConsoleSession.HEADER + ": 1"), login.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, r.status(), r.head() + r.body());
    Matcher m = Pattern.compile("(?im)^set-cookie:\\s*(" + Pattern.quote(ConsoleSession.COOKIE) + "=[^;\\r\\n]+)").matcher(r.head());
    assertTrue(m.find(), r.head());
    return List.of(new Auth("none", List.of()),
        new Auth("token", List.of("Authorization: Bearer " + TestConfig.API_TOKEN)),
        new Auth("x-api-token", List.of("X-Api-Token: " + TestConfig.API_TOKEN)),
        new Auth("console", List.of("Cookie: " + m.group(1), ConsoleSession.HEADER + ": 1")),
        new Auth("wrong token", List.of("Authorization: Bearer wrong-token-" + random.nextInt(1000))),
        new Auth("huge token", List.of("Authorization: Bearer " + "x".repeat(10_000))),
        new Auth("forged console", List.of("Cookie: " + ConsoleSession.COOKIE + "=%zz;;", ConsoleSession.HEADER + ": 1")),
        new Auth("basic on the api", List.of("Authorization: Basic !!!")));
  }

  /** Every path and method of openapi/*.yaml, and the routes outside the contract. */
  private static List<Endpoint> endpoints() throws IOException {
    Set<Endpoint> all = new LinkedHashSet<>();
    Pattern path = Pattern.compile("^  (/\\S*):\\s*$");
    Pattern method = Pattern.compile("^    (get|post|put|delete|patch|head|options):\\s*$");
    try (var files = Files.list(Path.of("openapi"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String current = null;
        for (String line : Files.readAllLines(file)) {
          Matcher p = path.matcher(line);
          if (p.matches()) current = p.group(1);
          Matcher m = method.matcher(line);
          if (current != null && m.matches()) all.add(new Endpoint(m.group(1).toUpperCase(), current));
          if (line.startsWith("components:")) current = null;
        }
      }
    }
    assertTrue(all.size() >= 17, "the contract's operations were found: " + all);
    for (String p : List.of("/health", "/health/ready", "/health/live", "/metrics", "/openapi.yaml", "/console",
        "/console/", "/console/index.html", "/console/js/main.js", "/console/..%2f..%2fpom.xml", "/console/%zz",
        "/api/v1/nothing", "/%zz", "/")) {
      all.add(new Endpoint("GET", p));
    }
    for (String m : List.of("POST", "GET", "DELETE")) all.add(new Endpoint(m, "/console/session"));
    return new ArrayList<>(all);
  }

  /** Query parameter names the contract knows, and one it does not. */
  private static Set<String> queryNames() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("- name: (\\w+)\\s*\\n\\s*in: query").matcher(Files.readString(Path.of(ApiRouter.CONTRACT)));
    while (m.find()) names.add(m.group(1));
    assertTrue(names.contains("limit"), names.toString());
    names.add("bogus");
    return names;
  }

  /** The fixed hostile bodies and, from the seed, truncated and mutated valid ones. */
  private static List<String> bodies() {
    List<String> bodies = new ArrayList<>(FuzzInputs.FIXED_BODIES);
    for (int i = 0; i < 12; i++) bodies.add(FuzzInputs.mutate(pick(FuzzInputs.VALID_BODIES), random));
    return bodies;
  }

  private static String fill(String template, String value) {
    return template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
  }

  private static RawHttp.Answer send(String method, String target, List<String> headers, byte[] body) throws IOException {
    sent++;
    return http.send(RawHttp.request(method, target, headers, body), false, nextSource());
  }

  /** A new 127.1.x.y for every request: wrong credentials are many here, and the throttle has tests of its own. */
  private static InetAddress nextSource() throws IOException {
    int n = sourceHost++ % 60_000;
    return InetAddress.getByAddress(new byte[] {127, 1, (byte) (n / 250), (byte) (n % 250 + 1)});
  }

  /** Mostly credentials that work (the first four), so that the malformed input reaches the handlers. */
  private static Auth pickAuth(List<Auth> auths) {
    return random.nextInt(10) < 7 ? auths.get(1 + random.nextInt(3)) : pick(auths);
  }

  private static <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static void check(Endpoint e, Auth auth, String what, RawHttp.Answer a) {
    String label = e.method() + " " + e.path() + " [" + auth.name() + "] " + what;
    statuses.merge(a.status(), 1, Integer::sum);
    if (a.status() >= 500 || a.status() < 0) {
      failures.add(label + " -> " + a.status() + " " + FuzzInputs.abbreviate(a.body()));
      return;
    }
    boolean document = a.status() < 300 && (DOCUMENTS.contains(e.path()) || e.path().startsWith("/console/"));
    if (document) return;
    String body = a.body().toLowerCase(java.util.Locale.ROOT);
    for (String leak : LEAKS) {
      if (body.contains(leak)) failures.add(label + " leaked '" + leak + "': " + FuzzInputs.abbreviate(a.body()));
    }
  }
}
