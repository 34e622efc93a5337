package com.ocbridge.opencart.bridgev1;

import com.ocbridge.opencart.TrafficClass;
import io.vertx.core.http.HttpMethod;

/**
 * The operations of the OCBridge v1 contract (§4), with their HTTP method and the traffic class they travel in unless
 * the caller picks one ({@link com.ocbridge.opencart.OpenCartClient#inClass}).
 */
enum BridgeOp {
  PING("ping", HttpMethod.GET, true),
  PRODUCT_GET("product.get", HttpMethod.GET, true),
  PRODUCT_LIST("product.list", HttpMethod.GET, true),
  PRODUCT_UPSERT("product.upsert", HttpMethod.POST, true),
  PRODUCTS_UPSERT("products.upsert", HttpMethod.POST, true),
  PRODUCTS_STOCK_PRICE("products.stock_price", HttpMethod.POST, true),
  IMAGE_PUT("image.put", HttpMethod.POST, true),
  IMAGES_PUT("images.put", HttpMethod.POST, true),
  CATEGORY_LIST("category.list", HttpMethod.GET, true),
  CATEGORY_UPSERT("category.upsert", HttpMethod.POST, true),
  MANUFACTURER_LIST("manufacturer.list", HttpMethod.GET, true),
  MANUFACTURER_UPSERT("manufacturer.upsert", HttpMethod.POST, true),
  OPTION_UPSERT("option.upsert", HttpMethod.POST, true),
  ATTRIBUTE_UPSERT("attribute.upsert", HttpMethod.POST, true),
  ORDER_STATUS_LIST("order_status.list", HttpMethod.GET, true, TrafficClass.ORDER_READS),
  ORDER_LIST("order.list", HttpMethod.GET, true, TrafficClass.ORDER_READS),
  ORDER_GET("order.get", HttpMethod.GET, true, TrafficClass.ORDER_READS),
  /**
   * Not idempotent: a second identical call adds a second history entry (and may mail the
   * customer again), so it is retried only when the request surely never reached the shop.
   */
  ORDER_HISTORY_ADD("order.history_add", HttpMethod.POST, false, TrafficClass.ORDER_WRITES),
  /**
   * The same op with an idempotency key, to a shop whose ping announced that it honours one: a repeat answers the
   * first result, so it is retried like the other ops. Failures name the op {@code order.history_add} too; they are
   * told apart by {@link com.ocbridge.opencart.OpenCartException#requestRepeatable()}.
   */
  ORDER_HISTORY_ADD_KEYED("order.history_add", HttpMethod.POST, true, TrafficClass.ORDER_WRITES);

  private final String wireName;
  private final HttpMethod method;
  private final boolean idempotent;
  private final TrafficClass traffic;

  BridgeOp(String wireName, HttpMethod method, boolean idempotent) {
    this(wireName, method, idempotent, TrafficClass.CATALOG);
  }

  BridgeOp(String wireName, HttpMethod method, boolean idempotent, TrafficClass traffic) {
    this.wireName = wireName;
    this.method = method;
    this.idempotent = idempotent;
    this.traffic = traffic;
  }

  TrafficClass traffic() {
    return traffic;
  }

  String wireName() {
    return wireName;
  }

  HttpMethod method() {
    return method;
  }

  /**
   * Whether repeating the call after an unknown outcome is harmless. Upserts are: a row created by
   * a lost first attempt is matched by the second.
   */
  boolean idempotent() {
    return idempotent;
  }

  /** The op of a wire name; for order.history_add the one without key (the conservative one). */
  static BridgeOp byWireName(String name) {
    for (BridgeOp op : values()) {
      if (op.wireName.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
