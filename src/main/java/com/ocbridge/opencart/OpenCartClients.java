package com.ocbridge.opencart;

import com.ocbridge.opencart.bridgev1.BridgeV1Client;
import io.vertx.core.Vertx;

/** Picks the {@link OpenCartClient} implementation for {@code opencart.flavour}. */
public final class OpenCartClients {

  public static final String BRIDGE_V1 = "bridge-v1";

  private OpenCartClients() {
  }

  /**
   * @throws OpenCartException of kind {@link ErrorKind#UNSUPPORTED} for any flavour but
   *                           {@value #BRIDGE_V1} (rest-admin is planned, not built)
   */
  public static OpenCartClient create(Vertx vertx, String flavour, OpenCartSettings settings) {
    String chosen = flavour == null || flavour.isBlank() ? BRIDGE_V1 : flavour.trim();
    if (BRIDGE_V1.equals(chosen)) {
      return new BridgeV1Client(vertx, settings);
    }
    throw OpenCartException.of(ErrorKind.UNSUPPORTED, null,
        "Unsupported opencart.flavour \"" + chosen + "\": this build only speaks \"" + BRIDGE_V1
            + "\" (the OCBridge extension; see opencart-bridge-v1.md). \"rest-admin\" is not implemented yet.",
        null);
  }
}
