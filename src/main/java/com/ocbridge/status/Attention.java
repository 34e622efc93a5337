package com.ocbridge.status;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Something that needs a person. {@code code} is a stable identifier the console translates; {@code message} the
 * Russian text: what happened, what the bridge does next, what a person may do.
 */
public record Attention(String code, Severity severity, Instant since, String message, JsonObject params) {
  public enum Severity {
    CRITICAL, WARNING;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("severity", severity.wire())
        .put("since", since == null ? null : since.toString()).put("message", message).put("params", params);
  }
}
