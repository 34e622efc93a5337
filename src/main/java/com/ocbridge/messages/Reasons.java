package com.ocbridge.messages;

import com.ocbridge.commerceml.CommerceMlException;
import com.ocbridge.opencart.OpenCartException;
import java.io.IOException;
import java.util.UUID;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into a Russian sentence for 1C's operator: what happened, with the facts a person can use (the
 * shop's HTTP status, the line of the file, the setting to check), never a class name, a stack fragment or a raw
 * English exception text. Those go to the log, under a reference the sentence names when the kind is not known.
 * The caller adds what the bridge does next ("импорт продолжится…", "ничего не изменено").
 */
public final class Reasons {
  private static final Logger log = LoggerFactory.getLogger("messages");

  private Reasons() {}

  /** The sentence, or null when {@code e} is of no kind this class knows (see {@link #logged}). */
  static String known(Throwable e) {
    if (e instanceof OperatorMessage m) return m.getMessage();
    if (e instanceof OpenCartException oc) return ShopReasons.of(oc);
    if (e instanceof CommerceMlException cml) return FileReasons.of(cml);
    if (e instanceof ZipException) return "архив повреждён или не является zip-файлом";
    if (e instanceof java.nio.file.NoSuchFileException) return "файл не найден в папке обмена моста";
    if (e instanceof java.nio.file.FileSystemException || e instanceof IOException) {
      return "ошибка чтения или записи в папке данных моста (dataDir): проверьте свободное место и права на папку";
    }
    if (isDatabase(e)) return "база данных моста недоступна или ответила ошибкой";
    // the failure of a retried or wrapped call: its cause says what it was
    Throwable cause = e.getCause();
    return cause != null && cause != e ? known(cause) : null;
  }

  /** The sentence for {@code e}; see {@link #logged}. */
  public static String of(Throwable e) {
    return logged(e, "failure.detail");
  }

  /**
   * The sentence for {@code e}; a failure of no known kind is logged with its technical text under a fresh reference
   * (event {@code event}), and the sentence names that reference so a person can find it in the log.
   */
  public static String logged(Throwable e, String event) {
    String known = known(e);
    if (known != null) return known;
    String ref = UUID.randomUUID().toString().substring(0, 8);
    log.error("event={} ref={} error=\"{}\"", event, ref, e.toString());
    return "внутренняя ошибка моста (ссылка " + ref + " в журнале сервиса)";
  }

  /** Like {@link #logged} but also logs a known failure's technical text, for the log reader (no reference). */
  public static String explained(Throwable e, String event) {
    String known = known(e);
    if (known == null) return logged(e, event);
    log.info("event={} reason=\"{}\" error=\"{}\"", event, known, e.toString());
    return known;
  }

  private static boolean isDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("io.vertx.pgclient") || name.startsWith("io.vertx.sqlclient")) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }
}
