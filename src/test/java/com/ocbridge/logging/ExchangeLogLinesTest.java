package com.ocbridge.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ocbridge.app.BridgeApp;
import com.ocbridge.resilience.FutureResilience;
import com.ocbridge.testing.OneCExchangeClient;
import com.ocbridge.testing.ServiceProcess;
import com.ocbridge.testing.TestConfig;
import com.ocbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every line an exchange causes carries its id, also the lines of classes that know nothing of exchanges (the retries
 * of {@link FutureResilience} while the shop is down), once in the text format, and as a field in {@code log.format=json}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ExchangeLogLinesTest {
  private static final Pattern CHECKAUTH = Pattern.compile("exchange=([0-9a-f]+) event=exchange\\.checkauth");
  private static final byte[] CATALOG = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация"
      + " ВерсияСхемы=\"2.10\"><Каталог СодержитТолькоИзменения=\"true\"><Ид>c</Ид><Наименование>К</Наименование>"
      + "</Каталог></КоммерческаяИнформация>").getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void retriesOfTheShopClientDuringAnImportCarryTheExchangeIdOnce() throws Exception {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logback);
    captured.start();
    root.addAppender(captured);
    BridgeApp app = null;
    try {
      JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dir.resolve("data"))
          .put("opencart", shopThatIsDown());
      app = new BridgeApp(TestConfig.load(config));
      app.start().await(60, TimeUnit.SECONDS);
      exchangeUntilPaused("http://127.0.0.1:" + app.httpPort() + "/1c/exchange");
    } finally {
      if (app != null) app.stop(Duration.ofSeconds(30));
      root.detachAppender(captured);
    }
    List<ILoggingEvent> events = new ArrayList<>(captured.list);
    String run = events.stream().map(e -> CHECKAUTH.matcher(e.getFormattedMessage())).filter(Matcher::find)
        .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no checkauth line"));

    List<ILoggingEvent> retries = events.stream().filter(e -> e.getLoggerName().equals(FutureResilience.class.getName())
        && e.getFormattedMessage().contains("retrying")).toList();
    List<ILoggingEvent> ours = retries.stream().filter(e -> run.equals(e.getMDCPropertyMap().get("exchange"))).toList();
    assertFalse(ours.isEmpty(), "the shop client's retries during the import name the exchange: " + retries);

    ConsoleAppender<ILoggingEvent> stdout = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
    String retryLine = new String(stdout.getEncoder().encode(ours.get(0)), StandardCharsets.UTF_8);
    assertTrue(retryLine.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+ WARN FutureResilience - .* exchange=" + run + "\\R"),
        "today's look, the id at the end: " + retryLine);

    ILoggingEvent paused = events.stream().filter(e -> e.getFormattedMessage().contains("event=job.paused"))
        .findFirst().orElseThrow(() -> new AssertionError("no job.paused line"));
    String pausedLine = new String(stdout.getEncoder().encode(paused), StandardCharsets.UTF_8);
    assertEquals(1, pausedLine.split("exchange=" + run, -1).length - 1, "an ExchangeLog line names the id once: " + pausedLine);
    assertEquals(run, paused.getMDCPropertyMap().get("exchange"));
  }

  @Test
  void logFormatJsonWritesOneParseableObjectPerLineWithTheExchangeIdAsAField() throws Exception {
    int port = ServiceProcess.freePort();
    JsonObject config = TestConfig.base(TestDatabase.newDatabase(), dir.resolve("data"))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", port))
        .put("opencart", shopThatIsDown())
        .put("log", new JsonObject().put("format", "json"));
    Path configFile = dir.resolve("config.json");
    Files.writeString(configFile, config.encodePrettily());
    Path logFile = dir.resolve("service.log");
    ServiceProcess service = ServiceProcess.launch(configFile, logFile, port);
    try {
      service.awaitHealthy();
      exchangeUntilPaused("http://127.0.0.1:" + port + "/1c/exchange");
    } finally {
      service.process().destroy();
      service.process().waitFor(30, TimeUnit.SECONDS);
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      JsonNode node = json.readTree(line); // throws on a line that is not JSON
      assertTrue(node.isObject() && node.has("time") && node.has("level") && node.has("logger") && node.has("message"),
          line);
      lines.add(node);
    }
    JsonNode checkauth = lines.stream().filter(n -> "exchange.checkauth".equals(n.path("event").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no checkauth line in " + lines.size() + " lines"));
    String run = checkauth.path("exchange").asText();
    assertTrue(run.matches("[0-9a-f]+"), checkauth.toString());
    assertTrue(lines.stream().anyMatch(n -> n.path("logger").asText().equals(FutureResilience.class.getName())
        && run.equals(n.path("exchange").asText())), "a retry line with the exchange id as a field");
    JsonNode paused = lines.stream().filter(n -> "job.paused".equals(n.path("event").asText())).findFirst().orElse(null);
    assertNotNull(paused, "a job.paused line");
    assertEquals(run, paused.path("exchange").asText());
    assertTrue(lines.stream().anyMatch(n -> "service.stopped".equals(n.path("event").asText())), "stopped cleanly");
  }

  private static JsonObject shopThatIsDown() throws Exception {
    return new JsonObject().put("baseUrl", "http://127.0.0.1:" + ServiceProcess.freePort() + "/")
        .put("apiUsername", "bridge").put("apiKey", "k-123456");
  }

  /** checkauth, init, file and import polls until the job is paused (the shop client retried and gave up). */
  private static void exchangeUntilPaused(String url) throws Exception {
    OneCExchangeClient onec = new OneCExchangeClient(url, "catalog", true);
    assertEquals("success", onec.checkauth(TestConfig.USER, TestConfig.PASSWORD).first());
    onec.init();
    assertEquals("success", onec.postFile("import.xml", CATALOG).first());
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      OneCExchangeClient.Reply reply = onec.call("import", "&filename=import.xml");
      if (reply.text().contains("приостановлен")) return;
      Thread.sleep(200);
    }
    throw new AssertionError("the import never paused");
  }
}
