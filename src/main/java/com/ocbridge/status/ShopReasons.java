package com.ocbridge.status;

import com.ocbridge.opencart.OpenCartException;

/**
 * Short Russian reasons for an operator, from the kind of failure: never the exception's text, which names Java
 * classes and addresses (that goes to the log).
 */
final class ShopReasons {
  private ShopReasons() {}

  /** Failures after which the bridge cannot work with the shop; refusals of one item's data are not among them. */
  static boolean meansUnreachable(OpenCartException e) {
    return switch (e.kind()) {
      case CONNECTION, TIMEOUT, SERVER, NOT_JSON, UNAUTHORIZED, FORBIDDEN_IP -> true;
      default -> false; // the shop answered (a refusal, busy, an op it lacks) or the call was not sent (breaker)
    };
  }

  static String of(OpenCartException e) {
    return switch (e.kind()) {
      case CONNECTION -> "Не удаётся подключиться к магазину: соединение отклонено или прервано.";
      case TIMEOUT -> "Магазин не ответил за отведённое время.";
      case SERVER -> "Магазин отвечает ошибкой сервера" + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "")
          + ".";
      case NOT_JSON -> "Магазин отвечает страницей вместо ответа расширения OCBridge: расширение не установлено,"
          + " выключено или адрес магазина указан неверно.";
      case UNAUTHORIZED -> "Магазин не принимает имя пользователя или ключ API моста.";
      case FORBIDDEN_IP -> "Магазин не разрешает доступ к API с адреса моста.";
      case CIRCUIT_OPEN -> "Запросы к магазину приостановлены после повторных ошибок; мост сам попробует снова.";
      default -> "Магазин ответил ошибкой.";
    };
  }

  /** Any failure of work that talks to the shop: the shop's reason, or a pointer to the log for anything else. */
  static String forOperator(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OpenCartException e) return of(e);
    }
    return "Внутренняя ошибка или ошибка базы данных (подробности в журнале сервиса).";
  }
}
