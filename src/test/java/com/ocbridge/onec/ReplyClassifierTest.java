package com.ocbridge.onec;

import static com.ocbridge.onec.OneCFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.onec.OneCReply.Kind;
import org.junit.jupiter.api.Test;

/** Every row of the classification table (onec-http-services.md §2.2) and every fixture of §6 that has a body. */
class ReplyClassifierTest {

  private static OneCReply classify(int status, String type, String body) {
    return ReplyClassifier.classify(status, type, body);
  }

  @Test
  void createdAndExistsWithTheEnvelopeAreDelivered() {
    OneCReply created = classify(201, JSON, created("10452"));
    assertEquals(Kind.DELIVERED, created.kind());
    assertEquals("ЦБ-10452", created.body().getJsonObject("onec").getString("number"));
    assertEquals(Kind.DELIVERED, classify(200, JSON, exists("10452")).kind());
  }

  @Test
  void aBomBeforeTheJsonIsTolerated() {
    assertEquals(Kind.DELIVERED, classify(201, JSON, "\uFEFF" + created("7")).kind());
  }

  @Test
  void twoHundredThatIsNotOurJsonIsTransientNeverDelivered() {
    OneCReply gateway = classify(200, HTML, GATEWAY_503_HTML);
    assertEquals(Kind.TRANSIENT, gateway.kind());
    assertTrue(gateway.message().contains("503 Service Unavailable"), gateway.message());
    assertEquals(Kind.TRANSIENT, classify(200, HTML, LOGIN_PAGE_HTML).kind());
    assertEquals(Kind.TRANSIENT, classify(200, JSON, "{\"value\":[]}").kind(), "JSON, but not the orders answer");
    assertEquals(Kind.TRANSIENT, classify(201, TEXT, "").kind(), "empty 201");
  }

  @Test
  void businessErrorsAreRejectedWithOneCsMessage() {
    OneCReply sku = classify(422, JSON, UNKNOWN_SKU);
    assertEquals(Kind.REJECTED, sku.kind());
    assertEquals("UNKNOWN_SKU: Номенклатура A-100 не найдена", sku.message());
    OneCReply changed = classify(409, JSON, ORDER_CHANGED);
    assertEquals(Kind.REJECTED, changed.kind());
    assertTrue(changed.message().startsWith("ORDER_CHANGED: "), changed.message());
    assertEquals(Kind.REJECTED, classify(400, JSON, SCHEMA_ERROR).kind());
    assertEquals(Kind.REJECTED, classify(400, HTML, "<html><title>Bad Request</title>Invalid URL</html>").kind(),
        "IIS 400 Invalid URL will not get better by retrying");
    assertEquals(Kind.REJECTED, classify(413, TEXT, "too large").kind());
  }

  @Test
  void escapedCyrillicIsDecoded() {
    assertEquals("UNKNOWN_SKU: Номенклатура A-100", classify(422, JSON, UNKNOWN_SKU_ESCAPED).message());
  }

  @Test
  void retryableFlagInTheEnvelopeIsHonoured() {
    assertEquals(Kind.INTERNAL, classify(422, JSON, error("PRICE_NOT_READY", "Цены ещё не загружены", true)).kind());
  }

  @Test
  void unauthorizedIsConfiguration() {
    OneCReply reply = classify(401, TEXT, "");
    assertEquals(Kind.CONFIG, reply.kind());
    assertTrue(reply.message().contains("onec.push.username"), reply.message());
  }

  @Test
  void maintenanceForbiddenIsRecognisedByItsBody() {
    OneCReply reply = classify(403, JSON, MAINTENANCE_403);
    assertEquals(Kind.MAINTENANCE, reply.kind());
    assertTrue(reply.message().contains("Начало сеанса с информационной базой запрещено"), reply.message());
    assertTrue(reply.message().contains("Ведутся технические работы"), reply.message());
    assertFalse(reply.message().contains("HTTP: Forbidden"), "the generic wrapper is dropped: " + reply.message());
    assertFalse(reply.message().contains("core83.dll"), reply.message());
    assertEquals(Kind.MAINTENANCE, classify(403, TEXT, "Начало сеанса с информационной базой запрещено").kind());
    assertEquals(Kind.MAINTENANCE, classify(403, JSON, "\uFEFF" + MAINTENANCE_403).kind());
  }

  @Test
  void otherForbiddenIsConfiguration() {
    OneCReply rights = classify(403, JSON, RIGHTS_403);
    assertEquals(Kind.CONFIG, rights.kind());
    assertTrue(rights.message().contains("Недостаточно прав"), rights.message());
    assertEquals(Kind.CONFIG, classify(403, HTML, "<html><title>403 Forbidden</title></html>").kind());
  }

  @Test
  void notFoundWithoutEnvelopeIsAMissingPublication() {
    assertEquals(Kind.CONFIG, classify(404, HTML, NOT_FOUND_HTML).kind());
    assertEquals(Kind.CONFIG, classify(404, TEXT, "").kind());
    assertEquals(Kind.CONFIG, classify(405, TEXT, "").kind());
    assertEquals(Kind.REJECTED, classify(404, JSON, error("NOT_FOUND", "Склад не найден", false)).kind(),
        "a 404 that 1C's service wrote itself is an answer about the data");
  }

  @Test
  void busyIsNotAnOutage() {
    assertEquals(Kind.BUSY, classify(406, TEXT, "").kind());
    assertEquals(Kind.BUSY, classify(429, TEXT, "").kind());
    assertEquals(Kind.BUSY, classify(500, TEXT, NO_LICENCE_500).kind(), "no free licence is a session-start failure");
  }

  @Test
  void internalEnvelopeIsBoundedTransient() {
    OneCReply reply = classify(500, JSON, INTERNAL);
    assertEquals(Kind.INTERNAL, reply.kind());
    assertTrue(reply.message().startsWith("INTERNAL: Поле объекта не обнаружено"), reply.message());
  }

  @Test
  void platformFailuresAndGatewaysAreTransient() {
    OneCReply lock = classify(500, TEXT, DATA_LOCK_500);
    assertEquals(Kind.TRANSIENT, lock.kind());
    assertEquals(DATA_LOCK_500, lock.message());
    OneCReply app = classify(500, HTML, APPLICATION_ERROR_HTML);
    assertEquals(Kind.TRANSIENT, app.kind());
    assertTrue(app.message().contains("by reason: The device is full '/tmp/v8_x.tmp'. 28(0x0000001C): No space left"),
        app.message());
    assertFalse(app.message().contains("<"), app.message());
    for (int status : new int[] {502, 503, 504}) {
      assertEquals(Kind.TRANSIENT, classify(status, HTML, GATEWAY_503_HTML).kind(), "HTTP " + status);
    }
  }

  @Test
  void redirectsAreConfiguration() {
    assertEquals(Kind.CONFIG, classify(302, HTML, LOGIN_PAGE_HTML).kind());
  }

  @Test
  void longBodiesAreCutForTheLastError() {
    OneCReply reply = classify(500, TEXT, "x".repeat(10_000));
    assertTrue(reply.message().length() < 400, "length " + reply.message().length());
  }

  @Test
  void pingNeedsJsonWithTwoHundred() {
    assertEquals(Kind.DELIVERED, ReplyClassifier.classifyPing(200, JSON, PING).kind());
    assertEquals(Kind.TRANSIENT, ReplyClassifier.classifyPing(200, HTML, GATEWAY_503_HTML).kind());
    assertEquals(Kind.TRANSIENT, ReplyClassifier.classifyPing(503, HTML, GATEWAY_503_HTML).kind());
    assertEquals(Kind.CONFIG, ReplyClassifier.classifyPing(401, TEXT, "").kind());
    assertEquals(Kind.TRANSIENT, ReplyClassifier.classifyPing(201, JSON, created("1")).kind(),
        "only 200 counts for ping");
  }
}
