package com.ocbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Speaks the exchange protocol the way 1C's "exchange with website" does, over a real socket: Basic auth on
 * checkauth only, then the cookie (and sessid when it acts as a newer client), files in chunks of the
 * file_limit that init announced, and the import progress loop.
 */
public final class OneCExchangeClient {
  public record Reply(int status, String contentType, byte[] body, Charset charset) {
    public String text() {
      return new String(body, charset);
    }

    public List<String> lines() {
      return List.of(text().split("\n"));
    }

    public String first() {
      return lines().get(0);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String type;
  private final boolean modern;
  private String cookie;
  private String sessid;
  private long fileLimit = -1;
  private boolean zip;
  public int importPolls;

  /** {@code modern}: sends version on init and sessid on every later call, like UT 11 / BSP clients. */
  public OneCExchangeClient(String baseUrl, String type, boolean modern) {
    this.base = baseUrl;
    this.type = type;
    this.modern = modern;
  }

  public Reply checkauth(String user, String password) throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Reply reply = send(get("checkauth", "").header("Authorization", "Basic " + basic));
    return remember(reply);
  }

  /** A checkauth inside the same exchange, as 1C repeats it: Basic credentials and the cookie it already has. */
  public Reply checkauthAgain(String user, String password) throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = get("checkauth", "").header("Authorization", "Basic " + basic);
    if (cookie != null) b.header("Cookie", cookie);
    Reply reply = send(b);
    return remember(reply);
  }

  private Reply remember(Reply reply) {
    if (reply.first().equals("success")) {
      List<String> lines = reply.lines();
      cookie = lines.get(1) + "=" + lines.get(2);
      for (String line : lines) {
        if (line.startsWith("sessid=")) sessid = line.substring("sessid=".length());
      }
    }
    return reply;
  }

  public Reply init() throws IOException, InterruptedException {
    Reply reply = call("init", modern ? "&version=3.1" : "");
    for (String line : reply.lines()) {
      if (line.startsWith("file_limit=")) fileLimit = Long.parseLong(line.substring("file_limit=".length()).trim());
      if (line.startsWith("zip=")) zip = line.equals("zip=yes");
    }
    return reply;
  }

  /** The session cookie's value checkauth handed out (null before it). */
  public String cookieValue() {
    return cookie == null ? null : cookie.substring(cookie.indexOf('=') + 1);
  }

  public long fileLimit() {
    return fileLimit;
  }

  public boolean zipOffered() {
    return zip;
  }

  /** Uploads a file in chunks of file_limit (as 1C does); answers the reply to the last chunk. */
  public Reply upload(Path file, String filename) throws IOException, InterruptedException {
    long limit = fileLimit > 0 ? fileLimit : Long.MAX_VALUE;
    Reply last = null;
    int size = (int) Math.min(limit, 256L * 1024 * 1024);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk;
      do {
        chunk = in.readNBytes(size);
        last = postFile(filename, chunk);
      } while (last.first().equals("success") && chunk.length == size);
    }
    return last;
  }

  public Reply postFile(String filename, byte[] body) throws IOException, InterruptedException {
    return send(request("file", "&filename=" + enc(filename)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The progress loop: repeats import while the answer is progress. */
  public Reply importFile(String filename) throws IOException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      Reply reply = call("import", "&filename=" + enc(filename));
      importPolls++;
      if (!reply.first().equals("progress")) return reply;
      Thread.sleep(50);
    }
    throw new IllegalStateException("import of " + filename + " still in progress after 600 polls");
  }

  public Reply call(String mode, String extra) throws IOException, InterruptedException {
    return send(request(mode, extra).GET());
  }

  public Reply callWithoutSession(String mode, String extra) throws IOException, InterruptedException {
    return send(get(mode, extra));
  }

  private HttpRequest.Builder request(String mode, String extra) {
    String sid = modern && sessid != null ? "&sessid=" + sessid : "";
    HttpRequest.Builder b = get(mode, sid + extra);
    if (cookie != null) b.header("Cookie", cookie);
    return b;
  }

  private HttpRequest.Builder get(String mode, String extra) {
    return HttpRequest.newBuilder(URI.create(base + "?type=" + type + "&mode=" + mode + extra)).timeout(Duration.ofSeconds(60));
  }

  private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    String ct = response.headers().firstValue("Content-Type").orElse("");
    Charset cs = ct.toLowerCase().contains("windows-1251") ? Charset.forName("windows-1251") : StandardCharsets.UTF_8;
    return new Reply(response.statusCode(), ct, response.body(), cs);
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A full catalog exchange of several files as 1C does it: checkauth, init, then file+import per file. */
  public List<Reply> exchange(String user, String password, List<Path> files) throws IOException, InterruptedException {
    List<Reply> replies = new ArrayList<>();
    replies.add(checkauth(user, password));
    replies.add(init());
    for (Path f : files) {
      replies.add(upload(f, f.getFileName().toString()));
      replies.add(importFile(f.getFileName().toString()));
    }
    return replies;
  }
}
