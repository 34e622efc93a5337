<?php
use OcBridge\Router;
use OcBridge\Service;
use OcBridge\ApiError;
use OcBridge\Json;

/** Service double: records calls, no DB. */
class FakeService {
	public $calls = array();
	public $authError = null;

	public function authenticate($u, $k, $ip) {
		if ($this->authError) {
			throw $this->authError;
		}
	}

	public function __call($name, $args) {
		$this->calls[] = array($name, $args[0], $args[1]);
		if ($name === 'productGet') {
			throw new \RuntimeException('boom');
		}
		return array('called' => $name);
	}
}

function route($svc, $method, $query, $body = null, $len = null) {
	$r = new Router($svc);
	return $r->handle($method, $query, array('x-api-username' => 'u', 'x-api-key' => 'k'), '127.0.0.1', $len === null && $body !== null ? strlen($body) : $len, function () use ($body) {
		return $body;
	});
}

t('Router: success envelope', function () {
	$s = new FakeService();
	list($status, $body) = route($s, 'GET', array('op' => 'ping'));
	eq(200, $status);
	eq(array('data' => array('called' => 'ping')), $body);
	list($status, $body) = route($s, 'POST', array('op' => 'product.upsert'), '{"match":{"by":"sku","value":"A"}}');
	eq(200, $status);
	eq(array('productUpsert', array('op' => 'product.upsert'), array('match' => array('by' => 'sku', 'value' => 'A'))), $s->calls[1]);
});

t('Router: auth errors come first', function () {
	$s = new FakeService();
	$s->authError = new ApiError('forbidden_ip', 'IP not allowed', array('ip' => '203.0.113.7'));
	list($status, $body) = route($s, 'GET', array('op' => 'nonsense'));
	eq(403, $status);
	eq('{"error":{"code":"forbidden_ip","message":"IP not allowed","details":{"ip":"203.0.113.7"}}}', Json::encode($body));
});

t('Router: unknown op 404, missing op 400, wrong method 405', function () {
	$s = new FakeService();
	list($status, $body) = route($s, 'GET', array('op' => 'product.delete'));
	eq(404, $status);
	eq('not_found', $body['error']['code']);
	list($status, $body) = route($s, 'GET', array());
	eq(400, $status);
	list($status, $body) = route($s, 'GET', array('op' => 'product.upsert'));
	eq(405, $status);
	eq('method_not_allowed', $body['error']['code']);
	list($status, $body) = route($s, 'POST', array('op' => 'order.list'), '{}');
	eq(405, $status);
	list($status, $body) = route($s, 'PUT', array('op' => 'product.upsert'), '{}');
	eq(405, $status);
	eq(array(), $s->calls, 'nothing dispatched');
});

t('Router: body limits and JSON errors', function () {
	$s = new FakeService();
	list($status, $body) = route($s, 'POST', array('op' => 'products.upsert'), '{}', 8388609);
	eq(413, $status);
	eq('payload_too_large', $body['error']['code']);
	list($status, $body) = route($s, 'POST', array('op' => 'products.upsert'), str_repeat(' ', 8388609), 0);
	eq(413, $status);
	list($status, $body) = route($s, 'POST', array('op' => 'products.upsert'), 'not json');
	eq(400, $status);
	eq('bad_request', $body['error']['code']);
	list($status, $body) = route($s, 'POST', array('op' => 'products.upsert'), '');
	eq(400, $status);
});

t('Router: unexpected exceptions become internal 500 JSON', function () {
	$s = new FakeService();
	list($status, $body) = route($s, 'GET', array('op' => 'product.get', 'sku' => 'x'));
	eq(500, $status);
	eq('internal', $body['error']['code']);
	eq('boom', $body['error']['details']->reason);
});

t('Router: capabilities list every op but ping', function () {
	$caps = Router::capabilities();
	foreach (array('product.get', 'product.list', 'product.upsert', 'products.upsert', 'products.stock_price', 'image.put', 'images.put', 'category.list', 'category.upsert',
		'manufacturer.list', 'manufacturer.upsert', 'option.upsert', 'attribute.upsert', 'order.list', 'order.get', 'order.history_add', 'order_status.list') as $op) {
		ok(in_array($op, $caps, true), $op);
	}
	eq(17, count($caps));
});

t('Router::headersFromServer', function () {
	$h = Router::headersFromServer(array('HTTP_X_API_USERNAME' => 'Default', 'HTTP_X_API_KEY' => 'k', 'CONTENT_TYPE' => 'application/json', 'REMOTE_ADDR' => '1.2.3.4'));
	eq(array('x-api-username' => 'Default', 'x-api-key' => 'k', 'content-type' => 'application/json'), $h);
});

// ---------------------------------------------------------------- Service with a fake DB

function authDb() {
	$db = new FakeOcDb();
	$db->on('/FROM `oc_api` WHERE `username` = \'Default\'/', array(array('api_id' => '1', 'key' => 'secret')));
	$db->on('/FROM `oc_api_ip` WHERE `api_id` = \'1\' AND `ip` = \'127\.0\.0\.1\'/', array(array('n' => '1')));
	$db->on('/FROM `oc_api_ip`/', array(array('n' => '0')));
	$db->on('/SHOW TABLES LIKE \'oc\\\\\\\\_ocbridge\\\\\\\\_link\'/', array(array('t' => 'oc_ocbridge_link')));
	return $db;
}

t('Service::authenticate: 401 / 403 / ok', function () {
	$svc = new Service(fakeContext(authDb()));
	apiError('unauthorized', function () use ($svc) { $svc->authenticate('', '', '127.0.0.1'); });
	apiError('unauthorized', function () use ($svc) { $svc->authenticate('Nobody', 'secret', '127.0.0.1'); });
	$e = apiError('unauthorized', function () use ($svc) { $svc->authenticate('Default', 'wrong', '127.0.0.1'); });
	eq('Unknown API user or wrong key', $e->getMessage());
	$e = apiError('forbidden_ip', function () use ($svc) { $svc->authenticate('Default', 'secret', '203.0.113.7'); });
	eq(array('ip' => '203.0.113.7'), $e->getDetails());
	eq(1, $svc->authenticate('Default', 'secret', '127.0.0.1'));
});

t('Service::authenticate: link table missing → internal with install hint', function () {
	$db = new FakeOcDb();
	$db->on('/FROM `oc_api` WHERE/', array(array('api_id' => '1', 'key' => 'secret')));
	$db->on('/FROM `oc_api_ip`/', array(array('n' => '1')));
	$svc = new Service(fakeContext($db));
	$e = apiError('internal', function () use ($svc) { $svc->authenticate('Default', 'secret', '127.0.0.1'); });
	contains('Modules', $e->getMessage());
});

/** Batch semantics without a DB: planning and writing of items are stubbed. */
class BatchService extends Service {
	public $seen = array();
	public $written = array();

	protected function planProductItem(array $body) {
		$this->seen[] = $body;
		if (isset($body['fail'])) {
			throw ApiError::validation(array('descriptions.ru-ru.name' => '1 to 255 characters'), 'Invalid product');
		}
		if (isset($body['crash'])) {
			throw new \RuntimeException('db gone');
		}
		return array('plan' => array('p' => $body), 'product_id' => 50 + count($this->seen));
	}

	protected function writePlannedProduct(array $planned, $assumeChanged) {
		$this->written[] = $planned['product_id'];
		return array('product_id' => $planned['product_id'], 'created' => $planned['product_id'] === 51);
	}
}

t('products.upsert: one result per item, in order, failures isolated', function () {
	$svc = new BatchService(fakeContext(new FakeOcDb()));
	$out = $svc->productsUpsert(array(), array('items' => array(array('a' => 1), array('fail' => 1), array('crash' => 1), array('b' => 2))));
	eq(4, count($out['results']));
	eq(array('index' => 0, 'product_id' => 51, 'created' => true), $out['results'][0]);
	eq(1, $out['results'][1]['index']);
	eq('validation', $out['results'][1]['error']['code']);
	eq('{"fields":{"descriptions.ru-ru.name":"1 to 255 characters"}}', Json::encode($out['results'][1]['error']['details']));
	eq('internal', $out['results'][2]['error']['code']);
	eq(array('index' => 3, 'product_id' => 54, 'created' => false), $out['results'][3]);
	eq(4, count($svc->seen), 'processing continued after failures');
	eq(array(51, 54), $svc->written, 'only the planned items are written');
});

t('products.upsert: whole-request refusals', function () {
	$svc = new BatchService(fakeContext(new FakeOcDb()));
	apiError('bad_request', function () use ($svc) { $svc->productsUpsert(array(), array('things' => array())); });
	apiError('bad_request', function () use ($svc) { $svc->productsUpsert(array(), array('items' => array('a' => 1))); });
	$e = apiError('validation', function () use ($svc) { $svc->productsUpsert(array(), array('items' => array())); });
	eq(array('items' => '1 to 100 items'), fields($e));
	$e = apiError('validation', function () use ($svc) { $svc->productsUpsert(array(), array('items' => array_fill(0, 101, array()))); });
	eq(array('items' => '1 to 100 items'), fields($e));
	eq(array(), $svc->seen, 'nothing applied');
	$out = $svc->productsUpsert(array(), array('items' => array('not an object')));
	eq('bad_request', $out['results'][0]['error']['code']);
});

t('products.stock_price: whole-request validation', function () {
	$svc = new Service(fakeContext(new FakeOcDb()));
	$e = apiError('validation', function () use ($svc) { $svc->productsStockPrice(array(), array('match_by' => 'ean', 'items' => array(array('key' => 'a')))); });
	ok(isset(fields($e)['match_by']));
	$e = apiError('validation', function () use ($svc) { $svc->productsStockPrice(array(), array('match_by' => 'sku', 'items' => array())); });
	eq(array('items' => '1 to 1000 items'), fields($e));
	$e = apiError('validation', function () use ($svc) { $svc->productsStockPrice(array(), array('match_by' => 'sku', 'items' => array_fill(0, 1001, array('key' => 'a')))); });
	eq(array('items' => '1 to 1000 items'), fields($e));
	apiError('bad_request', function () use ($svc) { $svc->productsStockPrice(array(), array('match_by' => 'sku')); });
});

t('products.stock_price: per-item statuses', function () {
	$db = new FakeOcDb();
	// one query for every key (X-1 is not in its rows, so it is asked alone), one for the current values
	$db->on("/SELECT `sku` AS k, `product_id` FROM `oc_product` WHERE `sku` IN \\('ART-200'/", array(array('k' => 'art-200', 'product_id' => '51'), array('k' => 'DUP', 'product_id' => '3'), array('k' => 'DUP', 'product_id' => '4')));
	$db->on("/SELECT `product_id`, `quantity`, `price`, `status` FROM `oc_product` WHERE `product_id` IN \\('51'\\)/", array(array('product_id' => '51', 'quantity' => '7', 'price' => '1234.5000', 'status' => '1')));
	$svc = new Service(fakeContext($db));
	$out = $svc->productsStockPrice(array(), array('match_by' => 'sku', 'items' => array(
		array('key' => 'ART-200', 'quantity' => 5, 'price' => '1290.0000'),
		array('key' => 'X-1', 'quantity' => 1),
		array('key' => 'DUP', 'quantity' => 1),
		array('key' => 'BAD', 'quantity' => 'lots'),
	)));
	eq(1, $out['updated']);
	eq(array('key' => 'ART-200', 'product_id' => 51, 'status' => 'updated', 'changed' => true), $out['results'][0]);
	eq(array('key' => 'X-1', 'status' => 'not_found'), $out['results'][1]);
	eq('ambiguous', $out['results'][2]['status']);
	eq(array(3, 4), $out['results'][2]['product_ids']);
	eq('invalid', $out['results'][3]['status']);
	$sql = implode("\n", $db->log);
	contains("UPDATE `oc_product` SET `quantity` = CASE `product_id` WHEN 51 THEN '5' ELSE `quantity` END, `price` = CASE `product_id` WHEN 51 THEN '1290.0000' ELSE `price` END, `date_modified` = NOW() WHERE `product_id` IN ('51')", $sql);
	contains("WHERE `sku` = 'X-1'", $sql, 'a key the batch query did not explain is asked alone');
	contains('START TRANSACTION', $sql);
	contains('COMMIT', $sql);
	// same values again: reported as updated, nothing written
	$db->log = array();
	$out = $svc->productsStockPrice(array(), array('match_by' => 'sku', 'items' => array(array('key' => 'ART-200', 'quantity' => 7, 'price' => '1234.5'))));
	eq(array('key' => 'ART-200', 'product_id' => 51, 'status' => 'updated', 'changed' => false), $out['results'][0]);
	ok(strpos(implode("\n", $db->log), 'UPDATE') === false, 'no UPDATE for unchanged values');
});

t('images.put: one result per item, a refused item answered alone', function () {
	$svc = new Service(fakeContext(new FakeOcDb()));
	apiError('validation', function () use ($svc) { $svc->imagesPut(array(), array('items' => array())); });
	apiError('validation', function () use ($svc) { $svc->imagesPut(array(), array('items' => array_fill(0, 51, array()))); });
	$out = $svc->imagesPut(array(), array('items' => array('not an object', array('path' => '../x.png', 'content_base64' => 'AAAA'))));
	eq(2, count($out['results']));
	eq('bad_request', $out['results'][0]['error']['code']);
	eq(1, $out['results'][1]['index']);
	eq('validation', $out['results'][1]['error']['code']);
});

t('image.put validation (pure)', function () {
	$png = base64_encode("\x89PNG\r\n\x1A\n" . str_repeat("\0", 20));
	eq(array('catalog/1c/a.png', base64_decode($png)), \OcBridge\Service::checkImage(array('path' => 'catalog/1c/a.png', 'content_base64' => $png)));
	eq('catalog/1c/a.png', \OcBridge\Service::checkImage(array('path' => 'image/catalog/1c/a.png', 'content_base64' => $png))[0]);
	foreach (array('catalog/../config.php', '../catalog/a.png', 'catalog/a.php', 'data/a.png', '/catalog/a.png', 'catalog//a.png') as $bad) {
		$e = apiError('validation', function () use ($bad, $png) { \OcBridge\Service::checkImage(array('path' => $bad, 'content_base64' => $png)); });
		ok(isset(fields($e)['path']), $bad);
	}
	$e = apiError('validation', function () { \OcBridge\Service::checkImage(array('path' => 'catalog/a.jpg', 'content_base64' => base64_encode('<?php echo 1;'))); });
	ok(isset(fields($e)['content_base64']));
	$e = apiError('validation', function () { \OcBridge\Service::checkImage(array('path' => 'catalog/a.jpg', 'content_base64' => '***')); });
	ok(isset(fields($e)['content_base64']));
	apiError('payload_too_large', function () { \OcBridge\Service::checkImage(array('path' => 'catalog/a.jpg', 'content_base64' => base64_encode("\xFF\xD8\xFF" . str_repeat('a', 6291456)))); });
	eq('webp', \OcBridge\Service::imageType('RIFF' . "\0\0\0\0" . 'WEBPVP8 '));
	eq('gif', \OcBridge\Service::imageType('GIF89a....'));
});

t('Service::ownerLabel', function () {
	eq('product 12', Service::ownerLabel(array('key' => 'product_id', 'value' => '12')));
	eq('category 27', Service::ownerLabel(array('key' => 'path', 'value' => '20_27')));
	eq('information 4', Service::ownerLabel(array('key' => 'information_id', 'value' => '4')));
});

t('Router: body over PHP post_max_size → 413 naming the setting', function () {
	$r = new Router(new FakeService());
	list($status, $body) = $r->handle('POST', array('op' => 'products.upsert'), array(), '127.0.0.1', 3000000, function () {
		return '';
	}, 2097152);
	eq(413, $status);
	contains('post_max_size', $body['error']['message']);
	eq(8388608, Router::iniBytes('8M'));
	eq(524288, Router::iniBytes('512K'));
	eq(1073741824, Router::iniBytes('1G'));
	eq(0, Router::iniBytes('0'));
	eq(1000, Router::iniBytes('1000'));
});

t('Http::peerAddress prefers the SAPI value and refuses header-derived REMOTE_ADDR', function () {
	eq('10.0.0.5', \OcBridge\Http::peerAddress(array('REMOTE_ADDR' => '127.0.0.1', 'HTTP_X_FORWARDED_FOR' => '127.0.0.1'), '10.0.0.5'));
	eq('10.0.0.5', \OcBridge\Http::peerAddress(array('REMOTE_ADDR' => '10.0.0.5'), false));
	eq('', \OcBridge\Http::peerAddress(array('REMOTE_ADDR' => '127.0.0.1', 'HTTP_X_FORWARDED_FOR' => '127.0.0.1'), false), '4.0.x overwrote it');
	eq('', \OcBridge\Http::peerAddress(array('REMOTE_ADDR' => '1.2.3.4', 'HTTP_CLIENT_IP' => '1.2.3.4'), ''));
	eq('10.0.0.5', \OcBridge\Http::peerAddress(array('REMOTE_ADDR' => '10.0.0.5', 'HTTP_X_FORWARDED_FOR' => '1.2.3.4'), false), 'header present but not used');
	$svc = new Service(fakeContext(authDb()));
	$e = apiError('forbidden_ip', function () use ($svc) { $svc->authenticate('Default', 'secret', ''); });
	eq(array('ip' => ''), $e->getDetails());
});
