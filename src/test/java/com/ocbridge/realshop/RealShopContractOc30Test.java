package com.ocbridge.realshop;

/** The live contract against the OpenCart 3.0.5.1 shop of the harness ({@code oc30}). */
class RealShopContractOc30Test extends HarnessShopContract {
  @Override
  String shopKey() {
    return "oc30";
  }
}
