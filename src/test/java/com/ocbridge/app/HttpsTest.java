package com.ocbridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http.tls.certFile} / {@code keyFile}: the service answers HTTPS with that certificate (a client that trusts
 * exactly it gets the exchange's checkauth through, with Basic credentials over TLS) and plain HTTP on the port gets
 * no answer.
 */
class HttpsTest {
  @TempDir Path dir;

  @Test
  void theServiceServesHttpsFromPemFiles() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    selfSigned(cert, key);
    JsonObject json = TestConfig.base(TestDatabase.newDatabase(), dir.resolve("data"));
    json.getJsonObject("http").put("tls", new JsonObject().put("certFile", cert.toString()).put("keyFile", key.toString()));
    BridgeApp app = new BridgeApp(TestConfig.load(json));
    app.start().await(60, TimeUnit.SECONDS);
    try {
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      String login = Base64.getEncoder().encodeToString((TestConfig.USER + ":" + TestConfig.PASSWORD)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> checkauth = https.send(HttpRequest.newBuilder(URI.create("https://localhost:"
          + app.httpPort() + "/1c/exchange?type=catalog&mode=checkauth")).header("Authorization", "Basic " + login)
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, checkauth.statusCode(), checkauth.body());
      assertEquals("success", checkauth.body().split("\n")[0]);

      HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + app.httpPort() + "/health/live")).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port must not be answered");
    } finally {
      app.stop(Duration.ofSeconds(30));
    }
  }

  /** A certificate for localhost made by openssl, as an operator would make a test one. */
  private static void selfSigned(Path cert, Path key) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
          "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
          "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "openssl is not installed here, so no certificate can be made for the HTTPS test: " + e);
      return;
    }
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), output);
  }

  private static SSLContext trusting(Path cert) throws Exception {
    X509Certificate x509;
    try (var in = Files.newInputStream(cert)) {
      x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("bridge", x509);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
