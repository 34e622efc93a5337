package com.ocbridge.catalog;

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

  static String describe(Throwable e) {
    if (e instanceof OpenCartException oc) {
      String text = oc.shopMessage() != null ? oc.shopMessage() : oc.getMessage();
      return (oc.shopCode() != null ? oc.shopCode() : oc.kind().name().toLowerCase()) + ": " + text
          + fields(oc.fieldErrors());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static String describe(ItemError e) {
    return (e.code() != null ? e.code() : e.kind().name().toLowerCase()) + ": " + e.message() + fields(e.fieldErrors());
  }

  private static String fields(Map<String, String> fields) {
    return fields.isEmpty() ? "" : " " + fields;
  }
}
