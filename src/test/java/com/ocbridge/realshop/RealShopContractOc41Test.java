package com.ocbridge.realshop;

/** The live contract against the OpenCart 4.1.0.4 shop of the harness ({@code oc41}). */
class RealShopContractOc41Test extends HarnessShopContract {
  @Override
  String shopKey() {
    return "oc41";
  }
}
