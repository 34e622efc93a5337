<?php
use OcBridge\Validator;
use OcBridge\Json;

function contractProduct() {
	return json_decode('{
  "external_id": "5b0f1e9a-8c1d-11ee-b9d1-0242ac120002",
  "model": "ART-200", "sku": "ART-200", "ean": "4600000000017", "mpn": "",
  "price": "1234.5000", "quantity": 7, "status": true, "stock_status_id": 7, "subtract": true,
  "minimum": 1, "shipping": true, "tax_class_id": 0, "weight": "0.250", "weight_class_id": 1,
  "manufacturer": {"external_id": "9a1c"},
  "categories": [{"external_id": "c3f2"}, {"category_id": 20}],
  "store_ids": [0],
  "image": "catalog/1c/ART-200.jpg",
  "images": [{"path": "catalog/1c/ART-200-2.jpg", "sort_order": 1}],
  "descriptions": {"ru-ru": {"name": "Ноутбук X", "description": "<p>…</p>", "meta_title": "Ноутбук X", "meta_description": "", "meta_keyword": "", "tag": ""}},
  "attributes": [{"attribute": {"external_id": "a7"}, "texts": {"ru-ru": "Чёрный"}}],
  "options": [{"option": {"external_id": "o1"}, "required": true,
    "values": [{"option_value": {"external_id": "v1"}, "external_id": "1C-characteristic-guid", "sku": "ART-200-XL", "quantity": 3, "subtract": true, "price": "0.0000", "price_prefix": "+"}]}],
  "specials": [{"customer_group_id": 1, "price": "999.0000", "priority": 1, "date_start": null, "date_end": null}],
  "discounts": [{"customer_group_id": 1, "quantity": 10, "price": "1100.0000", "priority": 1}],
  "seo_keywords": {"0": {"ru-ru": "noutbuk-x"}}
}', true);
}

t('Validator accepts the contract ProductWrite example', function () {
	$v = new Validator();
	$p = $v->productWrite(contractProduct(), true);
	eq(array(), $v->errors());
	eq('ART-200', $p['model']);
	eq('1234.5000', $p['price']);
	eq('0.25000000', $p['weight']);
	eq(7, $p['quantity']);
	eq(true, $p['status']);
	eq(array('external_id' => '9a1c'), $p['manufacturer']);
	eq(array(array('external_id' => 'c3f2'), array('id' => 20)), $p['categories']);
	eq(array(0), $p['store_ids']);
	eq('Ноутбук X', $p['descriptions']['ru-ru']['name']);
	eq('Чёрный', $p['attributes'][0]['texts']['ru-ru']);
	eq('ART-200-XL', $p['options'][0]['values'][0]['sku']);
	eq('1C-characteristic-guid', $p['options'][0]['values'][0]['external_id']);
	eq('+', $p['options'][0]['values'][0]['price_prefix']);
	eq(null, $p['specials'][0]['date_start']);
	eq(10, $p['discounts'][0]['quantity']);
	eq(array(0 => array('ru-ru' => 'noutbuk-x')), $p['seo_keywords']);
});

t('Validator PATCH: only present keys come back', function () {
	$v = new Validator();
	$p = $v->productWrite(array('price' => '990'), false);
	eq(array('price' => '990.0000'), $p);
	$p = $v->productWrite(array(), false);
	eq(array(), $p);
});

t('Validator: null clears scalars and collections', function () {
	$v = new Validator();
	$p = $v->productWrite(array('manufacturer' => null, 'image' => null, 'categories' => null, 'sku' => null, 'external_id' => null), false);
	eq(array(), $v->errors());
	eq(null, $p['manufacturer']);
	eq('', $p['image']);
	eq(array(), $p['categories']);
	eq('', $p['sku']);
	eq(null, $p['external_id']);
});

t('Validator reports JSON paths relative to the product', function () {
	$v = new Validator();
	$p = contractProduct();
	$p['descriptions']['ru-ru']['name'] = str_repeat('x', 256);
	$p['price'] = '-3';
	$p['quantity'] = 'many';
	$p['categories'][1] = array('nope' => 1);
	$p['options'][0]['values'][0]['price_prefix'] = '*';
	$p['specials'][0]['date_end'] = '2026-02-31';
	$p['status'] = 'yes';
	$v->productWrite($p, true);
	$f = $v->errors();
	eq('1 to 255 characters', $f['descriptions.ru-ru.name']);
	ok(isset($f['price']), 'price');
	ok(isset($f['quantity']), 'quantity');
	ok(isset($f['categories.1']), 'categories.1');
	ok(isset($f['options.0.values.0.price_prefix']), 'price_prefix');
	ok(isset($f['specials.0.date_end']), 'date_end');
	ok(isset($f['status']), 'status');
});

t('Validator: model length and external_id length', function () {
	$v = new Validator();
	$v->productWrite(array('model' => '', 'external_id' => str_repeat('g', 65)), false);
	$f = $v->errors();
	eq('1 to 64 characters', $f['model']);
	eq('1 to 64 characters', $f['external_id']);
});

t('Validator: SEO keyword rules per version', function () {
	$v = new Validator();
	$v->productWrite(array('seo_keywords' => array('0' => array('ru-ru' => 'a/b'))), false);
	ok(isset($v->errors()['seo_keywords.0.ru-ru']), '3.x refuses slash');
	$v = new Validator();
	$p = $v->productWrite(array('seo_keywords' => array('0' => array('ru-ru' => 'a/b', 'en-gb' => null))), true);
	eq(array(), $v->errors(), '4.x allows slash');
	eq(array(0 => array('ru-ru' => 'a/b', 'en-gb' => null)), $p['seo_keywords']);
	eq(null, Validator::keywordProblem('noutbuk-x', false));
	ok(Validator::keywordProblem('with space', true) !== null);
	ok(Validator::keywordProblem('a?b', true) !== null);
	ok(Validator::keywordProblem('/lead', true) !== null);
	$v = new Validator();
	$v->productWrite(array('seo_keywords' => array('x' => array('ru-ru' => 'k'))), true);
	ok(isset($v->errors()['seo_keywords.x']), 'store key must be numeric');
});

t('Validator: images accept strings and refuse traversal', function () {
	$v = new Validator();
	$p = $v->productWrite(array('images' => array('catalog/a.jpg', array('path' => 'catalog/b.jpg'))), false);
	eq(array(array('path' => 'catalog/a.jpg', 'sort_order' => 0), array('path' => 'catalog/b.jpg', 'sort_order' => 1)), $p['images']);
	$v = new Validator();
	$v->productWrite(array('image' => '../config.php', 'images' => array(array('path' => '/etc/passwd'))), false);
	ok(isset($v->errors()['image']));
	ok(isset($v->errors()['images.0.path']));
});

t('Validator::match checks by and value', function () {
	$v = new Validator();
	eq(array('by' => 'sku', 'value' => 'ART-200'), $v->match(array('by' => 'sku', 'value' => ' ART-200 '), 'match', Validator::PRODUCT_MATCH));
	eq(array('by' => 'product_id', 'value' => 51), $v->match(array('by' => 'product_id', 'value' => '51'), 'match', Validator::PRODUCT_MATCH));
	eq(array('by' => 'sku', 'value' => '123'), $v->match(array('by' => 'sku', 'value' => 123), 'match', Validator::PRODUCT_MATCH));
	eq(array(), $v->errors());
	$v->match(array('by' => 'ean', 'value' => 'x'), 'match', Validator::PRODUCT_MATCH);
	ok(isset($v->errors()['match.by']));
	$v = new Validator();
	$v->match(array('by' => 'product_id', 'value' => 0), 'match', Validator::PRODUCT_MATCH);
	ok(isset($v->errors()['match.value']));
	$v = new Validator();
	$v->match(array('by' => 'external_id', 'value' => ''), 'match', Validator::PRODUCT_MATCH);
	ok(isset($v->errors()['match.value']));
	$v = new Validator();
	$v->match('sku', 'match', Validator::PRODUCT_MATCH);
	ok(isset($v->errors()['match']));
});

t('Validator::createIfMissing defaults to true', function () {
	$v = new Validator();
	eq(true, $v->createIfMissing(array()));
	eq(false, $v->createIfMissing(array('create_if_missing' => false)));
	eq(false, $v->createIfMissing(array('create_if_missing' => 'perhaps')));
	ok(isset($v->errors()['create_if_missing']));
});

t('Validator::stockItem', function () {
	list($item, $err) = Validator::stockItem(array('key' => 'ART-200', 'quantity' => 5, 'price' => '1290', 'status' => true,
		'option_values' => array(array('external_id' => 'g1', 'quantity' => 2))));
	eq(null, $err);
	eq(array('key' => 'ART-200', 'quantity' => 5, 'price' => '1290.0000', 'status' => true, 'option_values' => array(array('external_id' => 'g1', 'quantity' => 2))), $item);
	list($item, $err) = Validator::stockItem(array('key' => 'X-1'));
	eq(array('key' => 'X-1'), $item);
	list($item, $err) = Validator::stockItem(array('quantity' => 1));
	eq('key is required', $err);
	list($item, $err) = Validator::stockItem(array('key' => 'A', 'quantity' => 1.5));
	eq('quantity must be an integer', $err);
	list($item, $err) = Validator::stockItem(array('key' => 'A', 'price' => 'cheap'));
	contains('price', $err);
	list($item, $err) = Validator::stockItem(array('key' => 'A', 'option_values' => array(array('quantity' => 1))));
	contains('external_id', $err);
	list($item, $err) = Validator::stockItem('A');
	contains('object', $err);
});

t('Validator::paging bounds', function () {
	$v = new Validator();
	eq(array(100, 1), $v->paging(array(), 100, 500));
	eq(array(500, 3), $v->paging(array('limit' => '500', 'page' => '3'), 100, 500));
	$v->paging(array('limit' => '501'), 100, 500);
	eq('1 to 500', $v->errors()['limit']);
	$v = new Validator();
	$v->paging(array('page' => '0'), 50, 100);
	ok(isset($v->errors()['page']));
});

t('Validator::idList and isoParam', function () {
	$v = new Validator();
	eq(array(1, 2, 5), $v->idList('1, 2,5,2', 'status_ids'));
	eq(array(0), $v->idList('0', 'status_ids'));
	$v->idList('1,x', 'status_ids');
	ok(isset($v->errors()['status_ids']));
	$v = new Validator();
	eq('2026-11-28 21:56:12', $v->isoParam(array('from' => '2026-11-28T18:56:12Z'), 'from', 'Europe/Moscow'));
	eq(null, $v->isoParam(array(), 'from', 'UTC'));
	$v->isoParam(array('from' => 'soon'), 'from', 'UTC');
	ok(isset($v->errors()['from']));
});

t('Validator::toBool / toInt', function () {
	eq(true, Validator::toBool(1));
	eq(false, Validator::toBool('0'));
	eq(null, Validator::toBool('yes'));
	eq(12, Validator::toInt('12'));
	eq(12, Validator::toInt(12.0));
	eq(null, Validator::toInt(12.5));
	eq(null, Validator::toInt('1e3'));
});
