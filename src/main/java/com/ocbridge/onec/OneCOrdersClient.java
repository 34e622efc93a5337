package com.ocbridge.onec;

import com.ocbridge.support.Sha256;
import com.ocbridge.onec.OneCReply.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1C's orders HTTP service (onec-http-services.md §2.2): {@code POST {baseUrl}/orders} and {@code GET {baseUrl}/ping},
 * behind a circuit breaker and a limit of {@code maxConcurrent} requests at a time (each 1C request holds a session
 * and so a licence). Every method answers a classified {@link OneCReply} and never fails its Future: network
 * errors become TRANSIENT, an open breaker BREAKER_OPEN.
 *
 * <p>While the breaker is not closed, orders are held back and a {@code ping} goes first as the half-open probe;
 * only when it passes (and closes the breaker) does the order go out.
 *
 * <p>Create it outside verticles (a WebClient lives as long as the context that created it) and share it; one per
 * service instance, so the concurrency limit is per instance.
 */
public final class OneCOrdersClient {
  private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";]+)", Pattern.CASE_INSENSITIVE);

  private final OneCPushSettings settings;
  private final WebClient http;
  private final String ordersUrl;
  private final String pingUrl;
  private final String authorization;
  private final ConcurrencyLimit limit;
  private final OneCBreaker breaker;

  public OneCOrdersClient(Vertx vertx, OneCPushSettings settings) {
    this.settings = settings;
    this.http = WebClient.create(vertx, new WebClientOptions()
            .setConnectTimeout((int) settings.connectTimeout().toMillis())
            .setKeepAlive(true)
            .setUserAgent("OCBridge"),
        new PoolOptions().setHttp1MaxSize(settings.maxConcurrent()));
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.ordersUrl = base + "/orders";
    this.pingUrl = base + "/ping";
    this.authorization = basicAuthorization(settings.username(), settings.password());
    this.limit = new ConcurrencyLimit(settings.maxConcurrent());
    this.breaker = new OneCBreaker("onec-orders", settings.breaker());
  }

  /**
   * HTTP Basic from the UTF-8 bytes of {@code user:password}: 1C accepts Cyrillic logins only that way, and many
   * clients default to Latin-1 (onec-http-services.md §1.3).
   */
  static String basicAuthorization(String username, String password) {
    byte[] credentials = ((username == null ? "" : username) + ":" + (password == null ? "" : password))
        .getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(credentials);
  }

  /**
   * Creates the order in 1C, or confirms it is there. {@code idempotencyKey} is {@code opencart:<store>:<order>},
   * the same for every attempt; the body carries a hash of its content so that 1C can tell a harmless repeat (200)
   * from a changed order under the same key (409).
   */
  public Future<OneCReply> pushOrder(OneCOrder order, String idempotencyKey) {
    Buffer body = Buffer.buffer(body(order).encode());
    return admit().compose(admitted -> admitted
        ? guarded(() -> send(http.requestAbs(HttpMethod.POST, ordersUrl)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Idempotency-Key", idempotencyKey),
            body, ReplyClassifier::classify))
        : Future.succeededFuture(OneCReply.breakerOpen(breaker.retryAfter())));
  }

  /** The breaker-guarded health probe; 200 with a JSON object is healthy. */
  public Future<OneCReply> ping() {
    return guarded(() -> send(http.requestAbs(HttpMethod.GET, pingUrl), null, ReplyClassifier::classifyPing));
  }

  public CircuitBreaker.State breakerState() {
    return breaker.state();
  }

  public OneCPushSettings settings() {
    return settings;
  }

  /** Requests to 1C in flight right now (at most {@code maxConcurrent}). */
  public int inFlight() {
    return limit.active();
  }

  /** Closed: go. Otherwise probe with ping; go only if the probe closed the breaker. */
  private Future<Boolean> admit() {
    if (breaker.state() == CircuitBreaker.State.CLOSED) return Future.succeededFuture(true);
    return ping().map(reply -> breaker.state() == CircuitBreaker.State.CLOSED);
  }

  /**
   * Asks the breaker when the request is about to leave, not when it joins the queue: requests that were waiting
   * for a free slot when the breaker opened are then not sent at all.
   */
  private Future<OneCReply> guarded(java.util.function.Supplier<Future<OneCReply>> call) {
    return limit.run(() -> {
      if (!breaker.tryAcquire()) return Future.succeededFuture(OneCReply.breakerOpen(breaker.retryAfter()));
      long started = breaker.now();
      return call.get().onSuccess(reply -> breaker.record(reply, started));
    });
  }

  private Future<OneCReply> send(HttpRequest<Buffer> request, Buffer body,
      TriFunction<Integer, String, String, OneCReply> classifier) {
    request.putHeader("Authorization", authorization)
        .putHeader("Accept", "application/json")
        .putHeader("X-Request-Id", UUID.randomUUID().toString())
        .timeout(settings.requestTimeout().toMillis());
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendBuffer(body);
    return sent
        .map(response -> classifier.apply(response.statusCode(), response.getHeader("Content-Type"),
            text(response)))
        // no answer: refused, reset, TLS, timeout. The outcome of a POST is unknown; the idempotent retry settles it
        .otherwise(e -> OneCReply.of(Kind.TRANSIENT, 0, "no answer from 1C: " + e));
  }

  @FunctionalInterface
  interface TriFunction<A, B, C, R> {
    R apply(A a, B b, C c);
  }

  private static String text(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null) return "";
    Charset charset = StandardCharsets.UTF_8;
    String type = response.getHeader("Content-Type");
    if (type != null) {
      Matcher m = CHARSET.matcher(type);
      if (m.find()) {
        try {
          charset = Charset.forName(m.group(1).trim());
        } catch (RuntimeException e) {
          // unknown charset name: read as UTF-8, good enough for a message
        }
      }
    }
    return body.toString(charset);
  }

  /** The JSON body: control characters removed (1C chokes on them), then the payload hash added. */
  static JsonObject body(OneCOrder order) {
    JsonObject json = (JsonObject) sanitize(new JsonObject(Json.encode(order.withPayloadHash(null))));
    json.put("payloadHash", payloadHash(json));
    return json;
  }

  /**
   * {@code sha256:<hex>} of the order's JSON without its hash. The JSON is produced from the record, whose field
   * order is fixed, so the hash is the same for every attempt and every instance.
   */
  static String payloadHash(JsonObject withoutHash) {
    JsonObject copy = withoutHash.copy();
    copy.remove("payloadHash");
    return "sha256:" + Sha256.hex(copy.encode());
  }

  private static Object sanitize(Object value) {
    if (value instanceof String s) return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
    if (value instanceof JsonObject o) {
      // JsonObject's iterator hands out read-only entries (Entry.setValue throws), so write back by name
      for (String name : new java.util.ArrayList<>(o.fieldNames())) o.put(name, sanitize(o.getValue(name)));
      return o;
    }
    if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) a.set(i, sanitize(a.getValue(i)));
      return a;
    }
    return value;
  }

  /**
   * The "onec" health procedure: DOWN with a reason while the breaker is open, UP otherwise, with the breaker state
   * and requests in flight as details. Informational: 1C being away is what the outbox is for and restarting us would
   * not help, so it never makes /health answer 503.
   */
  public Handler<Promise<Status>> healthProcedure() {
    return promise -> {
      JsonObject data = new JsonObject()
          .put("breaker", breaker.state().name())
          .put("inFlight", limit.active())
          .put("maxConcurrent", settings.maxConcurrent());
      boolean open = breaker.state() == CircuitBreaker.State.OPEN || breaker.state() == CircuitBreaker.State.FORCED_OPEN;
      promise.tryComplete(open ? Status.KO(data.put("reason", "Отправка заказов в 1С приостановлена после повторных"
          + " ошибок; мост проверяет связь сам и продолжит, когда 1С ответит.")) : Status.OK(data));
    };
  }

  /**
   * {@code ocbridge_onec_breaker_state}: 0 closed, 1 half-open, 2 open (and 3 for resilience4j's other states, which
   * this client never uses). Null registry (no metrics backend, as in tests): nothing registered.
   */
  public void bindMetrics(MeterRegistry registry) {
    if (registry == null) return;
    Gauge.builder("ocbridge.onec.breaker.state", this, c -> switch (c.breakerState()) {
          case CLOSED -> 0;
          case HALF_OPEN -> 1;
          case OPEN -> 2;
          default -> 3;
        })
        .description("1C circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
    Gauge.builder("ocbridge.onec.requests.in.flight", this, OneCOrdersClient::inFlight)
        .description("Requests to 1C in flight").register(registry);
  }

  /** The push breaker, for the status endpoint and metrics. */
  public CircuitBreaker circuitBreaker() {
    return breaker.circuitBreaker();
  }

  public void close() {
    http.close();
  }
}
