<?php
/**
 * TEST ONLY (scripts/realshop copies it into scratch shops, never into the extension archive):
 * index.php?route=extension/ocbridge/testorder places a storefront-equivalent order on OpenCart 3.0.x.
 * The logic is in testorder.core.php next to this file (shared with the 4.x controller).
 */
class ControllerExtensionOcbridgeTestorder extends Controller {
	public function index() {
		require_once __DIR__ . '/testorder.core.php';
		\OcbridgeTestOrder::serve($this, false);
	}
}
