package com.ocbridge.opencart;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock stubs for the OCBridge v1 contract (opencart-bridge-v1.md §8): path {@code /index.php},
 * query {@code route} and {@code op}, both auth headers, JSON content type on POST.
 */
public final class BridgeStubs {

  public static final String ROUTE = "extension/ocbridge/api";
  public static final String USER = "Default";
  public static final String KEY = "s3cr3t-KEY-0123456789";

  private BridgeStubs() {
  }

  /** A WireMock server on a free port of 127.0.0.1. */
  public static WireMockServer startServer(Extension... extensions) {
    WireMockServer server = new WireMockServer(wireMockConfig()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(30)
        .extensions(extensions));
    server.start();
    return server;
  }

  /** Fast settings for stubs: short timeout and backoff, 3 attempts, concurrency 4. */
  public static OpenCartSettings settings(WireMockServer server) {
    return OpenCartSettings.of("http://127.0.0.1:" + server.port() + "/", USER, KEY)
        .withRequestTimeout(Duration.ofMillis(1500))
        .withRetry(3, Duration.ofMillis(20), Duration.ofMillis(100));
  }

  /** A read: GET with route, op and auth. */
  public static MappingBuilder get(String op) {
    return WireMock.get(urlPathEqualTo("/index.php"))
        .withQueryParam("route", equalTo(ROUTE))
        .withQueryParam("op", equalTo(op))
        .withHeader("X-Api-Username", equalTo(USER))
        .withHeader("X-Api-Key", equalTo(KEY));
  }

  /** A write: POST with route, op, auth and a JSON body. */
  public static MappingBuilder post(String op) {
    return WireMock.post(urlPathEqualTo("/index.php"))
        .withQueryParam("route", equalTo(ROUTE))
        .withQueryParam("op", equalTo(op))
        .withHeader("X-Api-Username", equalTo(USER))
        .withHeader("X-Api-Key", equalTo(KEY))
        .withHeader("Content-Type", containing("application/json"));
  }

  /** HTTP 200 {@code {"data": <dataJson>}}. */
  public static ResponseDefinitionBuilder data(String dataJson) {
    return json(200, "{\"data\":" + dataJson + "}");
  }

  public static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  /** The contract's error envelope. */
  public static ResponseDefinitionBuilder error(int status, String code, String message, String detailsJson) {
    return json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":"
        + detailsJson + "}}");
  }

  /** A JSON document from {@code src/test/resources/opencart/bridge-v1/}. */
  public static String resource(String name) {
    try (InputStream in = BridgeStubs.class.getResourceAsStream("/opencart/bridge-v1/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Requests WireMock received for an op, oldest first. */
  public static List<ServeEvent> served(WireMockServer server, String op) {
    return server.getAllServeEvents().stream()
        .filter(e -> op.equals(queryOp(e)))
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .collect(Collectors.toList());
  }

  private static String queryOp(ServeEvent e) {
    var param = e.getRequest().queryParameter("op");
    return param.isPresent() ? param.firstValue() : null;
  }

  /** Waits (on the test thread) until WireMock has logged {@code count} requests for the op. */
  public static int awaitServed(WireMockServer server, String op, int count, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    int seen = served(server, op).size();
    while (seen < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
      seen = served(server, op).size();
    }
    return seen;
  }
}
