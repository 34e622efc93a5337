<?php
/**
 * Live smoke test of OCBridge v1 against a running TEST shop (it creates products, categories,
 * manufacturers, options, attributes and images, and adds order history). Not run by CI.
 *
 *   php src/opencart/tests/live/smoke.php --base http://127.0.0.1:8041 --user Default --key <api key> \
 *       [--order-id 1] [--foreign-interface 127.0.0.2] [--lang en-gb] [--tag run1]
 *
 * --foreign-interface: a local source address NOT in the API user's IP list (checks 403).
 * --order-id: an order placed in the storefront (checks order.get / history_add on it).
 * Prints one line per check and ends with "N passed, M failed".
 */
$opt = getopt('', array('base:', 'user:', 'key:', 'order-id:', 'foreign-interface:', 'lang:', 'tag:'));
foreach (array('base', 'user', 'key') as $k) {
	if (empty($opt[$k])) {
		fwrite(STDERR, "usage: smoke.php --base URL --user NAME --key KEY [--order-id N] [--foreign-interface IP] [--lang en-gb] [--tag T]\n");
		exit(2);
	}
}
$BASE = rtrim($opt['base'], '/');
$LANG = isset($opt['lang']) ? $opt['lang'] : 'en-gb';
$TAG = isset($opt['tag']) ? $opt['tag'] : substr(md5(uniqid('', true)), 0, 6);
$passed = 0;
$failed = 0;

function call($method, $op, $query = array(), $body = null, array $o = array()) {
	global $BASE, $opt;
	$url = $BASE . '/index.php?route=extension/ocbridge/api' . ($op === null ? '' : '&op=' . rawurlencode($op)) . ($query ? '&' . http_build_query($query) : '');
	$h = array();
	if (!isset($o['noauth'])) {
		$h[] = 'X-Api-Username: ' . (isset($o['user']) ? $o['user'] : $opt['user']);
		$h[] = 'X-Api-Key: ' . (isset($o['key']) ? $o['key'] : $opt['key']);
	}
	if (isset($o['headers'])) {
		$h = array_merge($h, $o['headers']);
	}
	$ch = curl_init($url);
	curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
	curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
	if ($body !== null) {
		$h[] = 'Content-Type: application/json; charset=utf-8';
		curl_setopt($ch, CURLOPT_POSTFIELDS, is_string($body) ? $body : json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES));
	}
	if (isset($o['interface'])) {
		curl_setopt($ch, CURLOPT_INTERFACE, $o['interface']);
	}
	curl_setopt($ch, CURLOPT_HTTPHEADER, $h);
	curl_setopt($ch, CURLOPT_TIMEOUT, 60);
	$raw = curl_exec($ch);
	$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
	$ctype = (string)curl_getinfo($ch, CURLINFO_CONTENT_TYPE);
	curl_close($ch);
	$json = json_decode((string)$raw, true);
	return array('status' => $status, 'ctype' => $ctype, 'raw' => (string)$raw, 'json' => $json, 'data' => isset($json['data']) ? $json['data'] : null,
		'code' => isset($json['error']['code']) ? $json['error']['code'] : null);
}

function check($name, $cond, $r = null) {
	global $passed, $failed;
	$detail = '';
	if ($r !== null) {
		$detail = ' [HTTP ' . $r['status'] . '] ' . substr(preg_replace('/\s+/', ' ', $r['raw']), 0, $cond ? 160 : 600);
	}
	if ($cond) {
		$passed++;
		echo "PASS $name$detail\n";
	} else {
		$failed++;
		echo "FAIL $name$detail\n";
	}
}

function isJson($r) {
	return stripos($r['ctype'], 'application/json') === 0 && is_array($r['json']);
}

function without(array $a, array $keys) {
	foreach ($keys as $k) {
		unset($a[$k]);
	}
	return $a;
}

// ------------------------------------------------------------------ ping, auth, HTTP rules
$r = call('GET', 'ping');
check('ping', $r['status'] === 200 && isJson($r) && count($r['data']['capabilities']) === 16 && $r['data']['bridge_version'] === '1.0.0', $r);
$version = $r['data']['opencart_version'];
$r = call('GET', 'ping', array(), null, array('noauth' => 1));
check('401 without headers', $r['status'] === 401 && $r['code'] === 'unauthorized' && isJson($r), $r);
$r = call('GET', 'ping', array(), null, array('key' => 'wrong'));
check('401 wrong key', $r['status'] === 401 && $r['json']['error']['message'] === 'Unknown API user or wrong key' && $r['json']['error']['details'] === array() && $r['raw'] !== '' && strpos($r['raw'], '"details":{}') !== false, $r);
if (!empty($opt['foreign-interface'])) {
	$r = call('GET', 'ping', array(), null, array('interface' => $opt['foreign-interface']));
	check('403 forbidden_ip from ' . $opt['foreign-interface'], $r['status'] === 403 && $r['code'] === 'forbidden_ip' && $r['json']['error']['details']['ip'] === $opt['foreign-interface'], $r);
	$r = call('GET', 'ping', array(), null, array('interface' => $opt['foreign-interface'], 'headers' => array('X-Forwarded-For: 127.0.0.1', 'X-Real-IP: 127.0.0.1', 'CF-Connecting-IP: 127.0.0.1')));
	check('403 despite spoofed X-Forwarded-For', $r['status'] === 403 && $r['code'] === 'forbidden_ip', $r);
}
$r = call('GET', null);
check('400 missing op', $r['status'] === 400 && $r['code'] === 'bad_request', $r);
$r = call('GET', 'product.delete');
check('404 unknown op', $r['status'] === 404 && $r['code'] === 'not_found', $r);
$r = call('GET', 'product.upsert');
check('405 GET on a POST op', $r['status'] === 405 && $r['code'] === 'method_not_allowed', $r);
$r = call('POST', 'order.list', array(), '{}');
check('405 POST on a GET op', $r['status'] === 405 && $r['code'] === 'method_not_allowed', $r);
$r = call('POST', 'product.upsert', array(), '{not json');
check('400 invalid JSON', $r['status'] === 400 && $r['code'] === 'bad_request', $r);
$r = call('POST', 'products.upsert', array(), '{"items":[' . str_repeat(' ', 8 * 1024 * 1024) . ']}');
check('413 body over 8 MiB', $r['status'] === 413 && $r['code'] === 'payload_too_large', $r);

// ------------------------------------------------------------------ dictionaries
$mExt = "m-$TAG";
$r = call('POST', 'manufacturer.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $mExt), 'create_if_missing' => true,
	'manufacturer' => array('name' => "Acme $TAG & Co", 'sort_order' => 1, 'store_ids' => array(0), 'seo_keywords' => array('0' => array($LANG => "acme-$TAG")))));
check('manufacturer.upsert create', $r['status'] === 200 && $r['data']['created'] === true, $r);
$mId = $r['data']['manufacturer_id'];
$r = call('POST', 'manufacturer.upsert', array(), array('match' => array('by' => 'name', 'value' => "Acme $TAG & Co"), 'create_if_missing' => false, 'manufacturer' => array('sort_order' => 2)));
check('manufacturer.upsert update by name', $r['status'] === 200 && $r['data'] === array('manufacturer_id' => $mId, 'created' => false), $r);
$r = call('GET', 'manufacturer.list');
$found = null;
foreach ((array)$r['data']['items'] as $m) {
	if ($m['manufacturer_id'] === $mId) {
		$found = $m;
	}
}
check('manufacturer.list', $r['status'] === 200 && $found && $found['external_id'] === $mExt && $found['name'] === "Acme $TAG & Co" && $found['sort_order'] === 2, $r);
$r = call('POST', 'manufacturer.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "m2-$TAG"), 'manufacturer' => array('name' => "Other $TAG", 'seo_keywords' => array('0' => array($LANG => "acme-$TAG")))));
check('manufacturer.upsert SEO keyword conflict → 422', $r['status'] === 422 && $r['code'] === 'validation' && strpos($r['json']['error']['details']['fields']["seo_keywords.0.$LANG"], 'already used by manufacturer ' . $mId) === 0, $r);
$r = call('POST', 'manufacturer.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "m-missing-$TAG"), 'create_if_missing' => false, 'manufacturer' => array('name' => 'x')));
check('manufacturer.upsert create_if_missing=false → 404', $r['status'] === 404 && $r['code'] === 'not_found', $r);

$cExt = "c-$TAG";
$r = call('POST', 'category.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "cp-$TAG"), 'create_if_missing' => true,
	'category' => array('parent' => array('category_id' => 0), 'status' => true, 'sort_order' => 5, 'descriptions' => array($LANG => array('name' => "Parent $TAG")), 'seo_keywords' => array('0' => array($LANG => "parent-$TAG")))));
check('category.upsert create top level', $r['status'] === 200 && $r['data']['created'] === true, $r);
$parentId = $r['data']['category_id'];
$r = call('POST', 'category.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $cExt), 'create_if_missing' => true,
	'category' => array('parent' => array('external_id' => "cp-$TAG"), 'status' => true, 'sort_order' => 0, 'store_ids' => array(0),
		'descriptions' => array($LANG => array('name' => "Ноутбуки $TAG", 'description' => '', 'meta_title' => "Ноутбуки $TAG", 'meta_description' => '', 'meta_keyword' => '')),
		'seo_keywords' => array('0' => array($LANG => "noutbuki-$TAG")))));
check('category.upsert create child by parent external_id', $r['status'] === 200 && $r['data']['created'] === true, $r);
$catId = $r['data']['category_id'];
$r = call('POST', 'category.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $cExt), 'category' => array('sort_order' => 3)));
check('category.upsert partial update', $r['status'] === 200 && $r['data'] === array('category_id' => $catId, 'created' => false), $r);
$r = call('POST', 'category.upsert', array(), array('match' => array('by' => 'category_id', 'value' => $parentId), 'category' => array('parent' => array('external_id' => $cExt))));
check('category.upsert refuses a cycle → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['parent']), $r);
$r = call('POST', 'category.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "cx-$TAG"), 'category' => array('parent' => array('external_id' => "nope-$TAG"), 'descriptions' => array($LANG => array('name' => 'x')))));
check('category.upsert unknown parent → 422 parent', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['parent']), $r);
$r = call('POST', 'category.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "cx-$TAG"), 'category' => array('descriptions' => array('xx-yy' => array('name' => 'x')))));
check('category.upsert unknown language → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['descriptions.xx-yy']), $r);
$r = call('GET', 'category.list');
$found = null;
foreach ((array)$r['data']['items'] as $c) {
	if ($c['category_id'] === $catId) {
		$found = $c;
	}
}
check('category.list', $r['status'] === 200 && $found && $found['external_id'] === $cExt && $found['parent_id'] === $parentId && $found['sort_order'] === 3 && $found['descriptions'][$LANG]['name'] === "Ноутбуки $TAG", $r);

$r = call('POST', 'option.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "o-$TAG"), 'create_if_missing' => true,
	'option' => array('type' => 'select', 'sort_order' => 0, 'descriptions' => array($LANG => array('name' => "Размер $TAG")),
		'values' => array(array('external_id' => "ov-xl-$TAG", 'sort_order' => 0, 'image' => '', 'descriptions' => array($LANG => array('name' => 'XL'))),
			array('external_id' => "ov-l-$TAG", 'sort_order' => 1, 'descriptions' => array($LANG => array('name' => 'L')))))));
check('option.upsert create with values', $r['status'] === 200 && $r['data']['created'] === true && count($r['data']['values']) === 2 && $r['data']['values'][0]['external_id'] === "ov-xl-$TAG", $r);
$optionId = $r['data']['option_id'];
$r = call('POST', 'option.upsert', array(), array('match' => array('by' => 'name', 'value' => "Размер $TAG"),
	'option' => array('values' => array(array('external_id' => "ov-xl-$TAG", 'descriptions' => array($LANG => array('name' => 'XL'))), array('external_id' => "ov-m-$TAG", 'descriptions' => array($LANG => array('name' => 'M')))))));
check('option.upsert by name: keeps known value ids, adds new', $r['status'] === 200 && $r['data']['option_id'] === $optionId && $r['data']['created'] === false && $r['data']['values'][0]['created'] === false && $r['data']['values'][1]['created'] === true, $r);
$r = call('POST', 'option.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "o2-$TAG"), 'option' => array('type' => 'dropdown', 'descriptions' => array($LANG => array('name' => 'x')))));
check('option.upsert bad type → 422 type', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['type']), $r);

$r = call('POST', 'attribute.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "a-$TAG"), 'create_if_missing' => true,
	'attribute' => array('group' => array('name' => array($LANG => "Основные $TAG")), 'sort_order' => 0, 'descriptions' => array($LANG => array('name' => "Цвет $TAG")))));
check('attribute.upsert create (group by name, created)', $r['status'] === 200 && $r['data']['created'] === true && $r['data']['attribute_group_id'] > 0, $r);
$attrId = $r['data']['attribute_id'];
$groupId = $r['data']['attribute_group_id'];
$r = call('POST', 'attribute.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "a2-$TAG"),
	'attribute' => array('group' => array('attribute_group_id' => $groupId), 'descriptions' => array($LANG => array('name' => "Вес $TAG")))));
check('attribute.upsert create in group by id', $r['status'] === 200 && $r['data']['attribute_group_id'] === $groupId, $r);
$r = call('POST', 'attribute.upsert', array(), array('match' => array('by' => 'name', 'value' => "Цвет $TAG"), 'attribute' => array('sort_order' => 4)));
check('attribute.upsert update by name', $r['status'] === 200 && $r['data'] === array('attribute_id' => $attrId, 'attribute_group_id' => $groupId, 'created' => false), $r);
$r = call('POST', 'attribute.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "a3-$TAG"), 'attribute' => array('descriptions' => array($LANG => array('name' => 'x')))));
check('attribute.upsert without group on create → 422 group', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['group']), $r);

// ------------------------------------------------------------------ images
$png = base64_encode(base64_decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='));
$r = call('POST', 'image.put', array(), array('path' => "catalog/1c/$TAG/ART.png", 'content_base64' => $png, 'overwrite' => true));
check('image.put', $r['status'] === 200 && $r['data']['path'] === "catalog/1c/$TAG/ART.png" && $r['data']['bytes'] === strlen(base64_decode($png)), $r);
$r = call('POST', 'image.put', array(), array('path' => "catalog/1c/$TAG/ART.png", 'content_base64' => $png, 'overwrite' => false));
check('image.put overwrite=false on existing → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['path']), $r);
$r = call('POST', 'image.put', array(), array('path' => 'catalog/../../config.php', 'content_base64' => $png));
check('image.put path traversal → 422', $r['status'] === 422, $r);
$r = call('POST', 'image.put', array(), array('path' => "catalog/1c/$TAG/x.jpg", 'content_base64' => base64_encode('<?php phpinfo();')));
check('image.put non-image → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['content_base64']), $r);
$r = call('POST', 'image.put', array(), array('path' => "catalog/1c/$TAG/big.jpg", 'content_base64' => base64_encode("\xFF\xD8\xFF" . str_repeat('a', 6 * 1024 * 1024 + 10))));
check('image.put decoded > 6 MiB → 413', $r['status'] === 413 && $r['code'] === 'payload_too_large', $r);
$img = @file_get_contents($BASE . "/image/catalog/1c/$TAG/ART.png");
check('uploaded image served by the shop', $img === base64_decode($png));

// ------------------------------------------------------------------ products
$pExt = "p-$TAG";
$sku = "ART-$TAG";
$product = array(
	'external_id' => $pExt, 'model' => $sku, 'sku' => $sku, 'ean' => '4600000000017', 'mpn' => '', 'price' => '1234.5000', 'quantity' => 7, 'status' => true,
	'stock_status_id' => 7, 'subtract' => true, 'minimum' => 1, 'shipping' => true, 'tax_class_id' => 0, 'weight' => '0.250', 'weight_class_id' => 1,
	'manufacturer' => array('external_id' => $mExt), 'categories' => array(array('external_id' => $cExt), array('category_id' => $parentId)), 'store_ids' => array(0),
	'image' => "catalog/1c/$TAG/ART.png", 'images' => array(array('path' => "catalog/1c/$TAG/ART.png", 'sort_order' => 1)),
	'descriptions' => array($LANG => array('name' => "Ноутбук X $TAG", 'description' => '<p>Описание & "кавычки"</p>', 'meta_title' => "Ноутбук X", 'meta_description' => '', 'meta_keyword' => '', 'tag' => '')),
	'attributes' => array(array('attribute' => array('external_id' => "a-$TAG"), 'texts' => array($LANG => 'Чёрный'))),
	'options' => array(array('option' => array('external_id' => "o-$TAG"), 'required' => true, 'values' => array(
		array('option_value' => array('external_id' => "ov-xl-$TAG"), 'external_id' => "char-xl-$TAG", 'sku' => "$sku-XL", 'quantity' => 3, 'subtract' => true, 'price' => '0.0000', 'price_prefix' => '+'),
		array('option_value' => array('external_id' => "ov-l-$TAG"), 'external_id' => "char-l-$TAG", 'sku' => "$sku-L", 'quantity' => 4, 'subtract' => true, 'price' => '10.0000', 'price_prefix' => '-')))),
	'specials' => array(array('customer_group_id' => 1, 'price' => '999.0000', 'priority' => 1, 'date_start' => null, 'date_end' => null)),
	'discounts' => array(array('customer_group_id' => 1, 'quantity' => 10, 'price' => '1100.0000', 'priority' => 1)),
	'seo_keywords' => array('0' => array($LANG => "noutbuk-x-$TAG")),
);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $pExt), 'create_if_missing' => true, 'product' => $product));
check('product.upsert create (full ProductWrite)', $r['status'] === 200 && $r['data']['created'] === true, $r);
$pid = $r['data']['product_id'];
$g = call('GET', 'product.get', array('external_id' => $pExt));
$p = $g['data'];
check('product.get by external_id', $g['status'] === 200 && $p['product_id'] === $pid && $p['external_id'] === $pExt && $p['sku'] === $sku && $p['ean'] === '4600000000017' && $p['price'] === '1234.5000'
	&& $p['manufacturer']['manufacturer_id'] === $mId && count($p['categories']) === 2 && $p['descriptions'][$LANG]['description'] === '<p>Описание & "кавычки"</p>'
	&& $p['attributes'][0]['texts'][$LANG] === 'Чёрный' && count($p['options'][0]['values']) === 2 && $p['options'][0]['values'][0]['sku'] === "$sku-XL"
	&& $p['specials'][0]['price'] === '999.0000' && $p['discounts'][0]['quantity'] === 10 && $p['seo_keywords']['0'][$LANG] === "noutbuk-x-$TAG"
	&& $p['store_ids'] === array(0) && $p['images'][0]['path'] === "catalog/1c/$TAG/ART.png", $g);
foreach (array('sku' => $sku, 'model' => $sku, 'product_id' => $pid) as $k => $val) {
	$r = call('GET', 'product.get', array($k => $val));
	check("product.get by $k", $r['status'] === 200 && $r['data']['product_id'] === $pid, $r);
}
$r = call('GET', 'product.get', array('sku' => $sku, 'model' => $sku));
check('product.get with two keys → 422', $r['status'] === 422, $r);
$r = call('GET', 'product.get', array('external_id' => "nope-$TAG"));
check('product.get unknown → 404', $r['status'] === 404 && $r['code'] === 'not_found', $r);
sleep(1);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $pExt), 'create_if_missing' => true, 'product' => $product));
$g2 = call('GET', 'product.get', array('external_id' => $pExt));
check('second identical import: created=false and product unchanged (date_modified too)', $r['status'] === 200 && $r['data'] === array('product_id' => $pid, 'created' => false) && $g2['data'] === $p, $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'sku', 'value' => $sku), 'create_if_missing' => false, 'product' => array('price' => '990.0000')));
$g3 = call('GET', 'product.get', array('external_id' => $pExt));
check('partial update (price only) leaves everything else', $r['status'] === 200 && $g3['data']['price'] === '990.0000'
	&& without($g3['data'], array('price', 'date_modified')) === without($p, array('price', 'date_modified')), $g3);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $pExt), 'product' => array('descriptions' => array($LANG => array('name' => str_repeat('x', 256))))));
check('product.upsert validation path descriptions.<lang>.name → 422', $r['status'] === 422 && $r['json']['error']['details']['fields']["descriptions.$LANG.name"] === '1 to 255 characters', $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $pExt), 'product' => array('manufacturer' => array('external_id' => "nope-$TAG"), 'categories' => array(array('category_id' => 999999)))));
check('product.upsert unknown references → 422 with paths', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['manufacturer']) && isset($r['json']['error']['details']['fields']['categories.0']), $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "p-new-$TAG"), 'product' => array('model' => "M-$TAG", 'descriptions' => array($LANG => array('name' => 'x')), 'seo_keywords' => array('0' => array($LANG => "noutbuk-x-$TAG")))));
check('product.upsert SEO keyword used by another product → 422', $r['status'] === 422 && strpos($r['json']['error']['details']['fields']["seo_keywords.0.$LANG"], "already used by product $pid") === 0, $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'sku', 'value' => "none-$TAG"), 'create_if_missing' => false, 'product' => array('price' => '1')));
check('product.upsert not found with create_if_missing=false → 404', $r['status'] === 404, $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "p-noname-$TAG"), 'product' => array('price' => '1')));
check('product.upsert create without model/name → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['model']) && isset($r['json']['error']['details']['fields']['descriptions']), $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => $pExt), 'product' => array('options' => array(array('option' => array('external_id' => "o-$TAG"), 'values' => array(
	array('option_value' => array('external_id' => "ov-xl-$TAG"), 'external_id' => "char-xl-$TAG", 'sku' => "$sku-XL", 'quantity' => 3, 'price' => '0.0000')))))));
$g4 = call('GET', 'product.get', array('external_id' => $pExt));
check('options replaced, surviving product_option_value id kept', $r['status'] === 200 && count($g4['data']['options'][0]['values']) === 1
	&& $g4['data']['options'][0]['values'][0]['product_option_value_id'] === $p['options'][0]['values'][0]['product_option_value_id'], $g4);
// ambiguity: two products with the same SKU
$dupSku = "DUP-$TAG";
$a = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "pd1-$TAG"), 'product' => array('model' => "D1-$TAG", 'sku' => $dupSku, 'descriptions' => array($LANG => array('name' => 'Dup 1')))));
$b = call('POST', 'product.upsert', array(), array('match' => array('by' => 'external_id', 'value' => "pd2-$TAG"), 'product' => array('model' => "D2-$TAG", 'sku' => $dupSku, 'descriptions' => array($LANG => array('name' => 'Dup 2')))));
$r = call('GET', 'product.get', array('sku' => $dupSku));
check('product.get ambiguous SKU → 409 product_ids', $r['status'] === 409 && $r['code'] === 'ambiguous' && $r['json']['error']['details']['product_ids'] === array($a['data']['product_id'], $b['data']['product_id']), $r);
$r = call('POST', 'product.upsert', array(), array('match' => array('by' => 'sku', 'value' => $dupSku), 'product' => array('price' => '1')));
check('product.upsert ambiguous SKU → 409', $r['status'] === 409 && $r['code'] === 'ambiguous', $r);

// ------------------------------------------------------------------ products.upsert (batch)
$items = array(
	array('match' => array('by' => 'external_id', 'value' => "pb1-$TAG"), 'create_if_missing' => true, 'product' => array('model' => "B1-$TAG", 'sku' => "B1-$TAG", 'price' => '10', 'quantity' => 1, 'descriptions' => array($LANG => array('name' => 'Batch 1')))),
	array('match' => array('by' => 'sku', 'value' => "B1-$TAG"), 'create_if_missing' => false, 'product' => array('price' => '11.5')),
	array('match' => array('by' => 'external_id', 'value' => "pb2-$TAG"), 'create_if_missing' => true, 'product' => array('model' => "B2-$TAG", 'descriptions' => array($LANG => array('name' => str_repeat('y', 300))))),
	array('match' => array('by' => 'sku', 'value' => "none-$TAG"), 'create_if_missing' => false, 'product' => array('price' => '1')),
	array('match' => array('by' => 'sku', 'value' => $dupSku), 'product' => array('price' => '1')),
);
$r = call('POST', 'products.upsert', array(), array('items' => $items));
$res = $r['data']['results'];
check('products.upsert mixed batch → 200, one result per item in order', $r['status'] === 200 && count($res) === 5 && $res[0]['index'] === 0 && $res[0]['created'] === true
	&& $res[1]['product_id'] === $res[0]['product_id'] && $res[1]['created'] === false && $res[2]['error']['code'] === 'validation'
	&& isset($res[2]['error']['details']['fields']["descriptions.$LANG.name"]) && $res[3]['error']['code'] === 'not_found' && $res[4]['error']['code'] === 'ambiguous'
	&& count($res[4]['error']['details']['product_ids']) === 2, $r);
$r2 = call('GET', 'product.get', array('external_id' => "pb1-$TAG"));
check('products.upsert applied the good items', $r2['data']['price'] === '11.5000', $r2);
$r = call('POST', 'products.upsert', array(), array('items' => array($items[0])));
check('products.upsert re-send is safe (found by external_id)', $r['status'] === 200 && $r['data']['results'][0]['created'] === false && $r['data']['results'][0]['product_id'] === $res[0]['product_id'], $r);
$r = call('POST', 'products.upsert', array(), array('items' => array()));
check('products.upsert 0 items → 422 items', $r['status'] === 422 && $r['json']['error']['details']['fields']['items'] === '1 to 100 items', $r);
$r = call('POST', 'products.upsert', array(), array('items' => array_fill(0, 101, $items[1])));
check('products.upsert 101 items → 422 items', $r['status'] === 422 && $r['json']['error']['details']['fields']['items'] === '1 to 100 items', $r);
$r = call('POST', 'products.upsert', array(), array('products' => array()));
check('products.upsert without items → 400', $r['status'] === 400 && $r['code'] === 'bad_request', $r);

// ------------------------------------------------------------------ products.stock_price
$r = call('POST', 'products.stock_price', array(), array('match_by' => 'sku', 'items' => array(
	array('key' => $sku, 'quantity' => 5, 'price' => '1290.0000', 'status' => true, 'option_values' => array(array('external_id' => "char-xl-$TAG", 'quantity' => 2))),
	array('key' => "X-$TAG", 'quantity' => 1),
	array('key' => $dupSku, 'quantity' => 1),
	array('key' => "B1-$TAG", 'quantity' => 'lots'),
	array('key' => "B1-$TAG", 'option_values' => array(array('external_id' => "char-xl-$TAG", 'quantity' => 1))),
)));
$res = $r['data']['results'];
check('products.stock_price statuses updated/not_found/ambiguous/invalid', $r['status'] === 200 && $r['data']['updated'] === 1 && $res[0]['status'] === 'updated' && $res[0]['product_id'] === $pid
	&& $res[1]['status'] === 'not_found' && $res[2]['status'] === 'ambiguous' && $res[3]['status'] === 'invalid' && $res[4]['status'] === 'invalid', $r);
$g5 = call('GET', 'product.get', array('external_id' => $pExt));
check('stock_price applied to product and option value only', $g5['data']['quantity'] === 5 && $g5['data']['price'] === '1290.0000' && $g5['data']['options'][0]['values'][0]['quantity'] === 2
	&& $g5['data']['descriptions'] === $g4['data']['descriptions'] && $g5['data']['categories'] === $g4['data']['categories'], $g5);
$r = call('POST', 'products.stock_price', array(), array('match_by' => 'external_id', 'items' => array(array('key' => $pExt, 'quantity' => 5, 'price' => '1290'))));
$g6 = call('GET', 'product.get', array('external_id' => $pExt));
check('stock_price with unchanged values changes nothing', $r['status'] === 200 && $r['data']['results'][0]['changed'] === false && $g6['data'] === $g5['data'], $r);
$r = call('POST', 'products.stock_price', array(), array('match_by' => 'sku', 'items' => array()));
check('products.stock_price 0 items → 422', $r['status'] === 422 && $r['json']['error']['details']['fields']['items'] === '1 to 1000 items', $r);
$r = call('POST', 'products.stock_price', array(), array('match_by' => 'ean', 'items' => array(array('key' => 'x'))));
check('products.stock_price bad match_by → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['match_by']), $r);

// ------------------------------------------------------------------ product.list
$r = call('GET', 'product.list', array('modified_from' => $g5['data']['date_modified'], 'limit' => 500));
$ids = array();
foreach ((array)$r['data']['items'] as $it) {
	$ids[] = $it['product_id'];
}
check('product.list modified_from', $r['status'] === 200 && in_array($pid, $ids, true) && $r['data']['limit'] === 500 && $r['data']['page'] === 1 && $r['data']['total'] >= count($ids), $r);
$r = call('GET', 'product.list', array('limit' => 2, 'page' => 2, 'status' => 1));
check('product.list paging', $r['status'] === 200 && count($r['data']['items']) <= 2 && $r['data']['page'] === 2 && isset($r['data']['items'][0]['sku']), $r);
$r = call('GET', 'product.list', array('limit' => 501));
check('product.list limit 501 → 422', $r['status'] === 422 && isset($r['json']['error']['details']['fields']['limit']), $r);
$r = call('GET', 'product.list', array('modified_from' => 'yesterday'));
check('product.list bad date → 422', $r['status'] === 422, $r);

// ------------------------------------------------------------------ orders
$r = call('GET', 'order_status.list');
check('order_status.list', $r['status'] === 200 && $r['data']['items'][0] === array('order_status_id' => 1, 'name' => 'Pending'), $r);
$r = call('GET', 'order_status.list', array('language' => 'xx-yy'));
check('order_status.list unknown language → 422', $r['status'] === 422, $r);
$r = call('GET', 'order.list', array('status_ids' => '1,2,3,5,15', 'limit' => 100));
check('order.list', $r['status'] === 200 && isset($r['data']['total']) && $r['data']['limit'] === 100, $r);
$zero = true;
$prev = 0;
foreach ((array)$r['data']['items'] as $o) {
	$zero = $zero && $o['order_status_id'] !== 0 && $o['order_id'] > $prev;
	$prev = $o['order_id'];
}
check('order.list ascending, no status 0', $zero);
$r = call('GET', 'order.list', array('limit' => 101));
check('order.list limit 101 → 422', $r['status'] === 422, $r);
$r = call('GET', 'order.get', array('order_id' => 999999));
check('order.get unknown → 404', $r['status'] === 404 && $r['code'] === 'not_found', $r);
if (!empty($opt['order-id'])) {
	$oid = (int)$opt['order-id'];
	$r = call('GET', 'order.get', array('order_id' => $oid));
	$o = $r['data'];
	check("order.get $oid (storefront order)", $r['status'] === 200 && $o['order_id'] === $oid && count($o['products']) > 0 && count($o['totals']) > 0 && count($o['history']) > 0
		&& isset($o['payment_method']['code']) && preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/', $o['date_added']), $r);
	$r = call('GET', 'order.list', array('id_gt' => $oid - 1, 'limit' => 1, 'status_ids' => (string)$o['order_status_id']));
	check('order.list id_gt finds it', $r['status'] === 200 && $r['data']['items'][0]['order_id'] === $oid, $r);
	$r = call('GET', 'order.list', array('date_modified_from' => $o['date_modified'], 'status_ids' => (string)$o['order_status_id']));
	$hit = false;
	foreach ((array)$r['data']['items'] as $it) {
		$hit = $hit || $it['order_id'] === $oid;
	}
	check('order.list date_modified_from (ISO with offset) finds it', $r['status'] === 200 && $hit, $r);
	$r = call('POST', 'order.history_add', array(), array('order_id' => $oid, 'order_status_id' => 2, 'comment' => "Принят в 1С $TAG", 'notify' => false, 'override' => false));
	check('order.history_add', $r['status'] === 200 && $r['data']['order_id'] === $oid && $r['data']['order_status_id'] === 2 && $r['data']['order_history_id'] > 0, $r);
	$r = call('GET', 'order.get', array('order_id' => $oid));
	$last = end($r['data']['history']);
	check('history visible in order.get, status changed', $r['data']['order_status_id'] === 2 && $last['comment'] === "Принят в 1С $TAG", $r);
	$r = call('POST', 'order.history_add', array(), array('order_id' => $oid, 'order_status_id' => 987654));
	check('order.history_add unknown status → 422', $r['status'] === 422, $r);
}
$r = call('POST', 'order.history_add', array(), array('order_id' => 999999, 'order_status_id' => 2));
check('order.history_add unknown order → 404', $r['status'] === 404, $r);

echo "opencart_version $version, tag $TAG\n";
echo "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);
