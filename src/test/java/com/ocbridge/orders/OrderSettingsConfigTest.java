package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.config.ConfigException;
import com.ocbridge.config.ConfigLoader;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** orders.company, orders.customFields, orders.discounts, orders.delivery, orders.timeZone: typed, checked, wired. */
class OrderSettingsConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BridgeConfig load(String orders, Map<String, String> env) throws Exception {
    return new ConfigLoader(env).load(JSON.readTree(
        "{\"exchange\":{\"username\":\"u\",\"password\":\"p\"},\"orders\":" + orders + "}"));
  }

  @Test
  void defaults() throws Exception {
    OrderSettings s = OrderSettings.from(load("{}", Map.of()).orders());
    assertEquals(OrderSettings.DEFAULTS, s);
    assertEquals(new OrderSettings.RequisiteFields("ИНН", "КПП", "Организация", "Юридический адрес"), s.fields());
    assertEquals(OrderSettings.Discounts.DOCUMENT, s.discounts());
    assertNull(s.timeZone(), "the shop's own zone");
  }

  @Test
  void everyKeyFromTheFileAndTheEnvironment() throws Exception {
    OrderSettings s = OrderSettings.from(load("{\"company\":{\"customerGroupIds\":[2,3],\"customField\":\"ИНН\"},"
        + "\"customFields\":{\"inn\":\"7\",\"kpp\":\"КПП организации\"},\"discounts\":\"line\","
        + "\"delivery\":{\"name\":\" Доставка \",\"sku\":\"DLV-01\"},\"timeZone\":\"Asia/Yekaterinburg\","
        + "\"numberPrefix\":\"OC-\"}", Map.of("BRIDGE_ORDERS_CUSTOMFIELDS_COMPANY", "Компания")).orders());
    assertEquals(new OrderSettings.Company(Set.of(2, 3), "ИНН"), s.company());
    assertEquals(new OrderSettings.RequisiteFields("7", "КПП организации", "Компания", "Юридический адрес"), s.fields());
    assertEquals(OrderSettings.Discounts.LINE, s.discounts());
    assertEquals(new OrderSettings.Delivery("Доставка", "DLV-01"), s.delivery());
    assertEquals(ZoneId.of("Asia/Yekaterinburg"), s.timeZone());
    assertEquals("OC-", s.numberPrefix());
    assertEquals(ZoneId.of("+03:00"), OrderSettings.from(load("{\"timeZone\":\"+03:00\"}", Map.of()).orders()).timeZone());
  }

  @Test
  void badValuesNameTheirKey() {
    for (String[] bad : new String[][] {
        {"{\"discounts\":\"order\"}", "orders.discounts"},
        {"{\"timeZone\":\"Moscow\"}", "orders.timeZone"},
        {"{\"company\":{\"customerGroupIds\":[0]}}", "orders.company.customerGroupIds"},
        {"{\"company\":{\"customerGroupIds\":\"2\"}}", "orders.company.customerGroupIds"},
        {"{\"company\":{\"customField\":5}}", "orders.company.customField"},
        {"{\"customFields\":{\"okpo\":\"ОКПО\"}}", "orders.customFields.okpo"},
        {"{\"delivery\":{\"sku\":\"" + "x".repeat(65) + "\"}}", "orders.delivery.sku"},
    }) {
      ConfigException e = assertThrows(ConfigException.class, () -> load(bad[0], Map.of()), bad[0]);
      assertEquals(bad[1], e.key(), e.getMessage());
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
  }
}
