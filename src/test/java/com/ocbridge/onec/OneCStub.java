package com.ocbridge.onec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 1C's orders HTTP service as WireMock stubs written from the contract (onec-http-services.md §2.2), on 127.0.0.1
 * and a free port. The orders endpoint behaves like the 1C side we ask for: it keeps a register of idempotency keys
 * and payload hashes, creates an order once (201), answers a repeat with the same hash 200 "exists" and a changed
 * one 409 ORDER_CHANGED. {@link #created()} is that register in creation order: "what 1C recorded".
 */
final class OneCStub implements AutoCloseable {
  static final String ROOT = "/trade/hs/site/v1";
  static final String ORDERS = ROOT + "/orders";
  static final String PING = ROOT + "/ping";
  static final String USER = "СайтОбмен";
  static final String PASSWORD = "пароль-№1";
  /** Built here independently of the client: Base64 of the UTF-8 bytes, as 1C expects. */
  static final String AUTHORIZATION = "Basic "
      + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  final WireMockServer server;
  private final Register register = new Register();

  OneCStub() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(register)
        .containerThreads(40).jettyAcceptors(2));
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + ROOT);
  }

  OneCPushSettings settings() {
    return OneCPushSettings.defaults(baseUrl(), USER, PASSWORD);
  }

  void reset() {
    server.resetAll();
    register.clear();
  }

  /** POST …/orders as 1C sees it: authenticated, JSON, with an idempotency key. */
  static MappingBuilder orderPost() {
    return post(ORDERS)
        .withHeader("Authorization", equalTo(AUTHORIZATION))
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withHeader("Accept", equalTo("application/json"));
  }

  /** The idempotent orders service (201 / 200 exists / 409), optionally in a scenario state. */
  static ResponseDefinitionBuilder idempotent() {
    return aResponse().withTransformers(Register.NAME);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", OneCFixtures.JSON).withBody(body);
  }

  static ResponseDefinitionBuilder html(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", OneCFixtures.HTML).withBody(body);
  }

  void acceptOrders() {
    server.stubFor(orderPost().willReturn(idempotent()));
    pingOk();
  }

  void pingOk() {
    server.stubFor(get(PING).withHeader("Authorization", equalTo(AUTHORIZATION))
        .willReturn(json(200, OneCFixtures.PING)));
  }

  /** The first request for this idempotency key is answered only after {@code millis} (it is recorded at once). */
  void delayFirst(String idempotencyKey, int millis) {
    register.delayFirst(idempotencyKey, millis);
  }

  /** Idempotency keys in the order 1C created the orders; each key at most once by construction. */
  List<String> created() {
    return register.created();
  }

  /** Every POST …/orders that reached the stub for this key, whatever it answered. */
  long postsFor(String idempotencyKey) {
    return orderRequests().stream().filter(r -> idempotencyKey.equals(r.getHeader("Idempotency-Key"))).count();
  }

  List<LoggedRequest> orderRequests() {
    return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(ORDERS)));
  }

  long pings() {
    return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(PING))).size();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** The 1C side's register of site orders (Источник + ИдЗаказа → hash), as a WireMock response transformer. */
  static final class Register implements ResponseDefinitionTransformerV2 {
    static final String NAME = "onec-orders-register";
    private final Map<String, String> hashes = new HashMap<>();
    private final List<String> created = new ArrayList<>();
    private final Map<String, Integer> delays = new HashMap<>();

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    synchronized void clear() {
      hashes.clear();
      created.clear();
      delays.clear();
    }

    synchronized void delayFirst(String key, int millis) {
      delays.put(key, millis);
    }

    synchronized List<String> created() {
      return List.copyOf(created);
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
      LoggedRequest request = event.getRequest();
      String key = request.getHeader("Idempotency-Key");
      JsonObject order;
      try {
        order = new JsonObject(request.getBodyAsString());
      } catch (RuntimeException e) {
        return json(400, OneCFixtures.error("SCHEMA", "тело не JSON", false)).build();
      }
      String expectedKey = order.getString("source") + ":" + order.getString("storeId") + ":"
          + order.getString("siteOrderId");
      String hash = order.getString("payloadHash");
      if (key == null || !key.equals(expectedKey) || hash == null || !hash.startsWith("sha256:")
          || order.getInteger("schemaVersion", 0) != 1) {
        return json(400, OneCFixtures.error("SCHEMA", "Idempotency-Key, payloadHash or schemaVersion wrong", false))
            .build();
      }
      String siteOrderId = order.getString("siteOrderId");
      String known = hashes.get(key);
      ResponseDefinitionBuilder answer;
      if (known == null) {
        hashes.put(key, hash);
        created.add(key);
        answer = json(201, OneCFixtures.created(siteOrderId))
            .withHeader("Location", ORDERS + "/" + siteOrderId + "?source=opencart");
      } else if (known.equals(hash)) {
        answer = json(200, OneCFixtures.exists(siteOrderId));
      } else {
        answer = json(409, OneCFixtures.ORDER_CHANGED);
      }
      Integer delay = delays.remove(key);
      if (delay != null) answer.withFixedDelay(delay);
      return answer.build();
    }
  }
}
