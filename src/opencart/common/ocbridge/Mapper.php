<?php
namespace OcBridge;

/**
 * Pure mapping of OpenCart rows to the contract's JSON shapes (Product, ProductSummary, Order).
 * Rows are arrays as returned by OpenCart's DB layer (all values strings).
 */
class Mapper {
	const CODES = array('sku', 'upc', 'ean', 'jan', 'isbn', 'mpn');

	/**
	 * Scalar part of a Product.
	 * @param array $row   oc_product row
	 * @param array $codes lower-case code => value (4.1 product_code), or [] to read the row's columns
	 */
	public static function productScalars(array $row, array $codes, $timezone) {
		$out = array(
			'product_id' => (int)$row['product_id'],
			'master_id'  => isset($row['master_id']) ? (int)$row['master_id'] : 0,
			'model'      => Text::fromDb($row['model']),
		);
		foreach (self::CODES as $c) {
			if (isset($codes[$c])) {
				$out[$c] = Text::fromDb($codes[$c]);
			} elseif (array_key_exists($c, $row)) {
				$out[$c] = Text::fromDb($row[$c]);
			} else {
				$out[$c] = '';
			}
		}
		$out += array(
			'location'        => Text::fromDb(isset($row['location']) ? $row['location'] : ''),
			'price'           => Text::money($row['price']),
			'quantity'        => (int)$row['quantity'],
			'status'          => (bool)(int)$row['status'],
			'stock_status_id' => (int)$row['stock_status_id'],
			'subtract'        => (bool)(int)$row['subtract'],
			'minimum'         => (int)$row['minimum'],
			'shipping'        => (bool)(int)$row['shipping'],
			'points'          => (int)$row['points'],
			'tax_class_id'    => (int)$row['tax_class_id'],
			'date_available'  => (isset($row['date_available']) && strpos($row['date_available'], '0000') !== 0) ? $row['date_available'] : null,
			'weight'          => Text::decimal((string)$row['weight'], 8, true),
			'weight_class_id' => (int)$row['weight_class_id'],
			'length'          => Text::decimal((string)$row['length'], 8, true),
			'width'           => Text::decimal((string)$row['width'], 8, true),
			'height'          => Text::decimal((string)$row['height'], 8, true),
			'length_class_id' => (int)$row['length_class_id'],
			'sort_order'      => (int)$row['sort_order'],
			'image'           => Text::fromDb($row['image']),
			'date_added'      => Dates::toIso($row['date_added'], $timezone),
			'date_modified'   => Dates::toIso($row['date_modified'], $timezone),
		);
		return $out;
	}

	public static function productSummary(array $row, $externalId, $sku, $timezone) {
		return array(
			'product_id'    => (int)$row['product_id'],
			'external_id'   => $externalId,
			'model'         => Text::fromDb($row['model']),
			'sku'           => Text::fromDb((string)$sku),
			'price'         => Text::money($row['price']),
			'quantity'      => (int)$row['quantity'],
			'status'        => (bool)(int)$row['status'],
			'date_modified' => Dates::toIso($row['date_modified'], $timezone),
		);
	}

	/** custom_field columns: JSON (3.0.x+) or legacy serialize() → object. */
	public static function customField($value) {
		if (is_array($value)) {
			return Json::obj($value);
		}
		if (!is_string($value) || $value === '') {
			return new \stdClass();
		}
		$d = json_decode($value, true);
		if (is_array($d)) {
			return Json::obj($d);
		}
		return new \stdClass();
	}

	/** Payment/shipping address from an order row ($prefix 'payment' or 'shipping'); null when empty. */
	public static function address(array $row, $prefix) {
		$f = function ($k) use ($row, $prefix) {
			$key = $prefix . '_' . $k;
			return isset($row[$key]) ? $row[$key] : '';
		};
		$addr = array(
			'firstname'    => Text::fromDb($f('firstname')),
			'lastname'     => Text::fromDb($f('lastname')),
			'company'      => Text::fromDb($f('company')),
			'address_1'    => Text::fromDb($f('address_1')),
			'address_2'    => Text::fromDb($f('address_2')),
			'city'         => Text::fromDb($f('city')),
			'postcode'     => Text::fromDb($f('postcode')),
			'zone'         => Text::fromDb($f('zone')),
			'zone_id'      => (int)$f('zone_id'),
			'country'      => Text::fromDb($f('country')),
			'country_id'   => (int)$f('country_id'),
			'iso_code_2'   => isset($row[$prefix . '_iso_code_2']) ? $row[$prefix . '_iso_code_2'] : '',
			'custom_field' => self::customField($f('custom_field')),
		);
		$empty = true;
		foreach (array('firstname', 'lastname', 'address_1', 'city', 'country') as $k) {
			if ($addr[$k] !== '') {
				$empty = false;
			}
		}
		if ($empty && !$addr['country_id']) {
			return null;
		}
		return $addr;
	}

	/**
	 * Payment/shipping method → {name, code}: 3.x has `<x>_method` (name) + `<x>_code`,
	 * 4.0.2+ stores JSON {name, code, …} in `<x>_method`. Null when there is none.
	 */
	public static function method(array $row, $prefix) {
		$raw = isset($row[$prefix . '_method']) ? $row[$prefix . '_method'] : '';
		if (array_key_exists($prefix . '_code', $row)) {
			$name = Text::fromDb($raw);
			$code = (string)$row[$prefix . '_code'];
			if ($name === '' && $code === '') {
				return null;
			}
			return array('name' => $name, 'code' => $code);
		}
		if ($raw === '' || $raw === null) {
			return null;
		}
		$d = json_decode($raw, true);
		if (is_array($d)) {
			if (!$d) {
				return null;
			}
			return array('name' => Text::fromDb(isset($d['name']) ? (string)$d['name'] : ''), 'code' => isset($d['code']) ? (string)$d['code'] : '');
		}
		return array('name' => Text::fromDb($raw), 'code' => '');
	}

	/**
	 * Order header (everything but products, totals, history).
	 * @param array $customFields the buyer's custom fields of this order, see orderCustomFields()
	 */
	public static function orderHeader(array $row, $statusName, $languageCode, $timezone, array $customFields = array()) {
		return array(
			'order_id'        => (int)$row['order_id'],
			'invoice_no'      => (int)$row['invoice_no'],
			'invoice_prefix'  => Text::fromDb($row['invoice_prefix']),
			'store_id'        => (int)$row['store_id'],
			'store_name'      => Text::fromDb($row['store_name']),
			'order_status_id' => (int)$row['order_status_id'],
			'order_status'    => $statusName === null ? '' : Text::fromDb($statusName),
			'date_added'      => Dates::toIso($row['date_added'], $timezone),
			'date_modified'   => Dates::toIso($row['date_modified'], $timezone),
			'currency_code'   => (string)$row['currency_code'],
			'currency_value'  => Text::money($row['currency_value'], 8),
			'total'           => Text::money($row['total']),
			'language_code'   => (string)$languageCode,
			'comment'         => Text::fromDb($row['comment']),
			'ip'              => (string)$row['ip'],
			'customer'        => array(
				'customer_id'       => (int)$row['customer_id'],
				'customer_group_id' => (int)$row['customer_group_id'],
				'firstname'         => Text::fromDb($row['firstname']),
				'lastname'          => Text::fromDb($row['lastname']),
				'email'             => Text::fromDb($row['email']),
				'telephone'         => Text::fromDb($row['telephone']),
				'custom_field'      => self::customField($row['custom_field']),
				'custom_fields'     => $customFields,
			),
			'payment_address'  => self::address($row, 'payment'),
			'shipping_address' => self::address($row, 'shipping'),
			'payment_method'   => self::method($row, 'payment'),
			'shipping_method'  => self::method($row, 'shipping'),
		);
	}

	/** Where an order keeps its custom field values: the account fields, then the payment address fields. */
	const ORDER_CUSTOM_FIELD_COLUMNS = array('custom_field' => 'account', 'payment_custom_field' => 'address');

	/** Does the order row carry any custom field value (so that the field names are worth reading)? */
	public static function hasCustomFieldValues(array $row) {
		foreach (self::ORDER_CUSTOM_FIELD_COLUMNS as $column => $location) {
			if (self::customFieldValues($row, $column)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The buyer's custom fields of an order (the ИНН, КПП and company name of a company buyer live there), merged
	 * from `custom_field` (location account) and `payment_custom_field` (location address), both JSON objects
	 * custom_field_id => value on 3.0 and 4.x. A select/radio value is a custom_field_value_id and a checkbox value a
	 * list of them: they are given as the value names. A field deleted since keeps its id, an empty name and the
	 * location of the column it came from.
	 * @param array $defs       custom_field_id => ['name' => …, 'type' => …, 'location' => …] (default language)
	 * @param array $valueNames custom_field_value_id => name (default language)
	 * @return array list of {custom_field_id, name, location, value}
	 */
	public static function orderCustomFields(array $row, array $defs, array $valueNames) {
		$out = array();
		$seen = array();
		foreach (self::ORDER_CUSTOM_FIELD_COLUMNS as $column => $location) {
			foreach (self::customFieldValues($row, $column) as $id => $value) {
				$id = (int)$id;
				if ($id < 1 || isset($seen[$id])) {
					continue;
				}
				$seen[$id] = true;
				$def = isset($defs[$id]) ? $defs[$id] : null;
				$out[] = array(
					'custom_field_id' => $id,
					'name'            => $def ? Text::fromDb((string)$def['name']) : '',
					'location'        => $def && $def['location'] !== '' ? (string)$def['location'] : $location,
					'value'           => self::customFieldText($value, $def ? (string)$def['type'] : '', $valueNames),
				);
			}
		}
		return $out;
	}

	/** custom_field_id => raw value of one custom field column ([] when empty or not JSON). */
	private static function customFieldValues(array $row, $column) {
		if (!isset($row[$column]) || !is_string($row[$column]) || $row[$column] === '') {
			return array();
		}
		$d = json_decode($row[$column], true);
		return is_array($d) ? $d : array();
	}

	private static function customFieldText($value, $type, array $valueNames) {
		$choice = in_array($type, array('select', 'radio', 'checkbox'), true);
		$parts = array();
		foreach (is_array($value) ? $value : array($value) as $v) {
			if (is_array($v) || is_object($v) || $v === null) {
				continue;
			}
			$v = (string)$v;
			if ($choice && preg_match('/^[0-9]+$/', $v) && isset($valueNames[(int)$v])) {
				$v = $valueNames[(int)$v];
			}
			$v = trim(Text::fromDb($v));
			if ($v !== '') {
				$parts[] = $v;
			}
		}
		return implode(', ', $parts);
	}

	public static function orderTotal(array $row) {
		return array(
			'code'       => (string)$row['code'],
			'title'      => Text::fromDb($row['title']),
			'value'      => Text::money($row['value']),
			'sort_order' => (int)$row['sort_order'],
		);
	}

	public static function orderHistory(array $row, $timezone) {
		return array(
			'order_status_id' => (int)$row['order_status_id'],
			'notify'          => (bool)(int)$row['notify'],
			'comment'         => Text::fromDb($row['comment']),
			'date_added'      => Dates::toIso($row['date_added'], $timezone),
		);
	}
}
