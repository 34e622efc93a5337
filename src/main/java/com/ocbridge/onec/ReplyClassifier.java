package com.ocbridge.onec;

import com.ocbridge.onec.OneCReply.Kind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what 1C (or whatever stands in front of it) answered to {@code POST …/orders} into an action, following the
 * classification table of onec-http-services.md §2.2 and the bodies of §1.6. A pure function of (status,
 * content type, body); never trusts the status alone:
 * <ul>
 *   <li>2xx counts only with 1C's JSON answer ({@code "status":"created"|"exists"}); a gateway or login page with
 *       200 is treated like a 503.
 *   <li>403 is maintenance only when the body says that session start is prohibited (the platform's
 *       {@code #exception} JSON or its text); any other 403, like 401, means our login or rights are wrong.
 *   <li>404/405 without 1C's envelope come from the web server (publication or extension missing): setup, not data.
 *   <li>500 with 1C's envelope is the service's own caught error (bounded retries); 500 with platform text or the
 *       "1C:Enterprise 8 application error" page is an outage; a licence shortage is "busy".
 * </ul>
 * A UTF-8 BOM before the body is tolerated.
 */
public final class ReplyClassifier {
  private static final int EXCERPT = 300;
  private static final Set<String> DELIVERED_STATUSES = Set.of("created", "exists");
  /** The platform's text when the infobase is locked: "Начало сеанса с информационной базой запрещено". */
  private static final Pattern SESSION_PROHIBITED = Pattern.compile(
      "(начало сеанса|start of (the )?session|session start).{0,120}(запрещ|prohibit|not allowed|denied)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  private static final Pattern NO_LICENCE = Pattern.compile(
      "(не обнаружено свободной лицензии|свободн\\S* лицензи|no free licen[cs]e|licen[cs]e not found)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BY_REASON = Pattern.compile("(?:by reason|по причине)\\s*:\\s*(.+)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

  private ReplyClassifier() {}

  public static OneCReply classify(int status, String contentType, String rawBody) {
    Body body = Body.of(contentType, rawBody);
    if (status >= 200 && status < 300) {
      if (body.json != null && DELIVERED_STATUSES.contains(body.json.getValue("status") instanceof String s ? s : "")) {
        return new OneCReply(Kind.DELIVERED, status, "HTTP " + status + " " + body.json.getString("status"), body.json,
            null);
      }
      return OneCReply.of(Kind.TRANSIENT, status, "HTTP " + status + " but not 1C's JSON answer: " + body.describe());
    }
    if (status == 401) {
      return OneCReply.of(Kind.CONFIG, status, "HTTP 401: 1C refused the login (check onec.push.username/password): "
          + body.describe());
    }
    if (status == 403) {
      String text = body.exceptionText();
      if (SESSION_PROHIBITED.matcher(text).find()) {
        return OneCReply.of(Kind.MAINTENANCE, status, "HTTP 403 infobase locked: " + excerpt(text));
      }
      return OneCReply.of(Kind.CONFIG, status, "HTTP 403: the 1C user may not call the service: " + body.describe());
    }
    if (status == 406 || status == 429) {
      return OneCReply.of(Kind.BUSY, status, "HTTP " + status + " 1C busy (no free session or licence)"
          + (body.isEmpty() ? "" : ": " + body.describe()));
    }
    if (status == 404 || status == 405) {
      if (body.envelope() != null) return OneCReply.of(Kind.REJECTED, status, body.describe());
      return OneCReply.of(Kind.CONFIG, status, "HTTP " + status + " without 1C's envelope: service not published or "
          + "wrong onec.push.baseUrl: " + body.describe());
    }
    if (status >= 400 && status < 500) {
      JsonObject error = body.envelope();
      if (error != null && Boolean.TRUE.equals(error.getValue("retryable"))) {
        return OneCReply.of(Kind.INTERNAL, status, body.describe());
      }
      return OneCReply.of(Kind.REJECTED, status, body.describe());
    }
    if (status >= 500) {
      if (body.envelope() != null) return OneCReply.of(Kind.INTERNAL, status, body.describe());
      if (NO_LICENCE.matcher(body.text).find()) return OneCReply.of(Kind.BUSY, status, body.describe());
      return OneCReply.of(Kind.TRANSIENT, status, body.describe());
    }
    if (status >= 300) {
      return OneCReply.of(Kind.CONFIG, status, "HTTP " + status + " redirect (a login page or a wrong baseUrl?): "
          + body.describe());
    }
    return OneCReply.of(Kind.TRANSIENT, status, body.describe());
  }

  /** {@code GET …/ping} is healthy when it answers 200 with a JSON object; anything else is a failed probe. */
  public static OneCReply classifyPing(int status, String contentType, String rawBody) {
    Body body = Body.of(contentType, rawBody);
    if (status == 200 && body.json != null) return new OneCReply(Kind.DELIVERED, status, "ping ok", body.json, null);
    OneCReply asOrder = classify(status, contentType, rawBody);
    Kind kind = asOrder.kind() == Kind.DELIVERED ? Kind.TRANSIENT : asOrder.kind();
    return OneCReply.of(kind, status, "ping: " + asOrder.message());
  }

  static String excerpt(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
  }

  /** The body, read once: its text without BOM, its JSON object if it is one, and whether it is HTML. */
  private static final class Body {
    final String text;
    final JsonObject json;
    final boolean html;

    private Body(String text, JsonObject json, boolean html) {
      this.text = text;
      this.json = json;
      this.html = html;
    }

    static Body of(String contentType, String raw) {
      String text = raw == null ? "" : raw;
      if (text.startsWith("\uFEFF")) text = text.substring(1);
      String trimmed = text.strip();
      JsonObject json = null;
      if (trimmed.startsWith("{")) {
        try {
          json = new JsonObject(trimmed);
        } catch (DecodeException e) {
          json = null;
        }
      }
      String lower = trimmed.length() > 512 ? trimmed.substring(0, 512).toLowerCase(Locale.ROOT)
          : trimmed.toLowerCase(Locale.ROOT);
      boolean html = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
          || lower.startsWith("<!doctype") || lower.startsWith("<html") || lower.contains("<html");
      return new Body(text, json, html && json == null);
    }

    boolean isEmpty() {
      return text.isBlank();
    }

    /** The contract's error envelope {@code {"error":{"code","message",…}}}, or null. */
    JsonObject envelope() {
      if (json == null) return null;
      Object error = json.getValue("error");
      return error instanceof JsonObject e && e.getValue("code") instanceof String ? e : null;
    }

    /**
     * The useful text of the platform's {@code #exception} JSON: the {@code descr}s along the {@code exception}/
     * {@code inner} chain, without repeats (an outer descr often contains the inner one) and without the generic
     * "HTTP: Forbidden" wrapper; the whole body when it is not such JSON. The lock reason an administrator typed
     * ("Ведутся технические работы") is usually innermost, the "session start prohibited" sentence one level up.
     */
    String exceptionText() {
      if (json == null || !(json.getValue("exception") instanceof JsonObject)) return text;
      java.util.List<String> kept = new java.util.ArrayList<>();
      Object node = json.getValue("exception");
      while (node instanceof JsonObject o) {
        if (o.getValue("descr") instanceof String d && !d.isBlank()) {
          String descr = excerpt(d);
          if (kept.stream().noneMatch(k -> k.contains(descr))) {
            kept.removeIf(descr::contains);
            kept.add(descr);
          }
        }
        Object inner = o.getValue("inner");
        node = inner instanceof JsonArray a && !a.isEmpty() ? a.getValue(0) : inner;
      }
      java.util.List<String> meaningful = kept.stream().filter(k -> !k.startsWith("HTTP: ")).toList();
      java.util.List<String> chosen = meaningful.isEmpty() ? kept : meaningful;
      return chosen.isEmpty() ? text : String.join(" ", chosen);
    }

    /** A one-line, bounded description for logs and the outbox's last error. */
    String describe() {
      JsonObject error = envelope();
      if (error != null) {
        return error.getString("code") + ": " + excerpt(String.valueOf(error.getValue("message", "")));
      }
      if (json != null && json.getValue("exception") instanceof JsonObject) return excerpt(exceptionText());
      if (html) return describeHtml();
      if (text.isBlank()) return "(empty body)";
      return excerpt(text);
    }

    private String describeHtml() {
      String plain = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
          .replace("&nbsp;", " ").replace("&apos;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
      Matcher reason = BY_REASON.matcher(plain);
      Matcher title = TITLE.matcher(text);
      String t = title.find() ? excerpt(title.group(1)) : "";
      if (reason.find()) return "HTML page " + (t.isEmpty() ? "" : "\"" + t + "\" ") + "by reason: " + excerpt(reason.group(1));
      if (!t.isEmpty()) return "HTML page \"" + t + "\"";
      return "HTML page: " + excerpt(plain);
    }
  }
}
