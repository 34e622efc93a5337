package com.ocbridge.opencart;

import com.ocbridge.opencart.bridgev1.BridgeV1Client;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCartClientsTest {

  private static Vertx vertx;
  private static final OpenCartSettings SETTINGS = OpenCartSettings.of("https://shop.example/", "Default", "k3y-SECRET");

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void bridgeV1IsTheDefault() {
    OpenCartClient explicit = OpenCartClients.create(vertx, "bridge-v1", SETTINGS);
    OpenCartClient unset = OpenCartClients.create(vertx, null, SETTINGS);

    assertInstanceOf(BridgeV1Client.class, explicit);
    assertInstanceOf(BridgeV1Client.class, unset);
    explicit.close();
    unset.close();
  }

  @Test
  void otherFlavoursAreRefusedClearly() {
    OpenCartException e = assertThrows(OpenCartException.class,
        () -> OpenCartClients.create(vertx, "rest-admin", SETTINGS));

    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().contains("Unsupported opencart.flavour \"rest-admin\""), e.getMessage());
    assertTrue(e.getMessage().contains("bridge-v1"), e.getMessage());
  }

  @Test
  void settingsHideTheKeyAndFillDefaults() {
    assertFalse(SETTINGS.toString().contains("k3y-SECRET"), SETTINGS.toString());
    assertEquals("ru-ru", SETTINGS.language());
    assertEquals(List.of(0), SETTINGS.storeIds());
    assertEquals(4, SETTINGS.concurrency());
    assertEquals(Duration.ofSeconds(30), SETTINGS.requestTimeout());
  }

  @Test
  void settingsRefuseBadValues() {
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> OpenCartSettings.of("shop.example", "u", "k"));
    assertTrue(url.getMessage().contains("opencart.baseUrl"), url.getMessage());
    IllegalArgumentException concurrency = assertThrows(IllegalArgumentException.class,
        () -> SETTINGS.withConcurrency(0));
    assertTrue(concurrency.getMessage().contains("opencart.concurrency"), concurrency.getMessage());
  }
}
