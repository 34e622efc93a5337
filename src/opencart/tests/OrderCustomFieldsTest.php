<?php
use OcBridge\Mapper;
use OcBridge\Service;
use OcBridge\Json;

/**
 * The buyer's custom fields of an order (customer.custom_fields): what a company buyer's ИНН, КПП and company name
 * arrive in. Values as OpenCart 3.0 / 4.x store them: JSON objects custom_field_id => value in oc_order.custom_field
 * (account fields) and oc_order.payment_custom_field (address fields), text HTML-escaped, a select/radio value the
 * id of an oc_custom_field_value, a checkbox value a list of such ids.
 */

function customFieldDefs() {
	return array(
		3 => array('name' => 'ИНН', 'type' => 'text', 'location' => 'account'),
		4 => array('name' => 'КПП', 'type' => 'text', 'location' => 'address'),
		5 => array('name' => 'Организация', 'type' => 'text', 'location' => 'account'),
		6 => array('name' => 'Форма собственности', 'type' => 'select', 'location' => 'account'),
		7 => array('name' => 'Документы', 'type' => 'checkbox', 'location' => 'address'),
	);
}

function customFieldValueNames() {
	return array(12 => 'ООО', 13 => 'ИП', 14 => 'Счёт', 15 => 'УПД &amp; накладная');
}

t('Mapper::orderCustomFields merges account and payment address fields, names from the dictionary', function () {
	$row = array(
		'custom_field'         => '{"3":"7701234567","5":"ООО &quot;Ромашка&quot;","6":"12"}',
		'payment_custom_field' => '{"4":"770101001","7":["14","15"],"9":"old field"}',
	);
	ok(Mapper::hasCustomFieldValues($row));
	eq(array(
		array('custom_field_id' => 3, 'name' => 'ИНН', 'location' => 'account', 'value' => '7701234567'),
		array('custom_field_id' => 5, 'name' => 'Организация', 'location' => 'account', 'value' => 'ООО "Ромашка"'),
		array('custom_field_id' => 6, 'name' => 'Форма собственности', 'location' => 'account', 'value' => 'ООО'),
		array('custom_field_id' => 4, 'name' => 'КПП', 'location' => 'address', 'value' => '770101001'),
		array('custom_field_id' => 7, 'name' => 'Документы', 'location' => 'address', 'value' => 'Счёт, УПД & накладная'),
		array('custom_field_id' => 9, 'name' => '', 'location' => 'address', 'value' => 'old field'),
	), Mapper::orderCustomFields($row, customFieldDefs(), customFieldValueNames()));
});

t('Mapper::orderCustomFields: empty, missing and non-JSON columns give no fields', function () {
	foreach (array(array(), array('custom_field' => '', 'payment_custom_field' => '[]'), array('custom_field' => 'a:0:{}')) as $row) {
		ok(!Mapper::hasCustomFieldValues($row), Json::encode($row));
		eq(array(), Mapper::orderCustomFields($row, customFieldDefs(), customFieldValueNames()));
	}
	// a value id the dictionary does not know stays the id; a text field that looks like an id stays as typed
	eq(array(array('custom_field_id' => 6, 'name' => 'Форма собственности', 'location' => 'account', 'value' => '99'),
		array('custom_field_id' => 3, 'name' => 'ИНН', 'location' => 'account', 'value' => '12')),
		Mapper::orderCustomFields(array('custom_field' => '{"6":"99","3":" 12 "}'), customFieldDefs(), customFieldValueNames()));
});

/** A 4.1-shaped oc_order row (JSON methods, no payment_code), order id $id. */
function orderRow41($id, $customField, $paymentCustomField) {
	return array('order_id' => (string)$id, 'invoice_no' => '0', 'invoice_prefix' => 'INV-2026-00', 'store_id' => '0', 'store_name' => 'Shop',
		'order_status_id' => '1', 'date_added' => '2026-11-28 21:56:12', 'date_modified' => '2026-11-28 21:56:14', 'currency_code' => 'EUR',
		'currency_value' => '0.01050000', 'total' => '10000.0000', 'language_id' => '1', 'language_code' => 'ru-ru', 'comment' => '', 'ip' => '127.0.0.1',
		'customer_id' => '17', 'customer_group_id' => '2', 'firstname' => 'Иван', 'lastname' => 'Петров', 'email' => 'b@example.com', 'telephone' => '7999',
		'custom_field' => $customField, 'payment_firstname' => 'Иван', 'payment_lastname' => 'Петров', 'payment_company' => 'Ромашка',
		'payment_address_1' => 'Ленина 1', 'payment_address_2' => '', 'payment_city' => 'Москва', 'payment_postcode' => '101000', 'payment_zone' => 'Москва',
		'payment_zone_id' => '2761', 'payment_country' => 'Российская Федерация', 'payment_country_id' => '176', 'payment_iso_code_2' => 'RU',
		'payment_custom_field' => $paymentCustomField, 'payment_method' => '{"name":"Bank","code":"bank_transfer.bank_transfer"}',
		'shipping_firstname' => '', 'shipping_lastname' => '', 'shipping_company' => '', 'shipping_address_1' => '', 'shipping_address_2' => '',
		'shipping_city' => '', 'shipping_postcode' => '', 'shipping_zone' => '', 'shipping_zone_id' => '0', 'shipping_country' => '',
		'shipping_country_id' => '0', 'shipping_custom_field' => '[]', 'shipping_method' => '');
}

function orderDb(array $rows) {
	$db = new FakeOcDb();
	$db->on('/FROM `oc_language`/', array(array('language_id' => '1', 'code' => 'ru-ru', 'status' => '1')));
	$db->on('/FROM `oc_order_status`/', array(array('name' => 'Ожидание')));
	$db->on('/FROM `oc_custom_field` cf LEFT JOIN `oc_custom_field_description` cfd ON \(cfd.`custom_field_id` = cf.`custom_field_id` AND cfd.`language_id` = \'1\'\)/', function () {
		$out = array();
		foreach (customFieldDefs() as $id => $d) {
			$out[] = array('custom_field_id' => (string)$id) + $d;
		}
		return $out;
	});
	$db->on("/FROM `oc_custom_field_value_description` WHERE `language_id` = '1'/", function () {
		$out = array();
		foreach (customFieldValueNames() as $id => $name) {
			$out[] = array('custom_field_value_id' => (string)$id, 'name' => $name);
		}
		return $out;
	});
	$db->on('/SELECT COUNT\(\*\) FROM `oc_order` WHERE/', array(array('n' => (string)count($rows))));
	$db->on('/SELECT `order_id` FROM `oc_order` WHERE/', array_map(function ($r) { return array('order_id' => $r['order_id']); }, $rows));
	$db->on('/FROM `oc_order` o /', function ($sql) use ($rows) {
		foreach ($rows as $r) {
			if (strpos($sql, "o.`order_id` = '" . $r['order_id'] . "'") !== false) {
				return array($r);
			}
		}
		return array();
	});
	return $db;
}

function queriesMatching(FakeOcDb $db, $regex) {
	return count(array_filter($db->log, function ($sql) use ($regex) { return preg_match($regex, $sql); }));
}

t('order.get: customer.custom_fields and customer_group_id from a 4.1 order', function () {
	$db = orderDb(array(orderRow41(5, '{"3":"7701234567","5":"ООО Ромашка"}', '{"4":"770101001"}')));
	$svc = new Service(fakeContext($db));
	$o = $svc->orderGet(array('order_id' => '5'), null);
	eq(2, $o['customer']['customer_group_id']);
	eq(array(
		array('custom_field_id' => 3, 'name' => 'ИНН', 'location' => 'account', 'value' => '7701234567'),
		array('custom_field_id' => 5, 'name' => 'Организация', 'location' => 'account', 'value' => 'ООО Ромашка'),
		array('custom_field_id' => 4, 'name' => 'КПП', 'location' => 'address', 'value' => '770101001'),
	), $o['customer']['custom_fields']);
	eq('{"3":"7701234567","5":"ООО Ромашка"}', Json::encode($o['customer']['custom_field']), 'the raw object stays as it was');
	eq('EUR', $o['currency_code']);
	eq('0.01050000', $o['currency_value']);
	eq('2026-11-28T21:56:12+03:00', $o['date_added'], 'shop time with the shop zone offset');
	contains('"custom_fields":[{"custom_field_id":3,"name":"ИНН"', Json::encode($o));
});

t('order.list: the custom field dictionary is read once per request, and not at all without values', function () {
	$db = orderDb(array(orderRow41(5, '{"3":"7701234567"}', '[]'), orderRow41(6, '[]', '{"4":"770101001"}'), orderRow41(7, '', '')));
	$svc = new Service(fakeContext($db));
	$out = $svc->orderList(array(), null);
	eq(3, count($out['items']));
	eq('7701234567', $out['items'][0]['customer']['custom_fields'][0]['value']);
	eq('КПП', $out['items'][1]['customer']['custom_fields'][0]['name']);
	eq(array(), $out['items'][2]['customer']['custom_fields']);
	eq('[]', Json::encode($out['items'][2]['customer']['custom_fields']), 'an empty list, not an object');
	eq(1, queriesMatching($db, '/FROM `oc_custom_field` cf/'));
	eq(1, queriesMatching($db, '/FROM `oc_custom_field_value_description`/'));

	$db = orderDb(array(orderRow41(7, '', '[]')));
	$svc = new Service(fakeContext($db));
	$o = $svc->orderGet(array('order_id' => '7'), null);
	eq(array(), $o['customer']['custom_fields']);
	eq(0, queriesMatching($db, '/custom_field/'), 'no custom field tables read');
});
