package com.ocbridge.onec;

/**
 * Bodies 1C and the web server in front of it really send (onec-http-services.md §1.6, §6), shared by the
 * classifier's unit test and the WireMock stubs.
 */
final class OneCFixtures {
  private OneCFixtures() {}

  static final String JSON = "application/json; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  static String created(String siteOrderId) {
    return """
        {"status":"created","source":"opencart","siteOrderId":"%s",
         "onec":{"ref":"41aa6331-954f-11e3-814b-005056c00008","type":"ЗаказКлиента","number":"ЦБ-%s",
                 "date":"2025-05-01T12:35:02","posted":false}}""".formatted(siteOrderId, siteOrderId);
  }

  static String exists(String siteOrderId) {
    return created(siteOrderId).replace("\"created\"", "\"exists\"");
  }

  static String error(String code, String message, boolean retryable) {
    return """
        {"error":{"code":"%s","message":"%s","retryable":%s,"details":[]},"requestId":"r-1"}"""
        .formatted(code, message, retryable);
  }

  static final String ORDER_CHANGED = error("ORDER_CHANGED", "Заказ 10452 уже загружен с другим содержимым", false);
  static final String UNKNOWN_SKU = error("UNKNOWN_SKU", "Номенклатура A-100 не найдена", false);
  static final String SCHEMA_ERROR = error("SCHEMA", "items[0].quantity: ожидается строка", false);
  static final String INTERNAL = error("INTERNAL", "Поле объекта не обнаружено (Соглашение)", true);
  /** The same 422, with Cyrillic written as \\u escapes as BSL's ЗаписатьJSON may do. */
  static final String UNKNOWN_SKU_ESCAPED = error("UNKNOWN_SKU",
      "\\u041d\\u043e\\u043c\\u0435\\u043d\\u043a\\u043b\\u0430\\u0442\\u0443\\u0440\\u0430 A-100", false);

  /** 403 while the infobase is locked: the platform's #exception JSON (pavel-v-sobolev/onecdc tests). */
  static final String MAINTENANCE_403 = """
      {"#exception":"{http://v8.1c.ru/8.2/virtual-resource-system}Exception",
       "exception":{"reason":403,"descr":"HTTP: Forbidden\\nОшибка при выполнении запроса POST к ресурсу /hs/site/v1/orders:",
        "inner":{"descr":"Начало сеанса с информационной базой запрещено.\\nВедутся технические работы",
         "inner":{"descr":"Ведутся технические работы","creationStack":"core83.dll:0x0000000000085928"}}}}""";

  /** 403 from the platform for a user without the right to call the service. */
  static final String RIGHTS_403 = """
      {"#exception":"{http://v8.1c.ru/8.2/virtual-resource-system}Exception",
       "exception":{"reason":403,"descr":"HTTP: Forbidden","inner":{"descr":"Недостаточно прав для выполнения операции"}}}""";

  static final String APPLICATION_ERROR_HTML = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<html><head>"
      + "<title>1C:Enterprise 8 application error</title></head><body>"
      + "<h2>1C:Enterprise 8 application error:</h2>Unrecoverable error<br>"
      + "<b>by reason: </b><br>The device is full &apos;/tmp/v8_x.tmp&apos;. "
      + "28(0x0000001C): No space left on device</body></html>";

  static final String GATEWAY_503_HTML = "<html><head><title>503 Service Unavailable</title></head><body>"
      + "<h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p>"
      + "<hr><address>Apache/2.4.57 (Debian) Server at 1c.example Port 443</address></body></html>";

  static final String NOT_FOUND_HTML = "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
      + "<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>";

  static final String LOGIN_PAGE_HTML = "<html><head><title>1С:Предприятие</title></head><body>"
      + "<form action=\"/trade/ru_RU/\"><input name=\"login\"/></form></body></html>";

  static final String DATA_LOCK_500 = "Ошибка блокировки данных при попытке чтения";
  static final String NO_LICENCE_500 = "Не обнаружено свободной лицензии! Обратитесь к администратору.";
  static final String PING = "{\"status\":\"ok\",\"infobase\":\"ut11-main\",\"configuration\":\"11.5.19.95\"}";
}
