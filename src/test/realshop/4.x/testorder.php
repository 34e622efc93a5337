<?php
namespace Opencart\Catalog\Controller\Extension\Ocbridge;
/**
 * TEST ONLY (scripts/realshop copies it into scratch shops, never into the extension archive):
 * index.php?route=extension/ocbridge/testorder places a storefront-equivalent order on OpenCart 4.x.
 * The logic is in testorder.core.php next to this file (shared with the 3.x controller).
 */
class Testorder extends \Opencart\System\Engine\Controller {
	public function index(): void {
		require_once __DIR__ . '/testorder.core.php';
		\OcbridgeTestOrder::serve($this, true);
	}
}
