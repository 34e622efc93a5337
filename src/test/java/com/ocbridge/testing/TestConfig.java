package com.ocbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;

/** A service configuration for tests: a fresh database, a temp data folder, a free port. */
public final class TestConfig {
  public static final String USER = "1c-exchange";
  public static final String PASSWORD = "s3cret-пароль";
  public static final String API_TOKEN = "test-api-token-123";

  private TestConfig() {}

  public static JsonObject base(String databaseUrl, Path dataDir) {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("dataDir", dataDir.toString())
        .put("exchange", new JsonObject().put("username", USER).put("password", PASSWORD).put("fileLimit", 65_536))
        .put("api", new JsonObject().put("tokens", new io.vertx.core.json.JsonArray().add(API_TOKEN)));
  }

  public static BridgeConfig load(JsonObject json) {
    try {
      JsonNode node = new ObjectMapper().readTree(json.encode());
      return new ConfigLoader(Map.of()).load(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
