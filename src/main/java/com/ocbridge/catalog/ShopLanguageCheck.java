package com.ocbridge.catalog;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.ShopInfo;
import com.ocbridge.opencart.model.ShopLanguage;
import io.vertx.core.Future;
import java.util.stream.Collectors;

/**
 * Which language names and descriptions are written in. {@code opencart.language} empty (the default) means the
 * shop's own default language, read from {@code ping}; a code the shop does not have stops the import with a
 * message that names it and lists the shop's languages (writing under an unknown code would be refused item by
 * item, and a stock shop has only {@code en-gb}, 4.1 also {@code fr-fr}).
 */
final class ShopLanguageCheck {
  private ShopLanguageCheck() {}

  /** The language code to use; fails with {@link UnknownLanguage} when the shop lacks the configured one. */
  static Future<String> resolve(OpenCartClient shop, String configured) {
    String wanted = configured == null ? "" : configured.trim();
    return shop.ping().compose(info -> {
      if (info.languages().isEmpty()) {
        // an extension that does not list languages: trust the setting, nothing to choose from otherwise
        return wanted.isEmpty() ? Future.failedFuture(new UnknownLanguage("магазин не сообщил своих языков; укажите"
            + " код языка магазина в настройке opencart.language")) : Future.succeededFuture(wanted);
      }
      if (wanted.isEmpty()) return Future.succeededFuture(defaultOf(info));
      boolean known = info.languages().stream().anyMatch(l -> wanted.equals(l.code()));
      return known ? Future.succeededFuture(wanted) : Future.failedFuture(new UnknownLanguage("в магазине нет языка '"
          + wanted + "' (настройка opencart.language); языки магазина: " + list(info) + ". Укажите один из них или"
          + " оставьте opencart.language пустым: тогда используется язык магазина по умолчанию"));
    });
  }

  static String defaultOf(ShopInfo info) {
    return info.languages().stream().filter(l -> Boolean.TRUE.equals(l.isDefault())).map(ShopLanguage::code)
        .findFirst().orElse(info.languages().get(0).code());
  }

  static String list(ShopInfo info) {
    return info.languages().stream()
        .map(l -> l.code() + (Boolean.TRUE.equals(l.isDefault()) ? " (по умолчанию)" : ""))
        .collect(Collectors.joining(", "));
  }

  /** A setting the shop cannot satisfy: the import fails (re-running it cannot help until the setting changes). */
  static final class UnknownLanguage extends com.ocbridge.messages.OperatorMessage {
    UnknownLanguage(String message) {
      super(message);
    }
  }
}
