<?php
/**
 * TEST ONLY – never part of the OCBridge extension archives. scripts/realshop copies this file, the
 * per-line controller (4.x/testorder.php or 3.x/testorder.php) and testorder.token.php into a scratch
 * shop. It places an order the way the storefront checkout does, with OpenCart's own catalog code:
 * the session cart prices the lines (options' +/- price differences included), the shop's total
 * extensions compute the totals, the shop's flat-rate quote is the shipping method, then
 * checkout/order addOrder() and addHistory() (3.x addOrderHistory()), which makes the order visible
 * and subtracts stock. Only the browser steps are skipped.
 *
 * POST index.php?route=extension/ocbridge/testorder with header X-Test-Token and JSON
 *   {"lines": [{"product_id": 12, "quantity": 2, "options": {"<product_option_id>": "<product_option_value_id>"}}],
 *    "order_status_id": 1, "customer": {"firstname": "…", "lastname": "…", "email": "…", "telephone": "…",
 *    "customer_group_id": 1, "custom_field": {"<custom_field_id>": "…"}}, "comment": "…"}
 * answers {"order_id", "order_status_id", "total", "totals": [...], "lines": [{"product_id", "name", "model",
 * "quantity", "price", "total", "options": [{"name", "value"}]}]}, read back from the order tables;
 * any failure answers HTTP 500 {"error": "…"} (403 without the right token), never HTML.
 */
final class OcbridgeTestOrder {
	/** @var object the OpenCart controller: registry objects are reached through its public __get */
	private $c;
	/** @var bool OpenCart 4.x (else 3.x) */
	private $v4;

	private function __construct($controller, $v4) {
		$this->c = $controller;
		$this->v4 = $v4;
	}

	/** Entry point for both controllers: one JSON answer whatever happens. */
	public static function serve($controller, $v4) {
		$answered = false;
		@ini_set('display_errors', '0');
		// OpenCart's own handler would echo warnings into the body (error_display) – log them instead.
		set_error_handler(function ($no, $str, $file, $line) {
			error_log('OCBridge testorder: PHP warning: ' . $str . ' @ ' . $file . ':' . $line);
			return true;
		});
		register_shutdown_function(function () use (&$answered) {
			$e = error_get_last();
			if ($answered || !$e || !in_array($e['type'], array(E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR), true)) {
				return;
			}
			while (ob_get_level() > 0) {
				@ob_end_clean();
			}
			if (!headers_sent()) {
				http_response_code(500);
				header('Content-Type: application/json; charset=utf-8');
			}
			echo json_encode(array('error' => 'fatal: ' . $e['message'] . ' @ ' . $e['file'] . ':' . $e['line']), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
		});
		while (ob_get_level() > 0) {
			@ob_end_clean();
		}
		ob_start();
		try {
			list($status, $body) = (new self($controller, $v4))->handle();
		} catch (\Throwable $e) {
			list($status, $body) = array(500, array('error' => get_class($e) . ': ' . $e->getMessage() . ' @ ' . basename($e->getFile()) . ':' . $e->getLine()));
		}
		while (ob_get_level() > 0) {
			@ob_end_clean();
		}
		$answered = true;
		restore_error_handler();
		http_response_code($status);
		$controller->response->addHeader('Content-Type: application/json; charset=utf-8');
		$controller->response->addHeader('Cache-Control: no-store');
		$controller->response->setOutput(json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION));
	}

	private function handle() {
		$tokenFile = __DIR__ . '/testorder.token.php';
		$token = is_file($tokenFile) ? (string)(include $tokenFile) : '';
		$given = isset($_SERVER['HTTP_X_TEST_TOKEN']) ? (string)$_SERVER['HTTP_X_TEST_TOKEN'] : '';
		if ($token === '' || !hash_equals($token, $given)) {
			return array(403, array('error' => 'forbidden: missing or wrong X-Test-Token'));
		}
		if (($_SERVER['REQUEST_METHOD'] ?? '') !== 'POST') {
			throw new \RuntimeException('POST a JSON body');
		}
		$in = json_decode((string)file_get_contents('php://input'), true);
		if (!is_array($in) || empty($in['lines']) || !is_array($in['lines'])) {
			throw new \RuntimeException('body must be JSON with a non-empty "lines" array');
		}
		if (!empty($in['quote'])) {
			return array(200, $this->quote($in['lines']));
		}
		$c = $this->c;
		$status = isset($in['order_status_id']) ? (int)$in['order_status_id'] : (int)$c->config->get('config_order_status_id');
		$customer = (isset($in['customer']) && is_array($in['customer']) ? $in['customer'] : array()) + array(
			'firstname' => 'Иван', 'lastname' => 'Петров', 'email' => 'ivan@example.com', 'telephone' => '+7 900 000-00-00');

		try {
			$this->fillCart($in['lines']);
			$this->checkCart();
			$address = $this->russianAddress($customer);
			$this->prepareSession($customer, $address, isset($in['comment']) ? (string)$in['comment'] : '');

			$c->load->model('checkout/order');
			$orderId = (int)$c->model_checkout_order->addOrder($this->orderData());
			if ($orderId <= 0) {
				throw new \RuntimeException('addOrder returned no order id');
			}
			if ($this->v4) {
				$c->model_checkout_order->addHistory($orderId, $status);
			} else {
				$c->model_checkout_order->addOrderHistory($orderId, $status);
			}
		} finally {
			// As checkout/success does; also after a refusal, so no cart rows are left behind.
			$c->cart->clear();
			foreach (array('shipping_method', 'shipping_methods', 'payment_method', 'payment_methods', 'order_id', 'guest', 'customer', 'comment') as $k) {
				unset($c->session->data[$k]);
			}
		}
		return array(200, $this->readBack($orderId));
	}

	/** Empties this session's cart, then adds the lines as checkout/cart add does (same validation). */
	private function fillCart(array $lines) {
		$c = $this->c;
		$c->cart->clear();
		$c->load->model('catalog/product');
		foreach ($lines as $i => $line) {
			$pid = isset($line['product_id']) ? (int)$line['product_id'] : 0;
			$qty = isset($line['quantity']) ? (int)$line['quantity'] : 1;
			$options = isset($line['options']) && is_array($line['options']) ? $line['options'] : array();
			if ($pid <= 0 || $qty <= 0) {
				throw new \RuntimeException("lines[$i]: product_id and quantity must be positive integers");
			}
			$product = $c->model_catalog_product->getProduct($pid);
			if (!$product) {
				throw new \RuntimeException("lines[$i]: product $pid is not available in the storefront (missing, disabled, not in store 0 or not yet available)");
			}
			$all = $this->v4 ? $c->model_catalog_product->getOptions($pid) : $c->model_catalog_product->getProductOptions($pid);
			$clean = array();
			foreach ($all as $o) {
				$poid = (int)$o['product_option_id'];
				if (isset($options[$poid]) && $options[$poid] !== '' && $options[$poid] !== array()) {
					$clean[$poid] = is_array($options[$poid]) ? $options[$poid] : (string)$options[$poid];
				} elseif (!empty($o['required'])) {
					throw new \RuntimeException("lines[$i]: product $pid needs option " . $poid . ' (' . $o['name'] . ')');
				}
			}
			foreach (array_keys($options) as $k) {
				if (!isset($clean[(int)$k])) {
					throw new \RuntimeException("lines[$i]: product $pid has no option $k");
				}
			}
			$c->cart->add($pid, $qty, $clean);
		}
	}

	/**
	 * {"quote": true, "lines": [...]}: what the storefront offers and what its cart charges, without an order.
	 * Each line goes into the emptied session cart alone (same validation as an order line) and comes back as the
	 * cart prices it: unit price with the chosen values' differences, and whether the cart has the stock. With it,
	 * "storefront": every product's options as the product page reads them (catalog model).
	 */
	private function quote(array $lines) {
		$c = $this->c;
		$out = array();
		$storefront = array();
		try {
			foreach ($lines as $i => $line) {
				$this->fillCart(array($i => $line));
				$products = $c->cart->getProducts();
				if (count($products) !== 1) {
					throw new \RuntimeException("lines[$i]: the cart holds " . count($products) . ' items');
				}
				$p = reset($products);
				$options = array();
				foreach ($p['option'] as $o) {
					$options[] = array('name' => $o['name'], 'value' => $o['value'], 'product_option_value_id' => (int)$o['product_option_value_id']);
				}
				$out[] = array('product_id' => (int)$p['product_id'], 'quantity' => (int)$p['quantity'],
					'price' => number_format((float)$p['price'], 4, '.', ''), 'stock' => (bool)$c->cart->hasStock(), 'options' => $options);
				$pid = (int)$p['product_id'];
				if (!isset($storefront[$pid])) {
					$storefront[$pid] = $this->storefrontOptions($pid);
				}
			}
		} finally {
			$c->cart->clear();
		}
		return array('lines' => $out, 'storefront' => $storefront);
	}

	/** The product's options and values as the catalog model gives them to the product page. */
	private function storefrontOptions($pid) {
		$c = $this->c;
		$all = $this->v4 ? $c->model_catalog_product->getOptions($pid) : $c->model_catalog_product->getProductOptions($pid);
		$options = array();
		foreach ($all as $o) {
			$values = array();
			foreach ($o['product_option_value'] as $v) {
				$values[] = array('product_option_value_id' => (int)$v['product_option_value_id'], 'name' => html_entity_decode($v['name'], ENT_QUOTES, 'UTF-8'),
					'price' => number_format((float)$v['price'], 4, '.', ''), 'price_prefix' => $v['price_prefix'],
					'quantity' => (int)$v['quantity'], 'subtract' => (bool)$v['subtract']);
			}
			$options[] = array('product_option_id' => (int)$o['product_option_id'], 'name' => html_entity_decode($o['name'], ENT_QUOTES, 'UTF-8'),
				'type' => $o['type'], 'required' => (bool)$o['required'], 'values' => $values);
		}
		return $options;
	}

	/** The checks checkout/confirm makes before it creates an order. */
	private function checkCart() {
		$c = $this->c;
		$products = $c->cart->getProducts();
		if (!$products) {
			throw new \RuntimeException('the cart is empty after adding the lines');
		}
		if (!$c->cart->hasStock() && !$c->config->get('config_stock_checkout')) {
			throw new \RuntimeException('not enough stock and the shop does not allow checkout without stock (config_stock_checkout)');
		}
		$byProduct = array();
		foreach ($products as $p) {
			$byProduct[$p['product_id']] = ($byProduct[$p['product_id']] ?? 0) + $p['quantity'];
		}
		foreach ($products as $p) {
			if ($p['minimum'] > $byProduct[$p['product_id']]) {
				throw new \RuntimeException('product ' . $p['product_id'] . ' has a minimum quantity of ' . $p['minimum']);
			}
		}
	}

	/** A Moscow address from the shop's own localisation models, shaped like checkout's session address. */
	private function russianAddress(array $customer) {
		$c = $this->c;
		$c->load->model('localisation/country');
		$c->load->model('localisation/zone');
		$country = null;
		foreach ($c->model_localisation_country->getCountries() as $row) {
			if ($row['iso_code_2'] === 'RU') {
				$country = $row;
			}
		}
		if (!$country) {
			throw new \RuntimeException('the shop has no enabled country RU');
		}
		$zone = null;
		foreach ($c->model_localisation_zone->getZonesByCountryId((int)$country['country_id']) as $row) {
			if ($zone === null || $row['name'] === 'Moscow') {
				$zone = $row;
			}
		}
		if (isset($country['address_format'])) {
			$format = (string)$country['address_format']; // 3.x keeps it on the country
		} else {
			$c->load->model('localisation/address_format');
			$af = $c->model_localisation_address_format->getAddressFormat((int)$country['address_format_id']);
			$format = $af ? (string)$af['address_format'] : '';
		}
		return array(
			'address_id' => 0, 'firstname' => (string)$customer['firstname'], 'lastname' => (string)$customer['lastname'],
			'company' => '', 'address_1' => 'ул. Тверская, д. 1', 'address_2' => 'кв. 1', 'city' => 'Москва', 'postcode' => '125009',
			'country_id' => (int)$country['country_id'], 'country' => $country['name'], 'iso_code_2' => 'RU', 'iso_code_3' => $country['iso_code_3'],
			'address_format' => $format,
			'zone_id' => $zone ? (int)$zone['zone_id'] : 0, 'zone' => $zone ? $zone['name'] : '', 'zone_code' => $zone ? $zone['code'] : '',
			'custom_field' => array(),
		);
	}

	/** What the checkout steps leave in the session: guest, addresses, shipping and payment method. */
	private function prepareSession(array $customer, array $address, $comment) {
		$c = $this->c;
		$guest = array(
			// a buyer's group and account custom fields (ИНН, КПП…) as checkout stores them: custom_field_id => value
			'customer_id' => 0, 'customer_group_id' => isset($customer['customer_group_id']) ? (int)$customer['customer_group_id'] : (int)$c->config->get('config_customer_group_id'),
			'firstname' => (string)$customer['firstname'], 'lastname' => (string)$customer['lastname'],
			'email' => (string)$customer['email'], 'telephone' => (string)$customer['telephone'],
			'custom_field' => isset($customer['custom_field']) && is_array($customer['custom_field']) ? $customer['custom_field'] : array(),
		);
		$c->session->data[$this->v4 ? 'customer' : 'guest'] = $guest;
		$c->session->data['payment_address'] = $address;
		$c->session->data['shipping_address'] = $address;
		$c->session->data['comment'] = $comment;
		// The tax rates follow the addresses (startup/tax does this on the next request of a browser).
		if (method_exists($c->tax, 'unsetRates')) {
			$c->tax->unsetRates();
		} else {
			$c->tax->clear();
		}
		$c->tax->setShippingAddress((int)$address['country_id'], (int)$address['zone_id']);
		$c->tax->setPaymentAddress((int)$address['country_id'], (int)$address['zone_id']);
		$c->tax->setStoreAddress((int)$c->config->get('config_country_id'), (int)$c->config->get('config_zone_id'));

		if ($c->cart->hasShipping()) {
			if (!$c->config->get('shipping_flat_status')) {
				throw new \RuntimeException('the order needs shipping and the flat-rate shipping method is disabled');
			}
			$c->load->model($this->v4 ? 'extension/opencart/shipping/flat' : 'extension/shipping/flat');
			$quote = $this->v4 ? $c->model_extension_opencart_shipping_flat->getQuote($address) : $c->model_extension_shipping_flat->getQuote($address);
			if (empty($quote['quote']['flat'])) {
				throw new \RuntimeException('flat-rate shipping gives no quote for the address');
			}
			$c->session->data['shipping_method'] = $quote['quote']['flat'];
		} else {
			unset($c->session->data['shipping_method']);
		}
		$lang = $c->load->language($this->v4 ? 'extension/opencart/payment/cod' : 'extension/payment/cod');
		if ($this->v4) {
			$c->session->data['payment_method'] = array('name' => $lang['heading_title'] ?? 'Cash On Delivery', 'code' => 'cod.cod');
		} else {
			$c->session->data['payment_method'] = array('title' => $lang['text_title'] ?? 'Cash On Delivery', 'code' => 'cod', 'terms' => '', 'sort_order' => 0);
		}
	}

	/** The shop's total extensions in their sort order, exactly as checkout/confirm runs them. */
	private function totals() {
		$c = $this->c;
		$totals = array();
		$taxes = $c->cart->getTaxes();
		$total = 0.0;
		if ($this->v4) {
			$c->load->model('checkout/cart');
			($c->model_checkout_cart->getTotals)($totals, $taxes, $total);
			return array($totals, $total);
		}
		$data = array('totals' => &$totals, 'taxes' => &$taxes, 'total' => &$total);
		$c->load->model('setting/extension');
		$results = $c->model_setting_extension->getExtensions('total');
		$sort = array();
		foreach ($results as $k => $v) {
			$sort[$k] = $c->config->get('total_' . $v['code'] . '_sort_order');
		}
		array_multisort($sort, SORT_ASC, $results);
		foreach ($results as $r) {
			if ($c->config->get('total_' . $r['code'] . '_status')) {
				$c->load->model('extension/total/' . $r['code']);
				$c->{'model_extension_total_' . $r['code']}->getTotal($data);
			}
		}
		$sort = array();
		foreach ($totals as $k => $v) {
			$sort[$k] = $v['sort_order'];
		}
		array_multisort($sort, SORT_ASC, $totals);
		return array($totals, $total);
	}

	/** The array checkout/confirm hands to addOrder(), key for key. */
	private function orderData() {
		$c = $this->c;
		$s = $c->session->data;
		list($totals, $total) = $this->totals();
		$guest = $s[$this->v4 ? 'customer' : 'guest'];
		$d = array(
			'invoice_prefix' => $c->config->get('config_invoice_prefix'),
			'store_id' => (int)$c->config->get('config_store_id'), 'store_name' => $c->config->get('config_name'),
			'store_url' => $c->config->get('config_store_id') ? $c->config->get('config_url') : ($c->config->get('config_url') ?: HTTP_SERVER),
			'customer_id' => 0, 'customer_group_id' => $guest['customer_group_id'],
			'firstname' => $guest['firstname'], 'lastname' => $guest['lastname'], 'email' => $guest['email'],
			'telephone' => $guest['telephone'], 'custom_field' => $guest['custom_field'],
			'comment' => $s['comment'], 'totals' => $totals, 'total' => $total,
			'affiliate_id' => 0, 'commission' => 0, 'marketing_id' => 0, 'tracking' => '',
			'language_id' => $c->config->get('config_language_id'),
			'currency_id' => $c->currency->getId($s['currency']), 'currency_code' => $s['currency'],
			'currency_value' => $c->currency->getValue($s['currency']),
			'ip' => $_SERVER['REMOTE_ADDR'] ?? '', 'forwarded_ip' => '',
			'user_agent' => $_SERVER['HTTP_USER_AGENT'] ?? '', 'accept_language' => $_SERVER['HTTP_ACCEPT_LANGUAGE'] ?? '',
		);
		$hasShipping = $c->cart->hasShipping();
		foreach (array('payment', 'shipping') as $kind) {
			$a = ($kind === 'payment' || $hasShipping) ? $s[$kind . '_address'] : null;
			foreach (array('address_id', 'firstname', 'lastname', 'company', 'address_1', 'address_2', 'city', 'postcode', 'zone', 'zone_id', 'country', 'country_id', 'address_format', 'custom_field') as $f) {
				$d[$kind . '_' . $f] = $a ? $a[$f] : (in_array($f, array('zone_id', 'country_id', 'address_id'), true) ? 0 : ($f === 'custom_field' ? array() : ''));
			}
		}
		if ($this->v4) {
			$d['subscription_id'] = 0;
			$d['language_code'] = $c->config->get('config_language');
			$d['payment_method'] = $s['payment_method'];
			$d['shipping_method'] = $hasShipping ? $s['shipping_method'] : array();
			$d['products'] = array();
			foreach ($c->cart->getProducts() as $p) {
				$d['products'][] = array('subscription' => array(), 'tax' => $c->tax->getTax($p['price'], $p['tax_class_id'])) + $p;
			}
		} else {
			$d['payment_method'] = $s['payment_method']['title'];
			$d['payment_code'] = $s['payment_method']['code'];
			$d['shipping_method'] = $hasShipping ? $s['shipping_method']['title'] : '';
			$d['shipping_code'] = $hasShipping ? $s['shipping_method']['code'] : '';
			$d['vouchers'] = array();
			$d['products'] = array();
			foreach ($c->cart->getProducts() as $p) {
				$options = array();
				foreach ($p['option'] as $o) {
					$options[] = array_intersect_key($o, array_flip(array('product_option_id', 'product_option_value_id', 'option_id', 'option_value_id', 'name', 'value', 'type')));
				}
				$d['products'][] = array(
					'product_id' => $p['product_id'], 'name' => $p['name'], 'model' => $p['model'], 'option' => $options,
					'download' => $p['download'], 'quantity' => $p['quantity'], 'subtract' => $p['subtract'],
					'price' => $p['price'], 'total' => $p['total'], 'tax' => $c->tax->getTax($p['price'], $p['tax_class_id']),
					'reward' => $p['reward'],
				);
			}
		}
		return $d;
	}

	/** The answer, read back from the order tables (what the bridge and 1C will see). */
	private function readBack($orderId) {
		$db = $this->c->db;
		$p = DB_PREFIX;
		$order = $db->query("SELECT `order_status_id`, `total`, `currency_code` FROM `{$p}order` WHERE `order_id` = '" . (int)$orderId . "'")->row;
		$lines = array();
		foreach ($db->query("SELECT * FROM `{$p}order_product` WHERE `order_id` = '" . (int)$orderId . "' ORDER BY `order_product_id`")->rows as $r) {
			$opts = array();
			foreach ($db->query("SELECT `name`, `value`, `product_option_id`, `product_option_value_id` FROM `{$p}order_option` WHERE `order_product_id` = '" . (int)$r['order_product_id'] . "' ORDER BY `order_option_id`")->rows as $o) {
				$opts[] = array('name' => $o['name'], 'value' => $o['value'], 'product_option_id' => (int)$o['product_option_id'], 'product_option_value_id' => (int)$o['product_option_value_id']);
			}
			$lines[] = array('product_id' => (int)$r['product_id'], 'name' => $r['name'], 'model' => $r['model'], 'quantity' => (int)$r['quantity'],
				'price' => $r['price'], 'total' => $r['total'], 'tax' => $r['tax'], 'options' => $opts);
		}
		$totals = array();
		foreach ($db->query("SELECT `code`, `title`, `value` FROM `{$p}order_total` WHERE `order_id` = '" . (int)$orderId . "' ORDER BY `sort_order`")->rows as $t) {
			$totals[] = array('code' => $t['code'], 'title' => $t['title'], 'value' => $t['value']);
		}
		return array('order_id' => (int)$orderId, 'order_status_id' => (int)$order['order_status_id'], 'total' => $order['total'],
			'currency' => $order['currency_code'], 'totals' => $totals, 'lines' => $lines);
	}
}
