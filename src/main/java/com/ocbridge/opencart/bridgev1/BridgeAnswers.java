package com.ocbridge.opencart.bridgev1;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.ocbridge.opencart.ErrorDetails;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartException;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Turns what came back from the shop (or the failure to get anything) into either the envelope's
 * {@code data} or an {@link OpenCartException} whose message says what to check.
 *
 * <p>Only a JSON content type with a parseable body counts as an answer: OpenCart answers missing
 * routes, PHP fatals and some auth failures with HTML and status 200, and PHP warnings can precede
 * the JSON, so anything else is an error even when the status says success.
 */
final class BridgeAnswers {

  private static final int SNIPPET = 160;

  private final String baseUrl;
  private final long timeoutMillis;

  BridgeAnswers(String baseUrl, long timeoutMillis) {
    this.baseUrl = baseUrl;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The {@code data} of a successful answer; throws {@link OpenCartException} for anything else, marked as a
   * repeatable request when the op may be repeated (what the retry rule reads).
   */
  JsonNode dataOf(BridgeOp op, HttpResponse<Buffer> response) {
    try {
      return answerData(op, response);
    } catch (OpenCartException e) {
      throw op.idempotent() ? e.ofRepeatableRequest() : e;
    }
  }

  /** Maps a failure to get an answer (timeout, refused, reset) onto TIMEOUT / CONNECTION, marked as dataOf does. */
  Throwable transportFailure(BridgeOp op, Throwable failure) {
    Throwable mapped = noAnswer(op, failure);
    return mapped instanceof OpenCartException e && op.idempotent() ? e.ofRepeatableRequest() : mapped;
  }

  private JsonNode answerData(BridgeOp op, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String contentType = response.getHeader("Content-Type");
    byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
    if (status >= 300 && status < 400) {
      throw new OpenCartException(ErrorKind.NOT_JSON, op.wireName(), status, null, null, Map.of(),
          "OpenCart redirected op=" + op.wireName() + " (HTTP " + status + ") to "
              + response.getHeader("Location") + ": set opencart.baseUrl to the final address (was "
              + baseUrl + ")", null);
    }
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw notJson(op, status, contentType, body, null);
    }
    JsonNode root;
    try {
      root = BridgeJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw notJson(op, status, contentType, body, e);
    }
    if (root != null && root.isObject() && root.get("error") != null && root.get("error").isObject()) {
      throw envelopeError(op, status, root.get("error"));
    }
    if (status < 200 || status >= 300) {
      ErrorKind kind = kindOfStatus(status);
      throw new OpenCartException(kind, op.wireName(), status, null, null, Map.of(),
          describe(kind, op, status, null, "no error envelope; body starts: " + snippet(body), Map.of()),
          null);
    }
    if (root == null || !root.isObject() || !root.has("data")) {
      throw new OpenCartException(ErrorKind.NOT_JSON, op.wireName(), status, null, null, Map.of(),
          "OpenCart answered JSON without the bridge's {\"data\":…} envelope for op=" + op.wireName()
              + " (HTTP " + status + "): is the OCBridge extension installed at " + baseUrl
              + "? Body starts: " + snippet(body), null);
    }
    return root.get("data");
  }

  private Throwable noAnswer(BridgeOp op, Throwable failure) {
    if (failure instanceof OpenCartException) {
      return failure;
    }
    if (failure instanceof TimeoutException
        || failure.getClass().getSimpleName().contains("Timeout")) {
      return OpenCartException.of(ErrorKind.TIMEOUT, op.wireName(),
          "No answer from OpenCart within " + timeoutMillis + " ms for op=" + op.wireName() + " at "
              + baseUrl + " (" + failure.getMessage() + ")", failure);
    }
    if (failure instanceof IOException || failure instanceof VertxException) {
      String what = failure instanceof ConnectException ? "Could not connect to" : "Connection failed with";
      return OpenCartException.of(ErrorKind.CONNECTION, op.wireName(),
          what + " OpenCart at " + baseUrl + " for op=" + op.wireName() + ": " + failure.getMessage(), failure);
    }
    return failure; // a bug on our side: let it surface as itself
  }

  /** Reads an item-level or request-level {@code error} object. */
  static Map<String, Object> detailsOf(JsonNode error) {
    JsonNode details = error.get("details");
    if (details == null || !details.isObject()) {
      return Map.of();
    }
    return BridgeJson.MAPPER.convertValue(details, new TypeReference<Map<String, Object>>() { });
  }

  static ErrorKind kindOf(String code, int status) {
    if (code != null) {
      switch (code) {
        case "unauthorized":
          return ErrorKind.UNAUTHORIZED;
        case "forbidden_ip":
          return ErrorKind.FORBIDDEN_IP;
        case "not_found":
          return ErrorKind.NOT_FOUND;
        case "ambiguous":
          return ErrorKind.AMBIGUOUS;
        case "validation":
          return ErrorKind.VALIDATION;
        case "bad_request":
        case "method_not_allowed":
          return ErrorKind.BAD_REQUEST;
        case "payload_too_large":
          return ErrorKind.PAYLOAD_TOO_LARGE;
        case "internal":
          return ErrorKind.SERVER;
        case "busy":
          return ErrorKind.BUSY;
        default:
          break;
      }
    }
    return kindOfStatus(status);
  }

  private static ErrorKind kindOfStatus(int status) {
    switch (status) {
      case 401:
        return ErrorKind.UNAUTHORIZED;
      case 403:
        return ErrorKind.FORBIDDEN_IP;
      case 404:
        return ErrorKind.NOT_FOUND;
      case 409:
        return ErrorKind.AMBIGUOUS;
      case 413:
        return ErrorKind.PAYLOAD_TOO_LARGE;
      case 422:
        return ErrorKind.VALIDATION;
      case 429:
        return ErrorKind.SERVER; // the host asks to slow down: back off and retry
      default:
        return status >= 500 ? ErrorKind.SERVER : ErrorKind.BAD_REQUEST;
    }
  }

  private OpenCartException envelopeError(BridgeOp op, int status, JsonNode error) {
    String code = text(error, "code");
    String message = text(error, "message");
    Map<String, Object> details = detailsOf(error);
    ErrorKind kind = kindOf(code, status);
    return new OpenCartException(kind, op.wireName(), status, code, message, details,
        describe(kind, op, status, code, message, details), null);
  }

  private OpenCartException notJson(BridgeOp op, int status, String contentType, byte[] body, Exception cause) {
    boolean html = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
        || looksLikeHtml(body);
    String what = html ? "HTML" : contentType == null ? "a body without content type"
        : cause != null ? "broken JSON (" + contentType + ")" : contentType;
    // a proxy's 502/503 page is a server failure worth retrying, not a protocol problem
    ErrorKind kind = status >= 500 || status == 429 ? ErrorKind.SERVER : ErrorKind.NOT_JSON;
    String hint = kind == ErrorKind.SERVER ? "the shop or a proxy in front of it failed."
        : "is the OCBridge extension installed at " + baseUrl + "?";
    return new OpenCartException(kind, op.wireName(), status, null, null, Map.of(),
        "OpenCart answered " + what + " instead of JSON for op=" + op.wireName() + " (HTTP " + status + "): "
            + hint + " Body starts: " + snippet(body), cause);
  }

  private String describe(ErrorKind kind, BridgeOp op, int status, String code, String message,
              Map<String, Object> details) {
    String shop = "(HTTP " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message) + ")";
    String name = op.wireName();
    switch (kind) {
      case UNAUTHORIZED:
        return "OpenCart refused the API credentials for op=" + name + " " + shop
            + ": check opencart.apiUsername/opencart.apiKey and that the API user is enabled at " + baseUrl;
      case FORBIDDEN_IP:
        return "OpenCart refused op=" + name + " from IP " + ErrorDetails.ip(details) + " " + shop
            + ": add this IP to the API user's allowed IPs (System › Users › API) at " + baseUrl;
      case NOT_FOUND:
        return "OpenCart found nothing for op=" + name + " " + shop;
      case AMBIGUOUS:
        return "OpenCart found several products for op=" + name + " " + shop + ": product ids "
            + ErrorDetails.productIds(details);
      case VALIDATION:
        return "OpenCart rejected the data of op=" + name + " " + shop + ": "
            + ErrorDetails.fieldErrors(details).entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
      case PAYLOAD_TOO_LARGE:
        return "OpenCart refused op=" + name + " because the request is too large " + shop
            + ": send smaller batches or images";
      case SERVER:
        return "OpenCart failed on op=" + name + " " + shop;
      case BUSY:
        return "OpenCart's database was busy on op=" + name + " " + shop + ": nothing was applied, the bridge sends it again";
      default:
        return "OpenCart refused op=" + name + " as a bad request " + shop;
    }
  }

  private static boolean looksLikeHtml(byte[] body) {
    String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8)
        .stripLeading().toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<br")
        || start.startsWith("<b>");
  }

  private static String snippet(byte[] body) {
    if (body.length == 0) {
      return "(empty)";
    }
    String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").strip();
    return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
