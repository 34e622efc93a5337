package com.ocbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.vertx.core.json.JsonObject;

/** A plain HTTP/1.1 client for /api/v1 calls in tests, over a real socket. */
public final class ApiClient {
  public record Answer(int status, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public ApiClient(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public Answer get(String path) throws IOException, InterruptedException {
    return send(builder(path).GET());
  }

  public Answer postJson(String path, String json) throws IOException, InterruptedException {
    return send(builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer postForm(String path, String form) throws IOException, InterruptedException {
    return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  public HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }
}
