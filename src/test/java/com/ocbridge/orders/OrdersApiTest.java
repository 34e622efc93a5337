package com.ocbridge.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ocbridge.testing.ApiClient;
import com.ocbridge.testing.OneCExchangeClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/orders} and {@code type=sale&mode=info}, served from the same store as the exchange. */
class OrdersApiTest {
  @TempDir Path dataDir;
  OrdersHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new OrdersHarness(dataDir, "windows-1251");
    h.book.place(1, 1);
    h.book.place(2, 2);
    h.book.place(3, 0); // abandoned checkout
    h.book.place(4, 2);
    h.book.place(5, 5);
    h.poll();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static List<Long> ids(ApiClient.Answer a) {
    List<Long> ids = new ArrayList<>();
    a.json().getJsonArray("orders").forEach(o -> ids.add(((JsonObject) o).getLong("id")));
    return ids;
  }

  @Test
  void ordersAsJsonInTheInterfaceShape() throws Exception {
    ApiClient api = h.api();
    ApiClient.Answer all = api.get("/api/v1/orders");
    assertEquals(200, all.status(), all.body());
    assertEquals(List.of(1L, 2L, 4L, 5L), ids(all), "never status 0");
    JsonObject first = all.json().getJsonArray("orders").getJsonObject(0);
    JsonObject shop = h.book.get(1);
    assertEquals(shop.getString("date_added"), first.getString("date"));
    assertEquals(shop.getString("total"), first.getString("total"));
    assertEquals(shop.getJsonObject("customer").getString("telephone"), first.getString("phone"));
    assertEquals(shop.getJsonObject("customer").getString("email"), first.getString("email"));
    assertEquals(shop.getJsonObject("customer").getString("lastname") + " " + shop.getJsonObject("customer")
        .getString("firstname"), first.getString("customer"));
    assertTrue(first.getString("address").contains(shop.getJsonObject("shipping_address").getString("address_1")));
    JsonArray products = first.getJsonArray("products");
    assertEquals(shop.getJsonArray("products").size(), products.size());
    JsonObject line = products.getJsonObject(0);
    JsonObject shopLine = shop.getJsonArray("products").getJsonObject(0);
    assertEquals(shopLine.getString("sku"), line.getString("sku"));
    assertEquals(shopLine.getInteger("quantity"), line.getInteger("qty"));
    assertEquals(0, new BigDecimal(shopLine.getString("price")).add(new BigDecimal(shopLine.getString("tax")))
        .compareTo(new BigDecimal(line.getString("price"))));
    assertEquals(shopLine.getString("name"), line.getString("name"));

    assertEquals(List.of(2L, 4L), ids(api.get("/api/v1/orders?status=2")));
    assertEquals(List.of(), ids(api.get("/api/v1/orders?status=0")));
    assertEquals(List.of(1L, 2L), ids(api.get("/api/v1/orders?limit=2")));
    assertEquals(List.of(1L, 2L, 4L, 5L), ids(api.get("/api/v1/orders?from=2026-11-28")));
    assertEquals(List.of(), ids(api.get("/api/v1/orders?from=2026-11-29")));
    assertEquals(400, api.get("/api/v1/orders?from=28.11.2026").status());
    assertEquals(401, new ApiClient(h.app.httpPort(), "wrong").get("/api/v1/orders").status());
  }

  @Test
  void infoListsTheShopsStatusesAndTheMethodsOfStoredOrdersUnderTheLatinCTag() throws Exception {
    OneCExchangeClient c = h.sale(true);
    OneCExchangeClient.Reply info = c.call("info", "");
    assertEquals("application/xml; charset=windows-1251", info.contentType());
    String text = info.text();
    assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"windows-1251\"?>"), text);
    assertTrue(text.contains("<C\u0442\u0430\u0442\u0443\u0441\u044b>"), "Latin C then Cyrillic: " + text);
    assertFalse(text.contains("<Статусы>"), "not the all-Cyrillic spelling");
    OrderBook.STATUSES.forEach((id, name) ->
        assertTrue(text.contains("<Элемент><Ид>" + id + "</Ид><Название>" + name + "</Название></Элемент>"), name));
    assertTrue(text.contains("<ПлатежныеСистемы>\n\t\t<Элемент><Ид>bank_transfer.bank_transfer</Ид><Название>Bank Transfer"));
    assertTrue(text.contains("<Ид>cod.cod</Ид><Название>Оплата при получении</Название>"));
    assertTrue(text.contains("<СлужбыДоставки>\n\t\t<Элемент><Ид>flat.flat</Ид><Название>Курьер</Название>"));
  }
}
