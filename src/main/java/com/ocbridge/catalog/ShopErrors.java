package com.ocbridge.catalog;

import com.ocbridge.messages.Reasons;
import com.ocbridge.opencart.ErrorKind;
import com.ocbridge.opencart.OpenCartException;
import com.ocbridge.opencart.model.ItemError;
import java.util.Map;

/** Which shop failures concern one item (record and go on) and which concern the shop (stop, resume later). */
final class ShopErrors {
  private ShopErrors() {}

  /**
   * The shop refused this item's data (422, 404, 409, 413, 400): record it and carry on. Everything else (down,
   * timeouts, breaker open, wrong credentials or IP) would fail every following item too, so the job stops.
   */
  static boolean refusesThisItem(Throwable e) {
    if (!(e instanceof OpenCartException oc)) return false;
    return refuses(oc.kind());
  }

  static boolean refuses(ErrorKind kind) {
    return kind.refusesItem();
  }

  /**
   * The shop is down, slow or its breaker open (not a refusal of our data, not wrong credentials): the job waits and
   * resumes instead of failing.
   */
  static boolean isOutage(Throwable e) {
    return e instanceof OpenCartException oc && !oc.kind().refusesItem()
        && oc.kind() != ErrorKind.UNAUTHORIZED && oc.kind() != ErrorKind.FORBIDDEN_IP;
  }

  /** An item's refusal as 1C's operator reads it (the shop's code stays: the API and the shop's log use it). */
  static String describe(Throwable e) {
    if (e instanceof OpenCartException oc) {
      return Reasons.of(e) + " (код " + (oc.shopCode() != null ? oc.shopCode() : oc.kind().name().toLowerCase()) + ")";
    }
    return Reasons.of(e);
  }

  static String describe(ItemError e) {
    return "магазин отклонил позицию" + (e.message() == null ? "" : ": «" + e.message() + "»") + fields(e.fieldErrors())
        + " (код " + (e.code() != null ? e.code() : e.kind().name().toLowerCase()) + ")";
  }

  private static String fields(Map<String, String> fields) {
    if (fields.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("; поля: ");
    fields.forEach((k, v) -> sb.append(sb.length() > 8 ? "; " : "").append(k).append(" — ").append(v));
    return sb.toString();
  }
}
