package com.ocbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.BridgeApp;
import com.ocbridge.testing.DigestProcessor;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http.trustedProxies} over a real socket. Behind a trusted proxy (here the test itself, 127.0.0.1) the
 * address that proxy forwards is the one throttled and locked out, so one client's wrong tokens lock that client and
 * not every caller of the proxy. Where the peer is not trusted the header is ignored: a client cannot escape its
 * lockout by forging a new X-Forwarded-For with every attempt.
 */
class TrustedProxyTest {
  private static final int FAILURES = 2;
  private static final String WRONG_TOKEN = "not-the-token-987654";

  @TempDir static Path behindDir;
  @TempDir static Path directDir;
  static BridgeApp behindProxy;
  static BridgeApp direct;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    behindProxy = started(behindDir, new JsonArray().add("127.0.0.1").add("10.0.0.0/8"));
    direct = started(directDir, new JsonArray().add("192.0.2.10"));
  }

  private static BridgeApp started(Path dataDir, JsonArray proxies) throws Exception {
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dataDir)
        .put("security", new JsonObject().put("loginFailures", FAILURES).put("lockoutSeconds", 60));
    json.getJsonObject("http").put("trustedProxies", proxies);
    BridgeApp app = new BridgeApp(TestConfig.load(json), (vertx, pool, cfg, shop) -> Map.of("catalog", new DigestProcessor(vertx)));
    app.start().await(60, TimeUnit.SECONDS);
    return app;
  }

  @AfterAll
  static void stop() {
    if (behindProxy != null) behindProxy.stop(Duration.ofSeconds(30));
    if (direct != null) direct.stop(Duration.ofSeconds(30));
  }

  @Test
  void behindATrustedProxyTheForwardedClientIsLockedOutAndOthersAreNot() throws Exception {
    // the client's own (forgeable) entry comes first, then what a trusted inner proxy (10.1.2.3) appended
    String chain = "198.51.100.66, 203.0.113.7, 10.1.2.3";
    for (int i = 0; i < FAILURES; i++) {
      assertEquals(401, get(behindProxy, WRONG_TOKEN, chain).statusCode());
    }
    HttpResponse<String> locked = get(behindProxy, TestConfig.API_TOKEN, chain);
    assertEquals(429, locked.statusCode(), locked.body());
    assertTrue(locked.body().contains("203.0.113.7"), "the lock names the forwarded client: " + locked.body());

    // another client behind the same proxy, and the proxy's own calls, are not locked
    assertEquals(200, get(behindProxy, TestConfig.API_TOKEN, "203.0.113.8").statusCode());
    assertEquals(200, get(behindProxy, TestConfig.API_TOKEN, null).statusCode());
    // the client cannot step out of its lock by changing what it writes itself to the left of the proxies' entries
    assertEquals(429, get(behindProxy, TestConfig.API_TOKEN, "192.0.2.99, 203.0.113.7, 10.1.2.3").statusCode());
  }

  @Test
  void fromAPeerThatIsNotTrustedTheHeaderIsIgnored() throws Exception {
    for (int i = 0; i < FAILURES; i++) {
      // a new forged address with every attempt
      assertEquals(401, get(direct, WRONG_TOKEN, "198.51.100." + (i + 1)).statusCode());
    }
    HttpResponse<String> locked = get(direct, TestConfig.API_TOKEN, "198.51.100.200");
    assertEquals(429, locked.statusCode(), locked.body());
    assertTrue(locked.body().contains("127.0.0.1"), "the socket's peer is what is locked: " + locked.body());
  }

  private static HttpResponse<String> get(BridgeApp app, String token, String forwardedFor) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort()
        + "/api/v1/exchanges")).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
    if (forwardedFor != null) request.header("X-Forwarded-For", forwardedFor);
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
