<?php
use OcBridge\LinkTable;
use OcBridge\Mapper;
use OcBridge\Schema;
use OcBridge\Json;
use OcBridge\RawSql;

$esc = function ($s) { return addslashes($s); };

t('LinkTable DDL: unique (entity, external_id), sku column', function () {
	$sql = LinkTable::createSql('oc_');
	contains('CREATE TABLE IF NOT EXISTS `oc_ocbridge_link`', $sql);
	contains('UNIQUE KEY `entity_external` (`entity`, `external_id`)', $sql);
	contains('`sku` VARCHAR(64) NULL', $sql);
	eq('DROP TABLE IF EXISTS `oc_ocbridge_link`', LinkTable::dropSql('oc_'));
});

t('LinkTable SQL builders escape and restrict entities', function () use ($esc) {
	eq("SELECT `entity_id` FROM `oc_ocbridge_link` WHERE `entity` = 'product' AND `external_id` = 'a\\'b'", LinkTable::findIdSql('oc_', 'product', "a'b", $esc));
	$sql = LinkTable::upsertSql('oc_', 'product_option_value', 'g-1', 46, 'ART-200-XL', $esc);
	contains("VALUES ('product_option_value', 'g-1', 46, 'ART-200-XL', NOW())", $sql);
	contains('ON DUPLICATE KEY UPDATE `entity_id` = VALUES(`entity_id`)', $sql);
	contains(', NULL, NOW())', LinkTable::upsertSql('oc_', 'product', 'g', 1, null, $esc));
	contains('IN (1,2,3)', LinkTable::findExternalSql('oc_', 'category', array('1', 2, 3)));
	contains("AND `external_id` <> 'keep'", LinkTable::deleteForIdSql('oc_', 'product', 5, 'keep', $esc));
	$threw = false;
	try {
		LinkTable::findIdSql('oc_', 'customer', 'x', $esc);
	} catch (\InvalidArgumentException $e) {
		$threw = true;
	}
	ok($threw, 'unknown entity refused');
});

t('Schema::fillRow drops unknown columns and fills columns without default', function () {
	$cols = array(
		'product_id' => array('null' => false, 'default' => null, 'type' => 'int(11)', 'auto' => true),
		'model'      => array('null' => false, 'default' => null, 'type' => 'varchar(64)', 'auto' => false),
		'sku'        => array('null' => false, 'default' => null, 'type' => 'varchar(64)', 'auto' => false),
		'quantity'   => array('null' => false, 'default' => '0', 'type' => 'int(4)', 'auto' => false),
		'price'      => array('null' => false, 'default' => null, 'type' => 'decimal(15,4)', 'auto' => false),
		'date_added' => array('null' => false, 'default' => null, 'type' => 'datetime', 'auto' => false),
		'date_available' => array('null' => false, 'default' => null, 'type' => 'date', 'auto' => false),
		'image'      => array('null' => true, 'default' => null, 'type' => 'varchar(255)', 'auto' => false),
	);
	$row = Schema::fillRow($cols, array('model' => 'M', 'master_id' => 0));
	eq('M', $row['model']);
	ok(!isset($row['master_id']), 'unknown column dropped');
	ok(!isset($row['product_id']), 'auto increment untouched');
	eq('', $row['sku']);
	eq(0, $row['price']);
	ok($row['date_added'] instanceof RawSql);
	eq('0000-00-00', $row['date_available']);
	ok(!array_key_exists('quantity', $row), 'column with default left out');
	eq('', $row['image'], 'nullable without default filled as OpenCart would');
});

t('Mapper::productSummary', function () {
	$row = array('product_id' => '51', 'model' => 'ART &amp; 200', 'price' => '1234.5000', 'quantity' => '7', 'status' => '1', 'date_modified' => '2026-11-28 21:56:12');
	eq(array('product_id' => 51, 'external_id' => 'g', 'model' => 'ART & 200', 'sku' => 'S', 'price' => '1234.5000', 'quantity' => 7, 'status' => true, 'date_modified' => '2026-11-28T21:56:12+03:00'),
		Mapper::productSummary($row, 'g', 'S', 'Europe/Moscow'));
});

t('Mapper::productScalars reads codes from product_code on 4.1 and columns on 3.x', function () {
	$row = array('product_id' => '5', 'master_id' => '0', 'model' => 'M', 'sku' => 'COL-SKU', 'upc' => '', 'ean' => '', 'jan' => '', 'isbn' => '', 'mpn' => '', 'location' => '',
		'price' => '10.0000', 'quantity' => '3', 'status' => '0', 'stock_status_id' => '7', 'subtract' => '1', 'minimum' => '1', 'shipping' => '1', 'points' => '0',
		'tax_class_id' => '9', 'date_available' => '2026-01-01', 'weight' => '0.25000000', 'weight_class_id' => '1', 'length' => '0.00000000', 'width' => '0.00000000',
		'height' => '0.00000000', 'length_class_id' => '1', 'sort_order' => '0', 'image' => 'catalog/a.jpg', 'date_added' => '2026-01-01 00:00:00', 'date_modified' => '2026-01-02 00:00:00');
	$p = Mapper::productScalars($row, array(), 'UTC');
	eq('COL-SKU', $p['sku']);
	eq(false, $p['status']);
	eq('0.25000000', $p['weight']);
	eq('2026-01-02T00:00:00+00:00', $p['date_modified']);
	unset($row['sku']);
	$p = Mapper::productScalars($row, array('sku' => 'CODE-SKU'), 'UTC');
	eq('CODE-SKU', $p['sku']);
	eq('', $p['ean']);
});

function orderRow3x() {
	return array('order_id' => '1', 'invoice_no' => '0', 'invoice_prefix' => 'INV-2026-00', 'store_id' => '0', 'store_name' => 'Shop', 'order_status_id' => '1',
		'date_added' => '2026-11-28 21:56:12', 'date_modified' => '2026-11-28 21:56:14', 'currency_code' => 'RUB', 'currency_value' => '1.00000000', 'total' => '252.4000',
		'language_id' => '1', 'comment' => 'from api', 'ip' => '127.0.0.1', 'customer_id' => '0', 'customer_group_id' => '1', 'firstname' => 'Ivan', 'lastname' => 'Petrov',
		'email' => 'ivan@example.com', 'telephone' => '79990001122', 'custom_field' => '[]',
		'payment_firstname' => 'Ivan', 'payment_lastname' => 'Petrov', 'payment_company' => '', 'payment_address_1' => 'Lenina 1', 'payment_address_2' => '', 'payment_city' => 'Moscow',
		'payment_postcode' => '101000', 'payment_zone' => 'Moscow', 'payment_zone_id' => '2761', 'payment_country' => 'Russian Federation', 'payment_country_id' => '176',
		'payment_iso_code_2' => 'RU', 'payment_custom_field' => '{"1":"x"}', 'payment_method' => 'Cash On Delivery', 'payment_code' => 'cod',
		'shipping_firstname' => '', 'shipping_lastname' => '', 'shipping_company' => '', 'shipping_address_1' => '', 'shipping_address_2' => '', 'shipping_city' => '',
		'shipping_postcode' => '', 'shipping_zone' => '', 'shipping_zone_id' => '0', 'shipping_country' => '', 'shipping_country_id' => '0', 'shipping_custom_field' => '',
		'shipping_method' => '', 'shipping_code' => '');
}

t('Mapper::orderHeader maps a 3.x order (payment_code columns)', function () {
	$o = Mapper::orderHeader(orderRow3x(), 'Pending', 'ru-ru', 'Europe/Moscow');
	eq(1, $o['order_id']);
	eq('Pending', $o['order_status']);
	eq('2026-11-28T21:56:12+03:00', $o['date_added']);
	eq('252.4000', $o['total']);
	eq('1.00000000', $o['currency_value']);
	eq(array('name' => 'Cash On Delivery', 'code' => 'cod'), $o['payment_method']);
	eq(null, $o['shipping_method']);
	eq(null, $o['shipping_address']);
	eq('RU', $o['payment_address']['iso_code_2']);
	eq(176, $o['payment_address']['country_id']);
	eq('{"1":"x"}', Json::encode($o['payment_address']['custom_field']));
	eq('{}', Json::encode($o['customer']['custom_field']));
});

t('Mapper::method reads 4.0.2+ JSON methods', function () {
	$row = array('payment_method' => '{"name":"Cash On Delivery","code":"cod.cod"}', 'shipping_method' => '{"name":"Flat Shipping Rate","code":"flat.flat","cost":5}');
	eq(array('name' => 'Cash On Delivery', 'code' => 'cod.cod'), Mapper::method($row, 'payment'));
	eq(array('name' => 'Flat Shipping Rate', 'code' => 'flat.flat'), Mapper::method($row, 'shipping'));
	eq(null, Mapper::method(array('shipping_method' => ''), 'shipping'));
	eq(null, Mapper::method(array('shipping_method' => '[]'), 'shipping'));
});

t('Mapper::orderTotal and orderHistory', function () {
	eq(array('code' => 'sub_total', 'title' => 'Sub-Total', 'value' => '202.0000', 'sort_order' => 1),
		Mapper::orderTotal(array('code' => 'sub_total', 'title' => 'Sub-Total', 'value' => '202.0000', 'sort_order' => '1')));
	eq(array('order_status_id' => 1, 'notify' => false, 'comment' => 'a & b', 'date_added' => '2026-11-28T21:56:12+03:00'),
		Mapper::orderHistory(array('order_status_id' => '1', 'notify' => '0', 'comment' => 'a &amp; b', 'date_added' => '2026-11-28 21:56:12'), 'Europe/Moscow'));
});

t('Json::obj keeps store-id keys as an object', function () {
	eq('{"0":{"ru-ru":"noutbuki"}}', Json::encode(Json::obj(array(0 => array('ru-ru' => 'noutbuki')))));
	eq('{}', Json::encode(Json::obj(array())));
});
