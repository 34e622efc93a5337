package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ocbridge.commerceml.model.OrderDocument;
import com.ocbridge.commerceml.model.Requisites;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which statusMap key a 1C document selects: strongest statement first, first configured key wins. */
class StatusMapperTest {
  private static final StatusMapper FULL = new StatusMapper(Map.of("ПометкаУдаления", 7, "Отменен", 8,
      "Отгружен", 3, "Оплачен", 2, "Проведен", 15, "Отправлен", 4, "Доставлен", 5));

  private static Optional<Integer> status(StatusMapper m, OrderDocument d) {
    return m.map(d).map(StatusMapper.Target::statusId);
  }

  private static OrderDocument.Builder doc() {
    return OrderDocument.builder().id("1").number("1");
  }

  @Test
  void cancellationBeatsEverythingElse() {
    OrderDocument d = doc().deletionMark(true).requisite(Requisites.POSTED, "true").requisite(Requisites.SHIPPED, "true")
        .status("Отправлен").build();
    assertEquals(Optional.of(7), status(FULL, d));
    assertEquals(Optional.of(8), status(FULL, doc().cancelled(true).requisite(Requisites.PAID, "true").build()));
    // a deleted document with only "Отменен" configured still cancels
    assertEquals(Optional.of(8), status(new StatusMapper(Map.of("Отменен", 8)), doc().deletionMark(true).build()));
  }

  @Test
  void theStatusNameBeatsTheFlagsAndBracketedNamesMatchByNameOrId() {
    OrderDocument d = doc().status("Отправлен").requisite(Requisites.SHIPPED, "true").requisite(Requisites.PAID, "true")
        .build();
    assertEquals(Optional.of(4), status(FULL, d));
    assertEquals(Optional.of(5), status(FULL, doc().status("[F] Доставлен").build()));
    assertEquals(Optional.of(9), status(new StatusMapper(Map.of("F", 9)), doc().status("[F] Доставлен").build()));
  }

  @Test
  void shippedThenPaidThenPostedAndTheEmptyDateIsNoDate() {
    assertEquals(Optional.of(3), status(FULL, doc().requisite(Requisites.SHIPMENT_DATE_1C, "2015-06-29T17:32:27")
        .requisite(Requisites.PAYMENT_DATE_1C, "2015-06-29T15:39:10").requisite(Requisites.POSTED, "true").build()));
    assertEquals(Optional.of(2), status(FULL, doc().requisite(Requisites.SHIPMENT_DATE_1C, "0001-01-01T00:00:00")
        .requisite(Requisites.PAYMENT_DATE_1C, "2015-06-29T15:39:10").build()));
    assertEquals(Optional.of(15), status(FULL, doc().requisite(Requisites.POSTED, "true")
        .requisite(Requisites.PAID, "false").build()));
    assertEquals(Optional.empty(), status(FULL, doc().requisite(Requisites.POSTED, "false").build()));
  }

  @Test
  void onlyConfiguredKeysCountAndTheyMatchWhateverTheCase() {
    StatusMapper onlyPosted = new StatusMapper(Map.of(" проведен ", 15));
    assertEquals(Optional.of(15), status(onlyPosted, doc().requisite(Requisites.SHIPPED, "true")
        .requisite(Requisites.POSTED, "true").build()));
    assertEquals(Optional.of(15), onlyPosted.map("ПРОВЕДЕН").map(StatusMapper.Target::statusId));
    assertEquals(Optional.of(12), onlyPosted.map("12").map(StatusMapper.Target::statusId), "an OpenCart id as digits");
    assertEquals(Optional.empty(), onlyPosted.map("Отгружен"));
  }
}
