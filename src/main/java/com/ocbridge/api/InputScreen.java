package com.ocbridge.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Refuses hostile input before it is turned into objects (issue 16): one streaming pass over a JSON body checks
 * its syntax, nesting depth ({@value #MAX_DEPTH}), array sizes ({@value #MAX_ITEMS} elements, the contract's
 * {@code maxItems}), numbers (not finite → refused) and strings (control characters → refused), naming the field;
 * {@link #query} checks a raw query string for malformed percent-encoding and control characters.
 * Allowed control characters in text: tab, LF and CR (1C writes CRLF in comments); every other C0 character
 * (NUL among them) and DEL are refused.
 */
public final class InputScreen {
  public static final int MAX_ITEMS = 100_000;
  static final int MAX_DEPTH = 32;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).maxNumberLength(100).build())
      .build();

  private InputScreen() {}

  /** A problem with the named field, as the error envelope shows it. */
  static ApiError field(int status, String code, String field, String problem) {
    return new ApiError(status, code, field + " " + problem,
        new JsonObject().put("fields", new JsonObject().put(field, problem)));
  }

  /** The first control character that text must not hold, or -1. */
  public static int forbiddenControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return c;
    }
    return -1;
  }

  public static String describeControl(int c) {
    return String.format("contains a control character (U+%04X)", c);
  }

  /** Throws an ApiError for a body that must not reach the validator; an empty body passes (the contract decides). */
  static void body(Buffer raw) {
    if (raw == null || raw.length() == 0) return;
    Deque<String> path = new ArrayDeque<>();
    Deque<int[]> counts = new ArrayDeque<>();
    String name = null;
    try (JsonParser p = FACTORY.createParser(raw.getBytes())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        String here = where(path, counts, name);
        switch (t) {
          case FIELD_NAME -> {
            name = p.currentName();
            int bad = forbiddenControl(name);
            if (bad >= 0) throw field(400, "bad_request", "a field name", describeControl(bad));
            continue;
          }
          case START_OBJECT, START_ARRAY -> {
            count(counts, here);
            path.push(here);
            counts.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
            if (path.size() > MAX_DEPTH) {
              throw field(400, "bad_request", here.isEmpty() ? "the body" : here, "is nested deeper than " + MAX_DEPTH + " levels");
            }
          }
          case END_OBJECT, END_ARRAY -> {
            path.pop();
            counts.pop();
          }
          case VALUE_STRING -> {
            count(counts, here);
            int bad = forbiddenControl(p.getText());
            if (bad >= 0) throw field(400, "bad_request", here, describeControl(bad));
          }
          case VALUE_NUMBER_FLOAT -> {
            count(counts, here);
            if (!Double.isFinite(p.getDoubleValue())) throw field(400, "bad_request", here, "is not a finite number");
          }
          case VALUE_NUMBER_INT -> {
            count(counts, here);
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              throw field(400, "bad_request", here, "is too large a number");
            }
          }
          default -> count(counts, here);
        }
        name = null;
      }
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      if (why != null && why.contains("nesting depth")) {
        throw field(400, "bad_request", "the body", "is nested deeper than " + MAX_DEPTH + " levels");
      }
      if (why != null && why.contains("Number value length")) {
        throw field(400, "bad_request", "a number", "has too many digits");
      }
      throw ApiError.badRequest("the body is not valid JSON (at byte " + e.getLocation().getByteOffset() + ")");
    } catch (IOException e) {
      throw ApiError.badRequest("the body is not valid JSON");
    }
  }

  private static void count(Deque<int[]> counts, String here) {
    int[] c = counts.peek();
    if (c != null && c[0] >= 0 && ++c[0] > MAX_ITEMS) {
      throw new ApiError(413, "payload_too_large", "an array holds more than " + MAX_ITEMS + " elements",
          new JsonObject().put("maxItems", MAX_ITEMS));
    }
  }

  /** The JSON path of the value about to be read: {@code items[3].sku}. */
  private static String where(Deque<String> path, Deque<int[]> counts, String name) {
    String parent = path.isEmpty() ? "" : path.peek();
    int[] c = counts.peek();
    if (name != null) return parent.isEmpty() ? name : parent + "." + name;
    if (c != null && c[0] >= 0) return parent + "[" + c[0] + "]";
    return parent;
  }

  /**
   * Checks a raw query string (without '?'); returns null when it is fine, otherwise an English reason naming the
   * parameter where that is possible.
   */
  public static String query(String rawQuery) {
    QueryProblem problem = queryProblem(rawQuery);
    return problem == null ? null : problem.english();
  }

  /**
   * What is wrong with a query string: malformed percent-encoding ({@code parameter} null, {@code control} -1), or a
   * control character in a parameter's name ({@code inName}) or value; the exchange words it in Russian for 1C.
   */
  public record QueryProblem(String parameter, boolean inName, int control) {
    public String english() {
      if (control < 0) return "the query string has malformed percent-encoding (use %XX with two hex digits)";
      return inName ? "a query parameter name " + describeControl(control)
          : "query parameter " + parameter + " " + describeControl(control);
    }
  }

  /**
   * Null when the raw path's percent-encoding is well formed, else the English reason. Vert.x-web normalises the path
   * before it matches a route and throws on {@code %zz}; unscreened, every such request would log an "Unhandled
   * exception in router" stack trace (a way to flood the log) before its 400.
   */
  public static String pathProblem(String rawPath) {
    if (rawPath == null) return null;
    for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
      if (i + 2 >= rawPath.length() || !isHex(rawPath.charAt(i + 1)) || !isHex(rawPath.charAt(i + 2))) {
        return "the path has malformed percent-encoding (use %XX with two hex digits)";
      }
    }
    return null;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  public static QueryProblem queryProblem(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) return null;
    Map<String, List<String>> params;
    try {
      params = new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters();
    } catch (IllegalArgumentException e) {
      return new QueryProblem(null, false, -1);
    }
    for (var e : params.entrySet()) {
      int bad = forbiddenControl(e.getKey());
      if (bad >= 0) return new QueryProblem(null, true, bad);
      for (String v : e.getValue()) {
        bad = forbiddenControl(v);
        if (bad >= 0) return new QueryProblem(e.getKey(), false, bad);
      }
    }
    return null;
  }
}
