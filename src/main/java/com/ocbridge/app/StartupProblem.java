package com.ocbridge.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * A start-up failure with a known cause, said in one line that names the configuration key to look at (no stack
 * trace: the operator needs the key, not the service's internals).
 */
final class StartupProblem extends RuntimeException {
  StartupProblem(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** Before anything else starts: is {@code http.port} free on {@code http.host}? (0 = any free port, no check) */
  static void ensurePortFree(String host, int port) {
    if (port == 0) return;
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as Vert.x binds: a port in TIME_WAIT is free
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupProblem("http.port " + port + " on " + host + " cannot be used (" + e.getMessage() + "):"
          + " another program, or another instance of the service, listens there; stop it or choose another"
          + " http.port", e);
    }
  }

  /** {@code database.url} with its password replaced by {@code ***}. */
  static String masked(String url) {
    try {
      URI uri = URI.create(url.startsWith("postgres") ? url : "postgresql://" + url);
      String info = uri.getUserInfo();
      if (info == null || !info.contains(":")) return url;
      return url.replace(info, info.substring(0, info.indexOf(':')) + ":***");
    } catch (IllegalArgumentException e) {
      return "(not a URL)";
    }
  }
}
