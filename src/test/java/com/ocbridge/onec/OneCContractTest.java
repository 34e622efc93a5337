package com.ocbridge.onec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.onec.OneCReply.Kind;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.ValidatedRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's real pushes to 1C against the written contract {@code openapi/onec-orders.yaml}, with a real OpenAPI
 * validator (vertx-openapi's {@link RequestValidator} / {@link ResponseValidator} over vertx-json-schema).
 *
 * <p>The whole service runs as in {@code OneCPushTest}: embedded PostgreSQL, the poller reading varied orders from
 * a WireMock shop, the outbox worker pushing them to a WireMock 1C, plus the breaker's {@code ping} made by the
 * service's own 1C client. Every request that WireMock received is then replayed, byte for byte with its headers,
 * to a small Vert.x server whose only job is {@code RequestValidator.validate(request)}: that finds the operation by
 * method and path (an undocumented call fails), checks the header parameters and the JSON body against the schema.
 * What OpenAPI cannot express as parameters (the Basic credentials, Content-Type/Accept/User-Agent, the key equal
 * to the body's order) is checked from the contract's security scheme and its {@code x-ocbridge-fixed-headers}.
 *
 * <p>The contract's examples are validated too, and every example answer is run through {@link ReplyClassifier}
 * to show that the bridge does with it what the contract says ({@code x-ocbridge-reply}). Finally, tampered
 * requests show the validator is not a rubber stamp: a wrong type, a missing required field or header is refused.
 */
class OneCContractTest {
  static final Path CONTRACT = Path.of("openapi", "onec-orders.yaml");
  static final String ROOT = "/trade/hs/site/v1";
  static final String USER = "Сайт-Обмен";
  static final String PASSWORD = "пароль №1";
  static final String SHOP_USER = "bridge";
  static final String SHOP_KEY = "oc-key-contract";
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  @TempDir static Path dataDir;
  static Vertx vertx;
  static OpenAPIContract contract;
  static RequestValidator requestValidator;
  static ResponseValidator responseValidator;
  static HttpServer gate;
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static WireMockServer onec;
  static WireMockServer shop;
  static BridgeApp app;
  static final Map<Long, JsonObject> shopOrders = new ConcurrentSkipListMap<>();
  /** Order ids the bridge must push (statuses 1 and 2, the handed-over ones). */
  static final Set<String> handedOver = new HashSet<>();
  /** Everything WireMock-as-1C received, in arrival order. */
  static List<Captured> captured;

  /** A request as it went over the wire. */
  record Captured(String method, String url, Map<String, List<String>> headers, byte[] body) {
    static Captured of(LoggedRequest r) {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (HttpHeader h : r.getHeaders().all()) headers.put(h.key(), List.copyOf(h.values()));
      return new Captured(r.getMethod().getName(), r.getUrl(), headers, r.getBody());
    }

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String path() {
      return URI.create(url).getPath();
    }

    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }

    Captured withBody(JsonObject json) {
      return new Captured(method, url, headers, json.encode().getBytes(StandardCharsets.UTF_8));
    }

    Captured withHeader(String name, String value) {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      copy.putAll(headers);
      if (value == null) copy.remove(name); else copy.put(name, List.of(value));
      return new Captured(method, url, copy, body);
    }

    Captured withUrl(String method, String url) {
      return new Captured(method, url, headers, body);
    }
  }

  @BeforeAll
  static void pushRealOrders() throws Exception {
    vertx = Vertx.vertx();
    contract = OpenAPIContract.from(vertx, CONTRACT.toAbsolutePath().toString()).await(30, TimeUnit.SECONDS);
    requestValidator = RequestValidator.create(vertx, contract);
    responseValidator = ResponseValidator.create(vertx, contract);
    gate = vertx.createHttpServer().requestHandler(request -> {
      Future<ValidatedRequest> verdict;
      try {
        verdict = requestValidator.validate(request);
      } catch (RuntimeException e) {
        verdict = Future.failedFuture(e);
      }
      verdict.onComplete(ar -> {
        if (ar.succeeded()) request.response().setStatusCode(204).end();
        else request.response().setStatusCode(422).end(describe(ar.cause()));
      });
    }).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);

    onec = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    onec.start();
    onec.stubFor(post(urlPathEqualTo(ROOT + "/orders")).willReturn(json(201, OneCFixtures.created("1"))));
    onec.stubFor(get(urlPathEqualTo(ROOT + "/ping")).willReturn(json(200, OneCFixtures.PING)));

    shop = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new ShopOrders()));
    shop.start();
    shop.stubFor(any(urlPathEqualTo("/index.php")).willReturn(aResponse().withTransformers(ShopOrders.NAME)));
    placeOrders();

    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("opencart", new JsonObject().put("baseUrl", "http://127.0.0.1:" + shop.port() + "/")
            .put("apiUsername", SHOP_USER).put("apiKey", SHOP_KEY))
        // the settings that shape the body: a company by customer group, a number prefix, discounts on the lines
        .put("orders", new JsonObject().put("pollSeconds", 3600).put("statusIds", new JsonArray().add(1).add(2))
            .put("numberPrefix", "IM-").put("discounts", "line")
            .put("company", new JsonObject().put("customerGroupIds", new JsonArray().add(2))))
        .put("onec", new JsonObject().put("push", new JsonObject().put("enabled", true)
            .put("baseUrl", "http://127.0.0.1:" + onec.port() + ROOT).put("username", USER).put("password", PASSWORD)));
    app = new BridgeApp(TestConfig.load(config));
    app.start().await(60, TimeUnit.SECONDS);
    app.orders().poller().pollNow().await(60, TimeUnit.SECONDS);
    eventually("every handed-over order pushed", () -> pushes().size() >= handedOver.size());
    // the breaker's half-open probe, made by the service's own client
    OneCReply ping = app.orders().oneC().orElseThrow().ping().await(30, TimeUnit.SECONDS);
    assertEquals(Kind.DELIVERED, ping.kind(), ping.message());
    Thread.sleep(200); // room for a late extra request: it would be captured and checked too
    List<ServeEvent> events = new ArrayList<>(onec.getAllServeEvents());
    java.util.Collections.reverse(events); // WireMock lists the newest first
    captured = events.stream().map(e -> Captured.of(e.getRequest())).toList();
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (app != null) app.stop(Duration.ofSeconds(30));
    if (onec != null) onec.stop();
    if (shop != null) shop.stop();
    if (vertx != null) vertx.close().await(30, TimeUnit.SECONDS);
  }

  static List<LoggedRequest> pushes() {
    return onec.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(ROOT + "/orders")));
  }

  // ------------------------------------------------------------------------------------------------ the tests

  @Test
  void everyRequestTheBridgeSentTo1cMatchesTheContract() {
    List<String> problems = new ArrayList<>();
    for (Captured r : captured) {
      for (String p : problems(r)) problems.add(r.method() + " " + r.url() + ": " + p);
    }
    assertEquals(List.of(), problems, "requests that break openapi/onec-orders.yaml");

    List<Captured> posts = captured.stream().filter(r -> r.method().equals("POST")).toList();
    List<Captured> pings = captured.stream().filter(r -> r.method().equals("GET")).toList();
    assertEquals(captured.size(), posts.size() + pings.size(), "only POST …/orders and GET …/ping");
    assertEquals(1, pings.size(), "one ping");
    assertEquals(handedOver, posts.stream().map(r -> r.json().getString("siteOrderId")).collect(Collectors.toSet()),
        "each handed-over order pushed");
    assertEquals(handedOver.size(), posts.size(), "each exactly once");
    assertEquals(captured.size(), captured.stream().map(r -> r.header("X-Request-Id")).distinct().count(),
        "a fresh X-Request-Id per request");

    // the optional and nullable branches of the schema were exercised by real requests, not only by examples
    List<JsonObject> bodies = posts.stream().map(Captured::json).toList();
    assertTrue(bodies.stream().anyMatch(b -> b.getJsonObject("customer").getValue("siteCustomerId") == null), "a guest");
    assertTrue(bodies.stream().anyMatch(b -> b.getJsonObject("delivery").getValue("method") == null), "a pickup");
    assertTrue(bodies.stream().anyMatch(b -> b.getValue("comment") == null), "no comment");
    assertTrue(bodies.stream().anyMatch(b -> money(b.getJsonObject("totals"), "discount").signum() > 0), "a coupon");
    assertTrue(bodies.stream().anyMatch(b -> "company".equals(b.getJsonObject("customer").getString("kind"))
        && b.getJsonObject("customer").getString("inn") != null), "a company with its ИНН");
    assertTrue(bodies.stream().allMatch(b -> b.getString("siteOrderNumber").equals("IM-" + b.getString("siteOrderId"))),
        "the number with orders.numberPrefix");
    assertTrue(bodies.stream().anyMatch(b -> !"0".equals(b.getString("storeId"))), "another store");
    List<JsonObject> items = bodies.stream().flatMap(b -> b.getJsonArray("items").stream().map(JsonObject.class::cast))
        .toList();
    assertTrue(items.stream().anyMatch(i -> i.getJsonArray("characteristics") != null
        && i.getJsonArray("characteristics").size() == 2 && i.getString("onecVariantId") != null),
        "a linked variant of two kinds");
    assertTrue(items.stream().anyMatch(i -> i.getJsonArray("characteristics") != null && i.getValue("onecVariantId") == null),
        "an unlinked option");
    assertTrue(items.stream().anyMatch(i -> i.getValue("onecProductId") == null), "a product made in the shop");
    assertTrue(items.stream().anyMatch(i -> !i.containsKey("characteristics")), "a line without options");
    assertTrue(items.stream().anyMatch(i -> money(i, "discount").signum() > 0), "a line with its share of a discount");
    assertTrue(items.stream().anyMatch(i -> i.getValue("vatRate") == null), "a line without tax");
    // the arithmetic the contract states
    for (JsonObject b : bodies) {
      JsonObject t = b.getJsonObject("totals");
      BigDecimal full = BigDecimal.ZERO;
      for (Object o : b.getJsonArray("items")) {
        JsonObject i = (JsonObject) o;
        BigDecimal gross = money(i, "unitPrice").multiply(money(i, "quantity"));
        full = full.add(gross);
        assertEquals(0, gross.subtract(money(i, "discount")).compareTo(money(i, "amount")),
            "amount = quantity × unitPrice − discount: " + i);
      }
      assertEquals(0, full.compareTo(money(t, "items")), "totals.items: " + b);
      assertEquals(0, money(t, "items").subtract(money(t, "discount")).add(money(t, "delivery"))
          .compareTo(money(t, "total")), "items − discount + delivery = total: " + t);
      assertEquals(0, money(t, "delivery").compareTo(money(b.getJsonObject("delivery"), "cost")), "delivery.cost");
      assertEquals(0, money(t, "total").compareTo(money(b.getJsonObject("payment"), "amount")), "payment.amount");
    }
    // sanitised the way the contract says: control characters removed, everything else (₽) kept
    assertEquals("позвонить за час ₽", bodies.stream().filter(b -> b.getString("siteOrderId").equals("1001"))
        .findFirst().orElseThrow().getString("comment"));
  }

  @Test
  void theContractsExamplesAreValidAndTheBridgeTreatsEachAnswerAsDocumented() throws Exception {
    JsonObject paths = plain(contract.getRawContract()).getJsonObject("paths");
    // request examples, through the same gate as the real requests
    JsonObject push = paths.getJsonObject("/orders").getJsonObject("post");
    JsonObject requestExamples = push.getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/json").getJsonObject("examples");
    assertFalse(requestExamples.isEmpty());
    for (String name : names(requestExamples)) {
      JsonObject body = requestExamples.getJsonObject(name).getJsonObject("value");
      assertNotNull(body, "request example " + name + " has a value: " + requestExamples.getValue(name));
      assertEquals(List.of(), problems(syntheticPush(body)), "request example " + name);
    }
    // response examples: valid against their schema, and classified as x-ocbridge-reply says
    Set<Kind> documented = EnumSet.noneOf(Kind.class);
    int checked = 0;
    for (String operationId : List.of("pushOrder", "ping")) {
      Operation op = contract.operation(operationId);
      JsonObject responses = plain(op.getOpenAPIModel()).getJsonObject("responses");
      for (String code : names(responses)) {
        if (code.equals("default")) continue;
        int status = Integer.parseInt(code);
        JsonObject response = responses.getJsonObject(code);
        JsonObject content = response.getJsonObject("content", new JsonObject());
        for (String mediaType : names(content)) {
          JsonObject examples = content.getJsonObject(mediaType).getJsonObject("examples", new JsonObject());
          for (String name : names(examples)) {
            JsonObject example = examples.getJsonObject(name);
            Object value = example.getValue("value");
            String text = value instanceof String s ? s : ((JsonObject) value).encode();
            String where = operationId + " " + code + " " + mediaType + " example " + name;
            Buffer body = Buffer.buffer(text);
            try {
              if (mediaType.startsWith("application/json")) {
                responseValidator.validate(ValidatableResponse.create(status, body, mediaType), operationId)
                    .await(10, TimeUnit.SECONDS);
              } else {
                // the response validator reads only JSON bodies; a text body goes to the media type's schema directly
                contract.getSchemaRepository().validator(op.getResponse(status).getContent().get(mediaType).getSchema())
                    .validate(text).checkValidity();
              }
            } catch (RuntimeException | io.vertx.json.schema.JsonSchemaValidationException e) {
              throw new AssertionError(where + " does not match its schema: " + describe(e), e);
            }
            Kind expected = Kind.valueOf(requireReply(example, where));
            assertEquals(expected, classify(operationId, status, mediaType, text).kind(), where);
            documented.add(expected);
            checked++;
          }
        }
        JsonArray bodies = response.getJsonArray("x-ocbridge-bodies", new JsonArray());
        for (int i = 0; i < bodies.size(); i++) {
          JsonObject b = bodies.getJsonObject(i);
          String where = operationId + " " + code + " x-ocbridge-bodies[" + i + "]";
          Kind expected = Kind.valueOf(requireReply(b, where));
          OneCReply reply = classify(operationId, status, b.getString("contentType"), b.getString("body"));
          assertEquals(expected, reply.kind(), where + ": " + reply.message());
          documented.add(expected);
          checked++;
        }
      }
    }
    assertTrue(checked >= 20, "examples checked: " + checked);
    // every outcome the bridge knows for an answer is shown by an example (BREAKER_OPEN is no answer of 1C's)
    Set<Kind> answers = EnumSet.complementOf(EnumSet.of(Kind.BREAKER_OPEN));
    assertEquals(answers, documented, "kinds of answers the contract shows an example of");
  }

  @Test
  void theValidatorRefusesWhatTheContractForbids() {
    Captured real = captured.stream().filter(r -> r.method().equals("POST"))
        .filter(r -> r.json().getJsonArray("items").stream().map(JsonObject.class::cast)
            .anyMatch(i -> i.containsKey("characteristics")))
        .findFirst().orElseThrow();
    JsonObject body = real.json();
    assertEquals(List.of(), problems(real), "the untouched request");

    Map<String, Captured> tampered = new LinkedHashMap<>();
    tampered.put("a quantity as a number", real.withBody(edit(body, b -> item(b).put("quantity", 2))));
    tampered.put("a price with a decimal comma", real.withBody(edit(body, b -> item(b).put("unitPrice", "750,50"))));
    tampered.put("a line number as a string", real.withBody(edit(body, b -> item(b).put("line", "1"))));
    tampered.put("a characteristic without a value", real.withBody(edit(body, b -> b.getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(i -> i.containsKey("characteristics")).findFirst().orElseThrow()
        .getJsonArray("characteristics").getJsonObject(0).remove("value"))));
    tampered.put("no siteOrderId", real.withBody(edit(body, b -> b.remove("siteOrderId"))));
    tampered.put("no totals", real.withBody(edit(body, b -> b.remove("totals"))));
    tampered.put("no items[0].amount", real.withBody(edit(body, b -> item(b).remove("amount"))));
    tampered.put("a total as a number", real.withBody(edit(body, b -> b.getJsonObject("totals").put("total", 1850.0))));
    tampered.put("createdAt without an offset", real.withBody(edit(body, b -> b.put("createdAt", "2026-11-28T10:00:01"))));
    tampered.put("an unknown customer kind", real.withBody(edit(body, b -> b.getJsonObject("customer").put("kind", "robot"))));
    tampered.put("schema version 2", real.withBody(edit(body, b -> b.put("schemaVersion", 2))));
    tampered.put("another source", real.withBody(edit(body, b -> b.put("source", "bitrix"))));
    tampered.put("a hash of another kind", real.withBody(edit(body, b -> b.put("payloadHash", "md5:0123"))));
    tampered.put("customer as a string", real.withBody(edit(body, b -> b.put("customer", "Иванов Иван"))));
    tampered.put("no Idempotency-Key", real.withHeader("Idempotency-Key", null));
    tampered.put("a bare order id as key", real.withHeader("Idempotency-Key", body.getString("siteOrderId")));
    tampered.put("the key of another order", real.withHeader("Idempotency-Key", "opencart:0:999999"));
    tampered.put("no X-Request-Id", real.withHeader("X-Request-Id", null));
    tampered.put("a text body", real.withHeader("Content-Type", "text/plain; charset=utf-8"));
    tampered.put("no Accept", real.withHeader("Accept", null));
    tampered.put("Basic from Latin-1 bytes", real.withHeader("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.ISO_8859_1))));
    tampered.put("a bearer token", real.withHeader("Authorization", "Bearer abc"));
    tampered.put("a path the contract lacks", real.withUrl("POST", ROOT + "/order"));
    tampered.put("a method the contract lacks", real.withUrl("PUT", ROOT + "/orders"));
    for (Map.Entry<String, Captured> t : tampered.entrySet()) {
      assertFalse(problems(t.getValue()).isEmpty(), "accepted although " + t.getKey());
    }

    // what the contract allows stays allowed: fields added later, and null where a field is nullable
    Captured extended = real.withBody(edit(body, b -> {
      b.put("loyaltyPoints", 120);
      b.getJsonObject("customer").put("birthday", "1990-01-01");
      item(b).put("weight", "1.200");
      b.getJsonObject("totals").put("tax", "250.0000");
      item(b).putNull("onecVariantId");
      b.getJsonObject("delivery").putNull("address");
    }));
    assertEquals(List.of(), problems(extended), "added fields and nulls");
  }

  // --------------------------------------------------------------------------------------- checking a request

  /** What is wrong with this request as far as the contract goes; empty when nothing. */
  static List<String> problems(Captured r) {
    List<String> problems = new ArrayList<>();
    Operation op = contract.findOperation(r.path(), HttpMethod.valueOf(r.method()));
    if (op == null) problems.add("no operation for " + r.method() + " " + r.path());
    // the validator itself: operation by method and path, header parameters, body
    String verdict = replay(r);
    if (verdict != null) problems.add(verdict);
    if (op == null) return problems;
    // the security scheme: HTTP Basic from the UTF-8 bytes of user:password
    List<String> schemes = contract.getSecurityRequirements().stream().flatMap(s -> s.getNames().stream()).toList();
    assertEquals(List.of("basic"), schemes, "the contract's security");
    SecurityScheme basic = contract.securityScheme("basic");
    assertEquals("http", basic.getType());
    assertEquals("basic", basic.getScheme());
    String authorization = r.header("Authorization");
    String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(authorization)) problems.add("Authorization is not Basic of the UTF-8 credentials: " + authorization);
    // headers a parameter cannot describe
    assertTrue(op.getExtensions().containsKey("x-ocbridge-fixed-headers"), op.getOperationId() + " lists its fixed headers");
    JsonObject fixedHeaders = plain(op.getOpenAPIModel()).getJsonObject("x-ocbridge-fixed-headers");
    for (String name : names(fixedHeaders)) {
      String want = fixedHeaders.getString(name);
      String got = r.header(name);
      boolean same = name.equalsIgnoreCase("Content-Type")
          ? got != null && got.replace(" ", "").equalsIgnoreCase(want.replace(" ", ""))
          : want.equals(got);
      if (!same) problems.add(name + " is " + got + ", the contract says " + want);
    }
    if (op.getOperationId().equals("pushOrder") && verdict == null) {
      JsonObject body = r.json();
      String key = body.getString("source") + ":" + body.getString("storeId") + ":" + body.getString("siteOrderId");
      if (!key.equals(r.header("Idempotency-Key"))) {
        problems.add("Idempotency-Key " + r.header("Idempotency-Key") + " is not the body's " + key);
      }
    }
    return problems;
  }

  /** Replays the request to the validating server: null when valid, else the validator's reasons. */
  static String replay(Captured r) {
    Set<String> restricted = Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding",
        "keep-alive", "http2-settings", "te", "trailer");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gate.actualPort() + r.url()))
        .timeout(Duration.ofSeconds(20))
        .method(r.method(), r.body() == null || r.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    r.headers().forEach((name, values) -> {
      if (!restricted.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> b.header(name, v));
    });
    try {
      HttpResponse<String> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return answer.statusCode() == 204 ? null : "validator: " + answer.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A push as the bridge would send it for this body (used for the contract's own examples). */
  static Captured syntheticPush(JsonObject body) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", List.of("application/json; charset=utf-8"));
    headers.put("Accept", List.of("application/json"));
    headers.put("User-Agent", List.of("OCBridge"));
    headers.put("Authorization", List.of(OneCOrdersClient.basicAuthorization(USER, PASSWORD)));
    headers.put("X-Request-Id", List.of(UUID.randomUUID().toString()));
    headers.put("Idempotency-Key", List.of(body.getString("source") + ":" + body.getString("storeId") + ":"
        + body.getString("siteOrderId")));
    return new Captured("POST", ROOT + "/orders", headers, body.encode().getBytes(StandardCharsets.UTF_8));
  }

  static String describe(Throwable t) {
    StringBuilder s = new StringBuilder(String.valueOf(t.getMessage()));
    if (t instanceof SchemaValidationException v && v.getOutputUnit() != null) {
      appendErrors(s, v.getOutputUnit());
    }
    return s.toString();
  }

  private static void appendErrors(StringBuilder s, OutputUnit unit) {
    if (unit.getErrors() == null) return;
    for (OutputUnit e : unit.getErrors()) {
      s.append("\n  ").append(e.getInstanceLocation()).append(": ").append(e.getError());
      appendErrors(s, e);
    }
  }

  static OneCReply classify(String operationId, int status, String contentType, String body) {
    return operationId.equals("ping") ? ReplyClassifier.classifyPing(status, contentType, body)
        : ReplyClassifier.classify(status, contentType, body);
  }

  static String requireReply(JsonObject o, String where) {
    String reply = o.getString("x-ocbridge-reply", o.getString("reply"));
    assertNotNull(reply, where + " says what the bridge does with it");
    return reply;
  }

  /**
   * The contract as plain JSON: the loader hands out proxies that cannot encode a null (the examples have nulls) and
   * carry bookkeeping keys ({@code __absolute_uri__}); copied value by value, without those keys.
   */
  static JsonObject plain(JsonObject proxy) {
    return (JsonObject) plainValue(proxy);
  }

  private static Object plainValue(Object v) {
    if (v instanceof JsonObject o) {
      JsonObject copy = new JsonObject();
      for (String name : names(o)) copy.put(name, plainValue(o.getValue(name)));
      return copy;
    }
    if (v instanceof JsonArray a) {
      JsonArray copy = new JsonArray();
      for (int i = 0; i < a.size(); i++) copy.add(plainValue(a.getValue(i)));
      return copy;
    }
    return v;
  }

  /** The keys of a contract object, without the bookkeeping ({@code __absolute_uri__}) the loader adds. */
  static List<String> names(JsonObject o) {
    return o.fieldNames().stream().filter(n -> !n.startsWith("__")).toList();
  }

  static JsonObject edit(JsonObject body, Consumer<JsonObject> change) {
    JsonObject copy = body.copy();
    change.accept(copy);
    return copy;
  }

  static BigDecimal money(JsonObject o, String field) {
    return new BigDecimal(o.getString(field));
  }

  static JsonObject item(JsonObject body) {
    return body.getJsonArray("items").getJsonObject(0);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", OneCFixtures.JSON).withBody(body);
  }

  static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(50);
    }
  }

  // ------------------------------------------------------------------------------------------ the shop's orders

  /**
   * Orders of every shape the mapping distinguishes, as the OCBridge v1 {@code order.list} answers them: registered
   * and guest buyers, courier and pickup, lines linked to 1C and made in the shop, a linked two-kind variant, a
   * shop's own option, a derived ("pv-") value, a coupon, fractional prices, another store and currency, control
   * characters, quotes and ₽, no comment; and two orders in statuses that are not handed over.
   */
  static void placeOrders() {
    OffsetDateTime at = OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.ofHours(3));
    JsonObject linked = line(1, 40, "bd72d8f9-55bc-11d9-848a-000000000040", "ART-40", "Сапоги «Зима» №40", 2, "750.0000");
    order(1001, 1, at, true, true, "позвонить за час\u0002 ₽", linked);
    order(1002, 2, at.plusMinutes(1), false, false, "", line(1, 41, "bd72d8f9-55bc-11d9-848a-000000000041", "ART-41",
        "Ботинки", 1, "1990.0000"));
    order(1003, 1, at.plusMinutes(2), true, true, "Размер уточнить", line(1, 42,
        "bd72d8f9-55bc-11d9-848a-00112f43529a", "EK-000005", "Сапоги", 1, "1000.0000",
        option("Размер, Цвет", "40, белый", "vNj4-VW8EdmEigAAAAAA42#bd72d8fa-55bc-11d9-848a-00112f43529a")));
    JsonObject own = line(1, 43, null, "", "Открытка & Co", 3, "99.9900", option("Надпись", "С днём рождения", null));
    own.put("model", "M-43");
    JsonObject coupon = order(1004, 1, at.plusMinutes(3), false, true, null, own,
        line(2, 44, "bd72d8f9-55bc-11d9-848a-000000000044", "ART-44", "Шарф", 1, "500.0000",
            option("Цвет", "чёрный", "pv-0123456789abcdef")));
    addCoupon(coupon);
    JsonObject company = order(1005, 2, at.plusMinutes(4), true, true, "Доставить после 18:00, \"въезд со двора\" <ворота>",
        line(1, 45, "bd72d8f9-55bc-11d9-848a-000000000045", "ART-45", "Куртка", 1, "4999.5000"),
        line(2, 46, "bd72d8f9-55bc-11d9-848a-000000000046", "ART-46", "Шапка", 2, "0.0000"),
        line(3, 47, "bd72d8f9-55bc-11d9-848a-000000000047", "ART-47", "Перчатки", 5, "120.1000"));
    company.getJsonObject("payment_address").put("company", "ООО \"Ромашка\"");
    company.getJsonObject("customer").putNull("telephone").put("customer_group_id", 2).put("custom_fields",
        new JsonArray().add(customField(1, "ИНН", "7707083893")).add(customField(2, "КПП", "773601001")));
    JsonObject other = order(1006, 1, at.plusMinutes(5).withOffsetSameInstant(ZoneOffset.UTC), true, true, "store 1",
        line(1, 48, "bd72d8f9-55bc-11d9-848a-000000000048", "ART-48", "Boots", 1, "25.0000"));
    other.put("store_id", 1).put("currency_code", "USD");
    order(1007, 5, at.plusMinutes(6), true, true, "завершён", line(1, 49, null, "ART-49", "Носки", 1, "10.0000"));
    order(1008, 7, at.plusMinutes(7), true, true, "отменён", line(1, 49, null, "ART-49", "Носки", 1, "10.0000"));
  }

  static JsonObject order(long id, int status, OffsetDateTime at, boolean registered, boolean courier, String comment,
      JsonObject... lines) {
    String first = id % 2 == 0 ? "Анна" : "Иван";
    String last = id % 2 == 0 ? "Петрова" : "Иванов";
    JsonObject address = new JsonObject().put("firstname", first).put("lastname", last).put("company", "")
        .put("address_1", "ул. Ленина, д. " + id % 90).put("address_2", id % 3 == 0 ? "кв. 7" : "")
        .put("city", "Москва").put("postcode", "101000").put("zone", "Москва").put("zone_id", 2761)
        .put("country", "Российская Федерация").put("country_id", 176).put("iso_code_2", "RU")
        .put("custom_field", new JsonObject());
    JsonArray products = new JsonArray();
    for (JsonObject l : lines) products.add(l.copy().put("order_product_id", id * 10 + products.size()));
    JsonObject o = new JsonObject().put("order_id", id).put("invoice_no", 0).put("invoice_prefix", "INV-2026-00")
        .put("store_id", 0).put("order_status_id", status).put("order_status", "Статус " + status)
        .put("date_added", ISO.format(at)).put("date_modified", ISO.format(at))
        .put("currency_code", "RUB").put("currency_value", "1.00000000").put("language_code", "ru-ru")
        .put("comment", comment).put("ip", "127.0.0.1")
        .put("customer", new JsonObject().put("customer_id", registered ? 500 + id : 0).put("customer_group_id", 1)
            .put("firstname", first).put("lastname", last).put("email", "buyer" + id + "@example.com")
            .put("telephone", "+7999000" + id).put("custom_field", new JsonObject()))
        .put("payment_address", address)
        .put("shipping_address", courier ? address.copy() : null)
        .put("payment_method", id % 2 == 0 ? new JsonObject().put("name", "Оплата при получении").put("code", "cod.cod")
            : new JsonObject().put("name", "Bank Transfer").put("code", "bank_transfer.bank_transfer"))
        .put("shipping_method", courier ? new JsonObject().put("name", "Курьер").put("code", "flat.flat") : null)
        .put("products", products)
        .put("history", new JsonArray().add(new JsonObject().put("order_status_id", status).put("notify", false)
            .put("comment", "").put("date_added", ISO.format(at))));
    totals(o);
    shopOrders.put(id, o);
    if (status == 1 || status == 2) handedOver.add(Long.toString(id));
    return o;
  }

  static JsonObject line(int n, long productId, String externalId, String sku, String name, int qty, String price,
      JsonObject... options) {
    BigDecimal p = new BigDecimal(price);
    BigDecimal tax = p.multiply(new BigDecimal("0.20")).setScale(4, RoundingMode.HALF_UP);
    JsonArray opts = new JsonArray();
    for (JsonObject o : options) opts.add(o);
    return new JsonObject().put("product_id", productId).put("master_id", 0).put("external_id", externalId)
        .put("name", name).put("model", "M-" + productId).put("sku", sku).put("quantity", qty)
        .put("price", p.toPlainString()).put("tax", tax.toPlainString())
        .put("total", p.multiply(BigDecimal.valueOf(qty)).setScale(4, RoundingMode.HALF_UP).toPlainString())
        .put("reward", 0).put("options", opts);
  }

  static JsonObject customField(int id, String name, String value) {
    return new JsonObject().put("custom_field_id", id).put("name", name).put("location", "account").put("value", value);
  }

  static JsonObject option(String name, String value, String variantLink) {
    return new JsonObject().put("product_option_id", 7).put("product_option_value_id", 30).put("name", name)
        .put("value", value).put("type", "select").put("option_value_external_id", null)
        .put("product_option_value_external_id", variantLink);
  }

  static void totals(JsonObject o) {
    BigDecimal sub = BigDecimal.ZERO;
    BigDecimal tax = BigDecimal.ZERO;
    for (Object p : o.getJsonArray("products")) {
      JsonObject l = (JsonObject) p;
      BigDecimal qty = BigDecimal.valueOf(l.getInteger("quantity"));
      sub = sub.add(new BigDecimal(l.getString("price")).multiply(qty));
      tax = tax.add(new BigDecimal(l.getString("tax")).multiply(qty));
    }
    JsonArray totals = new JsonArray().add(total("sub_total", "Сумма", sub, 1));
    BigDecimal total = sub.add(tax);
    if (o.getValue("shipping_method") != null) {
      totals.add(total("shipping", "Курьер", new BigDecimal("350"), 3));
      total = total.add(new BigDecimal("350"));
    }
    totals.add(total("tax", "НДС 20%", tax, 5));
    totals.add(total("total", "Итого", total, 9));
    o.put("totals", totals).put("total", total.setScale(4, RoundingMode.HALF_UP).toPlainString());
  }

  static void addCoupon(JsonObject o) {
    JsonArray totals = o.getJsonArray("totals");
    JsonObject total = totals.getJsonObject(totals.size() - 1);
    BigDecimal value = new BigDecimal(total.getString("value")).subtract(new BigDecimal("50"));
    totals.add(totals.size() - 1, total("coupon", "Купон (-50)", new BigDecimal("-50"), 4));
    total.put("value", value.setScale(4, RoundingMode.HALF_UP).toPlainString());
    o.put("total", value.setScale(4, RoundingMode.HALF_UP).toPlainString());
  }

  private static JsonObject total(String code, String title, BigDecimal value, int sort) {
    return new JsonObject().put("code", code).put("title", title)
        .put("value", value.setScale(4, RoundingMode.HALF_UP).toPlainString()).put("sort_order", sort);
  }

  /** The shop's order operations (OCBridge v1 §6.4) answered from {@link #shopOrders}. */
  static final class ShopOrders implements ResponseDefinitionTransformerV2 {
    static final String NAME = "contract-shop-orders";

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      var request = event.getRequest();
      ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
          .withHeader("Content-Type", "application/json; charset=utf-8");
      if (!SHOP_USER.equals(request.getHeader("X-Api-Username")) || !SHOP_KEY.equals(request.getHeader("X-Api-Key"))) {
        return answer.withStatus(401).withBody(error("unauthorized", "bad API user")).build();
      }
      String op = param(request.queryParameter("op"));
      Object data;
      switch (op == null ? "" : op) {
        case "order.list" -> {
          long idGt = Long.parseLong(orDefault(param(request.queryParameter("id_gt")), "0"));
          int limit = Math.max(1, Math.min(100, Integer.parseInt(orDefault(param(request.queryParameter("limit")), "50"))));
          int page = Math.max(1, Integer.parseInt(orDefault(param(request.queryParameter("page")), "1")));
          String statusIds = param(request.queryParameter("status_ids"));
          Set<Integer> statuses = statusIds == null ? null : java.util.Arrays.stream(statusIds.split(","))
              .map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
          List<JsonObject> matching = shopOrders.values().stream().filter(o -> o.getLong("order_id") > idGt)
              .filter(o -> statuses != null ? statuses.contains(o.getInteger("order_status_id"))
                  : o.getInteger("order_status_id") != 0)
              .toList();
          JsonArray items = new JsonArray();
          matching.stream().skip((long) (page - 1) * limit).limit(limit).forEach(o -> items.add(o.copy()));
          data = new JsonObject().put("items", items).put("total", matching.size()).put("page", page).put("limit", limit);
        }
        case "order.get" -> {
          JsonObject o = shopOrders.get(Long.parseLong(orDefault(param(request.queryParameter("order_id")), "0")));
          if (o == null) return answer.withStatus(404).withBody(error("not_found", "Order not found")).build();
          data = o.copy();
        }
        case "order_status.list" -> {
          JsonArray items = new JsonArray();
          for (int id : new int[] {1, 2, 5, 7}) items.add(new JsonObject().put("order_status_id", id).put("name", "Статус " + id));
          data = new JsonObject().put("items", items);
        }
        default -> {
          return answer.withStatus(400).withBody(error("bad_request", "unknown op " + op)).build();
        }
      }
      return answer.withStatus(200).withBody(new JsonObject().put("data", data).encode()).build();
    }

    private static String param(QueryParameter p) {
      return p != null && p.isPresent() ? p.firstValue() : null;
    }

    private static String orDefault(String s, String d) {
      return s == null || s.isBlank() ? d : s;
    }

    private static String error(String code, String message) {
      return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)
          .put("details", new JsonObject())).encode();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
