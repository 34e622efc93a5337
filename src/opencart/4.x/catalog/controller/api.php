<?php
namespace Opencart\Catalog\Controller\Extension\Ocbridge;
/**
 * OCBridge v1 for OpenCart 4.0.2.x / 4.1.0.x:
 * index.php?route=extension/ocbridge/api&op=<operation>
 * All logic lives in ../../system/library/ocbridge (shared with the 3.x extension);
 * this controller only wires OpenCart's registry into it.
 */
class Api extends \Opencart\System\Engine\Controller {
	public function index(): void {
		require_once __DIR__ . '/../../system/library/ocbridge/bootstrap.php';
		\OcBridge\Http::guard();
		$log = $this->log;
		\OcBridge\Log::useSink(function ($line) use ($log) {
			$log->write($line);
		});
		list($status, $json) = \OcBridge\Http::run(function () {
			return $this->makeService();
		});
		\OcBridge\Http::finish();
		http_response_code($status);
		$this->response->addHeader('Content-Type: application/json; charset=utf-8');
		$this->response->addHeader('Cache-Control: no-store');
		$this->response->setOutput($json);
	}

	/** Not routable (protected): builds the shared service on top of this shop. */
	protected function makeService(): \OcBridge\Service {
		$config = $this->config;
		$cache = $this->cache;
		$ctx = new \OcBridge\Context(
			new \OcBridge\Db($this->db, DB_PREFIX),
			[
				'opencart_version' => defined('VERSION') ? VERSION : '',
				'timezone'         => $config->get('config_timezone') ?: date_default_timezone_get(),
				'currency'         => (string)$config->get('config_currency'),
				'default_language' => (string)($config->get('config_language_catalog') ?: $config->get('config_language')),
				'store_name'       => html_entity_decode((string)$config->get('config_name'), ENT_QUOTES, 'UTF-8'),
				'image_dir'        => DIR_IMAGE,
				'stock_status_id'  => (int)$config->get('config_stock_status_id'),
				'weight_class_id'  => (int)$config->get('config_weight_class_id'),
				'length_class_id'  => (int)$config->get('config_length_class_id'),
				// the extension's setting, already loaded with the rest of store 0's settings: no query of its own
				'trusted_proxies'  => $config->get(\OcBridge\TrustedProxies::SETTING_KEY),
			],
			function ($key) use ($cache) {
				$cache->delete($key);
			},
			function ($orderId, $statusId, $comment, $notify, $override) {
				$this->load->model('checkout/order');
				$this->model_checkout_order->addHistory((int)$orderId, (int)$statusId, (string)$comment, (bool)$notify, (bool)$override);
			}
		);
		return new \OcBridge\Service($ctx);
	}
}
