package com.ocbridge.messages;

import com.ocbridge.opencart.ErrorDetails;
import com.ocbridge.opencart.OpenCartException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * A failed call to OpenCart, by kind, in Russian: connection refused, DNS, TLS, timeout, HTTP 4xx/5xx, and what the
 * shop said (its own text is quoted as it is: it is the shop's, and often Russian already).
 */
final class ShopReasons {
  private ShopReasons() {}

  static String of(OpenCartException e) {
    return switch (e.kind()) {
      case CONNECTION -> connection(e);
      case TIMEOUT -> "магазин OpenCart не ответил вовремя (операция " + e.op() + "): он перегружен или недоступен";
      case SERVER -> e.httpStatus() == 429
          ? "магазин OpenCart просит снизить нагрузку (HTTP 429)"
          : "магазин OpenCart ответил ошибкой сервера" + status(e) + said(e) + "; подробности в журнале ошибок магазина";
      case BUSY -> "база данных магазина OpenCart была занята" + status(e) + ": ничего не применено";
      case CIRCUIT_OPEN -> "обращения к магазину OpenCart временно приостановлены после нескольких сбоев подряд"
          + lastFailure(e);
      case UNAUTHORIZED -> "магазин OpenCart отклонил ключ API" + status(e) + said(e)
          + ": проверьте opencart.apiUsername и opencart.apiKey и что пользователь API включён в магазине";
      case FORBIDDEN_IP -> "магазин OpenCart не принимает запросы моста с IP-адреса "
          + (ErrorDetails.ip(e.details()) == null ? "моста" : ErrorDetails.ip(e.details())) + status(e) + said(e)
          + ": добавьте этот адрес в разрешённые IP пользователя API (Система › Пользователи › API)";
      case NOT_JSON -> "магазин ответил не так, как отвечает расширение OCBridge" + status(e)
          + ": проверьте opencart.baseUrl и что расширение OCBridge установлено и включено";
      case UNSUPPORTED -> "установленное в магазине расширение OCBridge не поддерживает операцию " + e.op()
          + ": обновите расширение";
      case NOT_FOUND -> "магазин не нашёл объект" + status(e) + said(e);
      case AMBIGUOUS -> "магазин нашёл несколько товаров с этим артикулом" + status(e)
          + (e.productIds().isEmpty() ? "" : ": товары " + e.productIds()) + said(e);
      case VALIDATION -> "магазин отклонил данные" + status(e) + said(e) + fields(e.fieldErrors());
      case PAYLOAD_TOO_LARGE -> "магазин отклонил слишком большой запрос" + status(e)
          + ": уменьшите картинки или увеличьте лимит размера запроса на сервере магазина";
      case BAD_REQUEST -> "магазин отклонил запрос" + status(e) + said(e);
    };
  }

  private static String connection(OpenCartException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "адрес магазина OpenCart не найден (DNS): проверьте имя сервера в opencart.baseUrl";
      }
      if (t instanceof SSLException) {
        return "не удалось установить защищённое соединение (TLS) с магазином OpenCart: проверьте сертификат сайта"
            + " и схему https/http в opencart.baseUrl";
      }
      if (t instanceof NoRouteToHostException) {
        return "сервер магазина OpenCart недоступен по сети (нет маршрута): проверьте opencart.baseUrl и сеть";
      }
      if (t instanceof ConnectException) {
        return "магазин OpenCart недоступен: по адресу opencart.baseUrl никто не принимает подключения (сервер"
            + " магазина остановлен или адрес неверен)";
      }
      if (t instanceof TimeoutException) {
        return "магазин OpenCart не ответил на подключение вовремя: он перегружен или недоступен";
      }
      if (t.getCause() == t) break;
    }
    return "соединение с магазином OpenCart прервалось (операция " + e.op() + ")";
  }

  private static String lastFailure(OpenCartException e) {
    return e.getCause() instanceof OpenCartException cause && cause.kind() != e.kind() ? "; последний сбой: " + of(cause)
        : "";
  }

  private static String status(OpenCartException e) {
    return e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "";
  }

  private static String said(OpenCartException e) {
    String text = e.shopMessage();
    if (text == null || text.isBlank()) return e.shopCode() == null ? "" : ", код " + e.shopCode();
    return ", ответ магазина: «" + oneLine(text) + "»" + (e.shopCode() == null ? "" : " (" + e.shopCode() + ")");
  }

  private static String fields(Map<String, String> fields) {
    if (fields.isEmpty()) return "";
    return "; поля: " + fields.entrySet().stream().map(f -> f.getKey() + " — " + oneLine(f.getValue()))
        .collect(Collectors.joining("; "));
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("[\\r\\n]+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
