package com.ocbridge.opencart.bridgev1;

import com.ocbridge.opencart.model.ProductSpecial;
import com.ocbridge.opencart.model.ProductWrite;
import com.ocbridge.opencart.model.StockItem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The wire conventions of contract §3 as the client writes and reads them. */
class BridgeJsonTest {

  @Test
  void moneyIsAPlainDecimalStringAndAbsentFieldsAreNotSent() throws Exception {
    String json = BridgeJson.MAPPER.writeValueAsString(ProductWrite.builder()
        .price(new BigDecimal("1E+3")).weight(new BigDecimal("0.250")).quantity(3)
        .specials(List.of(new ProductSpecial(1, new BigDecimal("999.0000"), 1, null, null)))
        .build());

    assertEquals("{\"price\":\"1000\",\"quantity\":3,\"weight\":\"0.250\","
        + "\"specials\":[{\"customer_group_id\":1,\"price\":\"999.0000\",\"priority\":1}]}", json);
  }

  @Test
  void stockItemUsesContractNames() throws Exception {
    assertEquals("{\"key\":\"A-1\",\"quantity\":5,\"price\":\"12.5000\"}",
        BridgeJson.MAPPER.writeValueAsString(StockItem.of("A-1", 5, new BigDecimal("12.5000"))));
  }

  @Test
  void datesCarryTheirOffsetAndSeconds() {
    assertEquals("2026-11-28T21:00:00+03:00",
        BridgeJson.formatDate(OffsetDateTime.of(2026, 11, 28, 21, 0, 0, 0, ZoneOffset.ofHours(3))));
    assertEquals("2026-11-28T18:00:00+00:00",
        BridgeJson.formatDate(OffsetDateTime.of(2026, 11, 28, 18, 0, 0, 0, ZoneOffset.UTC)));
  }

  @Test
  void zeroAndEmptyDatesReadAsNull() {
    assertNull(BridgeJson.parseDate("0000-00-00 00:00:00"));
    assertNull(BridgeJson.parseDate(""));
    assertEquals(OffsetDateTime.of(2026, 11, 28, 21, 56, 12, 0, ZoneOffset.ofHours(3)),
        BridgeJson.parseDate("2026-11-28T21:56:12+03:00"));
  }

  @Test
  void chunksKeepOrderAndSize() {
    List<List<Integer>> chunks = BridgeV1Client.chunks(List.of(1, 2, 3, 4, 5), 2);

    assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), chunks);
  }
}
