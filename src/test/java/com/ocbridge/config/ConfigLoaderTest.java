package com.ocbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BridgeConfig load(String json, Map<String, String> env) throws Exception {
    return new ConfigLoader(env).load(JSON.readTree(json));
  }

  private static final String MINIMAL = "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"}}";

  @Test
  void defaultsFromTheInterfaceDocument() throws Exception {
    BridgeConfig c = load(MINIMAL, Map.of());
    assertEquals("0.0.0.0", c.http().host());
    assertEquals(8080, c.http().port());
    assertTrue(c.database().embedded());
    assertEquals(Path.of("data"), c.dataDir());
    assertEquals("/1c/exchange", c.exchange().path());
    assertEquals(104_857_600L, c.exchange().fileLimit());
    assertTrue(c.exchange().zip());
    assertEquals("windows-1251", c.exchange().responseCharset());
    assertEquals("bridge-v1", c.opencart().flavour());
    assertEquals("", c.opencart().language(), "empty = the shop's own default language, read from ping");
    assertEquals(List.of(0), c.opencart().storeIds());
    assertEquals(4, c.opencart().concurrency());
    assertEquals("disable", c.catalog().fullImportMissing());
    assertEquals(new BigDecimal("0.3"), c.catalog().maxDisableShare());
    assertEquals(60, c.orders().pollSeconds());
    assertEquals(List.of(1, 2), c.orders().statusIds());
    assertFalse(c.onec().push().enabled());
  }

  @Test
  void theShippedSecretsAreRefusedBeyondLoopback() throws Exception {
    String shipped = "{\"http\":{\"host\":\"0.0.0.0\"},\"exchange\":{\"username\":\"user\",\"password\":\"pass\"}}";
    ConfigException e = assertThrows(ConfigException.class, () -> load(shipped, Map.of()));
    assertEquals("exchange.password", e.key());
    assertTrue(e.getMessage().contains("0.0.0.0") && e.getMessage().contains("127.0.0.1"), e.getMessage());
    ConfigException token = assertThrows(ConfigException.class, () -> load("{\"http\":{\"host\":\"10.0.0.5\"},"
        + "\"exchange\":{\"username\":\"u\",\"password\":\"Long-Own-Secret\"},\"api\":{\"tokens\":[\"change-me-api-token\"]}}",
        Map.of()));
    assertEquals("api.tokens", token.key());
    // on loopback (behind a reverse proxy, or trying it out) the shipped file starts
    assertEquals("127.0.0.1", new ConfigLoader(Map.of()).load(Path.of("config.json")).http().host());
    // an own secret from the environment makes a public listener fine
    assertEquals("0.0.0.0", load(shipped, Map.of("BRIDGE_EXCHANGE_PASSWORD", "Own-Secret-42")).http().host());
  }

  @Test
  void theShippedConfigFileIsValid() {
    BridgeConfig c = new ConfigLoader(Map.of()).load(Path.of("config.json"));
    assertEquals("/1c/exchange", c.exchange().path());
  }

  @Test
  void environmentOverridesEveryScalarAndLists() throws Exception {
    BridgeConfig c = load(MINIMAL, Map.of(
        "BRIDGE_HTTP_PORT", "9090",
        "BRIDGE_OPENCART_BASEURL", "https://shop.example/",
        "BRIDGE_OPENCART_APIUSERNAME", "api",
        "BRIDGE_OPENCART_APIKEY", "k3y",
        "BRIDGE_EXCHANGE_ZIP", "false",
        "BRIDGE_ORDERS_STATUSIDS", "2, 5",
        "BRIDGE_API_TOKENS", "[\"token-aaaaaaaa\",\"token-bbbbbbbb\"]",
        "BRIDGE_ORDERS_STATUSMAP", "{\"Отгружен\":3}"));
    assertEquals(9090, c.http().port());
    assertEquals("https://shop.example/", c.opencart().baseUrl().toString());
    assertEquals("k3y", c.opencart().apiKey());
    assertFalse(c.exchange().zip());
    assertEquals(List.of(2, 5), c.orders().statusIds());
    assertEquals(List.of("token-aaaaaaaa", "token-bbbbbbbb"), c.api().tokens());
    assertEquals(Map.of("Отгружен", 3), c.orders().statusMap());
  }

  @Test
  void unknownKeysAreRejectedByName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load("{\"exchange\":{\"username\":\"u\",\"password\":\"p\",\"fileLimt\":5}}", Map.of()));
    assertEquals("exchange.fileLimt", e.key());
    assertTrue(e.getMessage().contains("unknown key"));
    assertEquals("colour", assertThrows(ConfigException.class,
        () -> load("{\"colour\":1,\"exchange\":{\"username\":\"u\",\"password\":\"p\"}}", Map.of())).key());
  }

  @Test
  void badValuesNameTheirKey() {
    assertEquals("http.port", assertThrows(ConfigException.class,
        () -> load("{\"http\":{\"port\":\"eighty\"},\"exchange\":{\"username\":\"u\",\"password\":\"p\"}}", Map.of())).key());
    assertEquals("exchange.responseCharset", assertThrows(ConfigException.class,
        () -> load("{\"exchange\":{\"username\":\"u\",\"password\":\"p\",\"responseCharset\":\"koi8-r\"}}", Map.of())).key());
    assertEquals("catalog.maxDisableShare", assertThrows(ConfigException.class,
        () -> load("{\"catalog\":{\"maxDisableShare\":1.5},\"exchange\":{\"username\":\"u\",\"password\":\"p\"}}", Map.of())).key());
    assertEquals("exchange.username", assertThrows(ConfigException.class, () -> load("{}", Map.of())).key());
    assertEquals("onec.push.baseUrl", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_ONEC_PUSH_ENABLED", "true"))).key());
    assertEquals("http.port", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_HTTP_PORT", "x"))).key());
    assertEquals("opencart.flavour", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_OPENCART_FLAVOUR", "rest-admin"))).key());
    assertEquals("opencart.apiKey", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_OPENCART_BASEURL", "http://shop/", "BRIDGE_OPENCART_APIUSERNAME", "a"))).key());
  }

  @Test
  void trustedProxiesAndTlsFilesAreCheckedByName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    assertEquals(List.of(), load(MINIMAL, Map.of()).http().trustedProxies());
    assertEquals(null, load(MINIMAL, Map.of()).http().tls());
    assertEquals(List.of("127.0.0.1", "10.0.0.0/8"),
        load(MINIMAL, Map.of("BRIDGE_HTTP_TRUSTEDPROXIES", "127.0.0.1,10.0.0.0/8")).http().trustedProxies());
    ConfigException name = assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_HTTP_TRUSTEDPROXIES", "proxy.example")));
    assertEquals("http.trustedProxies", name.key());
    assertTrue(name.getMessage().contains("proxy.example"), name.getMessage());
    assertEquals("http.trustedProxies", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_HTTP_TRUSTEDPROXIES", "0.0.0.0/0"))).key());

    Path cert = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path key = java.nio.file.Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
    assertEquals(new BridgeConfig.Tls(cert, key), load(MINIMAL, Map.of("BRIDGE_HTTP_TLS_CERTFILE", cert.toString(),
        "BRIDGE_HTTP_TLS_KEYFILE", key.toString())).http().tls());
    assertEquals("http.tls.keyFile", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_HTTP_TLS_CERTFILE", cert.toString()))).key());
    ConfigException missing = assertThrows(ConfigException.class, () -> load(MINIMAL, Map.of(
        "BRIDGE_HTTP_TLS_CERTFILE", dir.resolve("nope.pem").toString(), "BRIDGE_HTTP_TLS_KEYFILE", key.toString())));
    assertEquals("http.tls.certFile", missing.key());
    assertTrue(missing.getMessage().contains("nope.pem"), missing.getMessage());
  }

  @Test
  void retentionHasDefaultsAndZeroMeansTheDefault() throws Exception {
    assertEquals(new BridgeConfig.Retention(true, 30, 7, 30, 2, 500, 60), load(MINIMAL, Map.of()).retention());
    String zeros = "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"},\"retention\":{\"outboxDoneDays\":0,"
        + "\"stockMessageDays\":0,\"saleBatchDays\":0,\"sessionDays\":0,\"batchSize\":0,\"intervalMinutes\":0}}";
    assertEquals(new BridgeConfig.Retention(true, 30, 7, 30, 2, 500, 60), load(zeros, Map.of()).retention());
    String own = "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"},\"retention\":{\"enabled\":false,"
        + "\"outboxDoneDays\":90,\"stockMessageDays\":1,\"saleBatchDays\":3650,\"sessionDays\":2,\"batchSize\":10,"
        + "\"intervalMinutes\":1440}}";
    assertEquals(new BridgeConfig.Retention(false, 90, 1, 3650, 2, 10, 1440), load(own, Map.of()).retention());
    assertEquals(14, load(MINIMAL, Map.of("BRIDGE_RETENTION_OUTBOXDONEDAYS", "14")).retention().outboxDoneDays());
    assertEquals(new BridgeConfig.Retention(true, 30, 7, 30, 2, 500, 60),
        new ConfigLoader(Map.of()).load(Path.of("config.json")).retention(), "the shipped file says the defaults");
  }

  @Test
  void badRetentionValuesNameTheirKey() {
    for (String bad : List.of("outboxDoneDays:-1", "outboxDoneDays:3651", "stockMessageDays:-7", "saleBatchDays:4000",
        "sessionDays:1", "batchSize:5", "batchSize:10001", "intervalMinutes:-1", "intervalMinutes:1441")) {
      String key = bad.substring(0, bad.indexOf(':'));
      String json = "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"},\"retention\":{\"" + key + "\":"
          + bad.substring(bad.indexOf(':') + 1) + "}}";
      ConfigException e = assertThrows(ConfigException.class, () -> load(json, Map.of()), bad);
      assertEquals("retention." + key, e.key());
      assertTrue(e.getMessage().contains("must be 0 (the default"), e.getMessage());
    }
    assertEquals("retention.sessionDays", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_RETENTION_SESSIONDAYS", "one"))).key());
    assertEquals("retention.enabled", assertThrows(ConfigException.class,
        () -> load(MINIMAL, Map.of("BRIDGE_RETENTION_ENABLED", "sometimes"))).key());
    assertEquals("retention.outboxDays", assertThrows(ConfigException.class, () -> load(
        "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"},\"retention\":{\"outboxDays\":3}}", Map.of())).key());
  }

  @Test
  void secretsNeverAppearInToString() throws Exception {
    BridgeConfig c = load("{\"exchange\":{\"username\":\"u\",\"password\":\"hunter2\"},"
        + "\"database\":{\"url\":\"postgresql://bridge:dbpass@db:5432/b\"},"
        + "\"opencart\":{\"baseUrl\":\"http://shop/\",\"apiUsername\":\"a\",\"apiKey\":\"oc-secret-key\"},"
        + "\"api\":{\"tokens\":[\"api-token-secret\"]}}", Map.of());
    String text = c.toString();
    for (String secret : List.of("hunter2", "dbpass", "oc-secret-key", "api-token-secret")) {
      assertFalse(text.contains(secret), "leaks " + secret + ": " + text);
    }
  }
}
