package com.ocbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.app.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The service in a JVM of its own, as an operator runs it ({@code Main --config}), for tests that kill it. */
public final class ServiceProcess {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Process process;
  private final Path log;
  private final int port;

  private ServiceProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code Main --config config}; the service's output goes to {@code log}. */
  public static ServiceProcess launch(Path config, Path log, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--config", config.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ServiceProcess(p, log, port);
  }

  /** A process started otherwise, to wait for and kill. */
  public static ServiceProcess attach(Process process, Path log, int port) {
    return new ServiceProcess(process, log, port);
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public Process process() {
    return process;
  }

  public int port() {
    return port;
  }

  /** Waits (up to 2 minutes) until /health answers 200; fails with the service's log if it dies or never does. */
  public void awaitHealthy() throws Exception {
    HttpResponse<String> health = null;
    for (int i = 0; i < 240 && (health == null || health.statusCode() != 200); i++) {
      Thread.sleep(500);
      assertTrue(process.isAlive(), () -> "service died: " + output());
      try {
        health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        // not listening yet
      }
    }
    assertEquals(200, health == null ? -1 : health.statusCode(), output());
  }

  /** SIGKILL: no shutdown hook runs, nothing is parked or closed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
