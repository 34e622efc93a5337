package com.ocbridge.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forwarding HTTP proxy in front of a real shop that loses the shop's answer to the first {@code lost} requests of
 * one OCBridge op: the request reaches the shop and is applied there, but the caller gets a 500 instead of the
 * shop's answer, as behind a gateway that timed out. It can also refuse requests of the op whose body contains a
 * marker without forwarding them (401, as while the shop's API user is being fixed), until told to stop, and it can be
 * unplugged (nothing listens: connections are refused, as when the shop's host is down) and plugged in again on the
 * same port. Everything else is passed through unchanged.
 */
public final class AnswerLosingProxy implements AutoCloseable {
  private static final List<String> FORWARDED_HEADERS = List.of("X-Api-Username", "X-Api-Key", "Content-Type", "Accept");

  private final String target;
  private final String op;
  private final AtomicInteger toLose;
  private final AtomicInteger seen = new AtomicInteger();
  private final AtomicInteger forwardedWithMarker = new AtomicInteger();
  private volatile String refused;
  private volatile String marker;
  private volatile long delayMillis;
  private volatile String delayedOp;
  private final WebClient web;
  private HttpServer server;
  private Vertx vertx;
  private int port;

  private AnswerLosingProxy(Vertx vertx, String target, String op, int lost) {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.op = op;
    this.toLose = new AtomicInteger(lost);
    this.web = WebClient.create(vertx);
  }

  /** Listens on a free local port; the shop's base URL is {@code target}. */
  public static AnswerLosingProxy start(Vertx vertx, String target, String op, int lost) {
    AnswerLosingProxy proxy = new AnswerLosingProxy(vertx, target, op, lost);
    proxy.vertx = vertx;
    proxy.server = vertx.createHttpServer().requestHandler(proxy::forward).listen(0, "127.0.0.1").await();
    proxy.port = proxy.server.actualPort();
    return proxy;
  }

  /** A proxy that only forwards, until {@link #unplug()}. */
  public static AnswerLosingProxy passThrough(Vertx vertx, String target) {
    return start(vertx, target, "-", 0);
  }

  /** The shop is gone from now on: the port is closed, every connection is refused. */
  public void unplug() {
    server.close().await();
  }

  /** The shop is back on the same port. */
  public void plugIn() {
    server = vertx.createHttpServer().requestHandler(this::forward).listen(port, "127.0.0.1").await();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Requests of the op that reached the shop through this proxy. */
  public int seen() {
    return seen.get();
  }

  /** From now on requests of the op whose body contains {@code text} are refused, never forwarded. */
  public void refuseBodiesContaining(String text) {
    marker = text;
    refused = text;
  }

  /** Forward everything again (requests with the marker are still counted). */
  public void stopRefusing() {
    refused = null;
  }

  /**
   * Every request of {@code op} waits this long before it is forwarded (0: none), so an import over a slow link
   * lasts long enough to be interrupted mid-way however fast the shop is; other requests pass at once.
   */
  public void slowDown(String op, long millis) {
    delayedOp = op;
    delayMillis = millis;
  }

  /** Requests of the op with the marker in their body that reached the shop. */
  public int forwardedWithMarker() {
    return forwardedWithMarker.get();
  }

  private Future<Buffer> delayed(HttpServerRequest in, Buffer body) {
    long delay = delayMillis;
    if (delay <= 0 || !java.util.Objects.equals(delayedOp, in.getParam("op"))) return Future.succeededFuture(body);
    io.vertx.core.Promise<Buffer> later = io.vertx.core.Promise.promise();
    vertx.setTimer(delay, id -> later.complete(body));
    return later.future();
  }

  private void forward(HttpServerRequest in) {
    in.body().compose(body -> delayed(in, body)).compose(body -> {
      boolean marked = marker != null && op.equals(in.getParam("op")) && body.toString().contains(marker);
      if (marked && refused != null) {
        in.response().setStatusCode(401).putHeader("Content-Type", "application/json; charset=utf-8")
            .end("{\"error\":{\"code\":\"unauthorized\",\"message\":\"the proxy refused it\",\"details\":{}}}");
        return Future.succeededFuture();
      }
      if (marked) forwardedWithMarker.incrementAndGet();
      HttpRequest<Buffer> out = web.requestAbs(in.method(), target + in.uri());
      FORWARDED_HEADERS.forEach(h -> {
        if (in.getHeader(h) != null) out.putHeader(h, in.getHeader(h));
      });
      boolean ours = op.equals(in.getParam("op"));
      if (ours) seen.incrementAndGet();
      Future<HttpResponse<Buffer>> answer = out.sendBuffer(body);
      return answer.map(shop -> {
        if (ours && toLose.getAndDecrement() > 0) {
          in.response().setStatusCode(500).putHeader("Content-Type", "application/json; charset=utf-8")
              .end("{\"error\":{\"code\":\"internal\",\"message\":\"the proxy lost the shop's answer\",\"details\":{}}}");
        } else {
          in.response().setStatusCode(shop.statusCode());
          String type = shop.getHeader("Content-Type");
          if (type != null) in.response().putHeader("Content-Type", type);
          in.response().end(shop.body() == null ? Buffer.buffer() : shop.body());
        }
        return null;
      });
    }).onFailure(e -> in.response().setStatusCode(502).end("proxy: " + e));
  }

  @Override
  public void close() {
    if (server != null) server.close().await();
    web.close();
  }
}
