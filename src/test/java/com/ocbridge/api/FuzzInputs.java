package com.ocbridge.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The malformed inputs {@link NoServerErrorFuzzTest} sends: bodies, parameter values, headers. */
final class FuzzInputs {
  private FuzzInputs() {}

  /** null: no Content-Type header at all. */
  static final List<String> CONTENT_TYPES = Arrays.asList("application/json", "application/x-www-form-urlencoded",
      "text/plain", "multipart/form-data; boundary=zz", "application/json; charset=bogus", ";;;=", "application/xml",
      null);

  /** Bodies valid for some operation, which the fuzzer truncates and mutates. */
  static final List<String> VALID_BODIES = List.of(
      "[{\"sku\":\"ART-001\",\"qty\":15,\"price\":1290.5}]",
      "{\"messageId\":\"m-1\",\"items\":[{\"sku\":\"ART-001\",\"qty\":15}]}",
      "{\"status\":\"Выполнен\",\"comment\":\"Закрыт в 1С\"}",
      "{\"username\":\"operator\",\"password\":\"fuzz-console-pass-16\"}",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация ВерсияСхемы=\"2.08\"><Каталог/></КоммерческаяИнформация>");

  static final List<String> FIXED_BODIES = List.of("", "null", "\"just text\"", "[1,2,3]", "{", "}", "[",
      "[{\"sku\":\"A\"", "{\"items\":\"x\"}", "{\"items\":[[[]]]}", "[{\"sku\":\"A\",\"qty\":1e309}]",
      "[{\"sku\":1e309,\"qty\":-1e309}]", "{\"status\":1e309,\"comment\":\"x\\u0000y\"}",
      "[{\"sku\":\"A\\u0000B\",\"qty\":1}]", "{\"messageId\":\"\\u0001\",\"items\":[{\"sku\":\"A\",\"qty\":1}]}",
      "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41),
      "[{\"sku\":\"A\",\"qty\":" + "9".repeat(2000) + "}]", "[{\"sku\":\"A\",\"qty\":-99999999999999999999}]",
      "[{\"sku\":{\"x\":1},\"qty\":[1]}]", "{\"status\":[],\"comment\":{}}", "{\"status\":\"\\ud800\"}",
      "{\"status\":\"Выполнен\",\"comment\":\"" + "ж".repeat(100_000) + "\"}", "{\"username\":1,\"password\":null}",
      "{\"username\":\"" + "a".repeat(10_000) + "\",\"password\":\"x\"}", "\u00ff\u00fe\u0000\u0001",
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", "--zz\r\nContent-Disposition: form-data\r\n\r\n",
      "data=%zz", "data=" + "%5B".repeat(3000), "{\"sku\":\"A\",\"sku\":\"B\"}", "[{\"sku\":\"\",\"qty\":null}]");

  static final List<String> PATH_VALUES = List.of("1", "0", "-1", "abc", "1e309", "99999999999999999999", "%zz",
      "%00", "a".repeat(3000), "0123abcd", "%2e%2e%2f", "1;DROP TABLE x", "%E0%80", "1.5", " ");

  static final List<String> QUERY_VALUES = List.of("%zz", "-1", "0", "abc", "9".repeat(3000), "1e309", "pending",
      "no-such-state", "", "%00", "2026-13-45T99:99:99Z", "%", "a%20b", "\u00e9", "1.5", "99999999999999999999");

  static final List<String> EXCHANGE_PARAMS = List.of("", "&filename=import.xml", "&filename=%zz",
      "&filename=..%2F..%2Fetc%2Fpasswd", "&filename=a%00.xml", "&filename=" + "a".repeat(3000), "&sessid=%",
      "&sessid=deadbeef", "&version=%zz", "&version=" + "9".repeat(500), "&timestamp=-1", "&timestamp=1e309",
      "&timestamp=" + "9".repeat(40), "&filename=import_files%2F..%2F..%2Fx.xml", "&filename=C%3A%5Cx.zip", "&%zz=1");

  /** Each a set of headers that frame or describe the body badly. */
  static List<List<String>> oddHeaders() {
    List<List<String>> all = new ArrayList<>();
    all.add(List.of("Content-Length: abc"));
    all.add(List.of("Content-Length: -1"));
    all.add(List.of("Content-Length: 99999999999999999999"));
    all.add(List.of("Content-Length: 5000")); // more than is sent: the connection is half-closed after the body
    all.add(List.of("Content-Length: 3")); // less: the rest is read as a second (garbage) request
    all.add(List.of("Content-Length: 21", "Content-Length: 4"));
    all.add(List.of("Transfer-Encoding: gzip"));
    all.add(List.of("Transfer-Encoding: chunked")); // the body is not in chunks at all
    all.add(List.of("Transfer-Encoding: chunked", "Content-Length: 21"));
    all.add(List.of("Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: 21"));
    all.add(List.of("Expect: 100-continue", "Content-Length: 21"));
    all.add(List.of("X-Big: " + "x".repeat(20_000)));
    all.add(List.of("Cookie: " + "ocbridge_sid=" + "x".repeat(5000) + "; ocbridge.console=\u00ff\u00fe"));
    all.add(List.of("Authorization: Bearer", "Authorization: Basic", "Authorization: Digest x"));
    all.add(List.of("X-Forwarded-For: %zz, 999.1.1.1, " + "1.".repeat(500)));
    return all;
  }

  /** A valid body cut at a random place, or with a few characters replaced by structural ones. */
  static String mutate(String valid, Random random) {
    if (random.nextBoolean()) return valid.substring(0, random.nextInt(valid.length()));
    char[] chars = valid.toCharArray();
    String structural = "{}[],:\"\\0e-.\u0000\u00ff";
    for (int i = 0; i < 3; i++) chars[random.nextInt(chars.length)] = structural.charAt(random.nextInt(structural.length()));
    return new String(chars);
  }

  /** The body as sent: a form body carries it as its {@code data} field, like the classic PHP stock handler. */
  static byte[] encode(String body, String contentType) {
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded") && !body.startsWith("data=")) {
      return ("data=" + URLEncoder.encode(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
    if (body.startsWith("\u00ff")) return body.getBytes(StandardCharsets.ISO_8859_1); // not UTF-8 at all
    return body.getBytes(StandardCharsets.UTF_8);
  }

  static String abbreviate(String s) {
    String flat = s.replace("\r", "\\r").replace("\n", "\\n");
    return flat.length() > 80 ? flat.substring(0, 80) + "…(" + flat.length() + ")" : flat;
  }
}
