<?php
namespace OcBridge;

/**
 * Pure request validation: turns decoded JSON into normalized arrays, or collects
 * JSON-path → message pairs for a 422 `validation` answer. No database access here;
 * references (external ids, language codes, ids) are resolved later by the service.
 */
class Validator {
	const PRODUCT_MATCH = array('external_id', 'sku', 'model', 'product_id');
	const STOCK_MATCH = array('sku', 'external_id', 'model', 'product_id');
	const CATEGORY_MATCH = array('external_id', 'category_id');
	const MANUFACTURER_MATCH = array('external_id', 'name', 'manufacturer_id');
	const OPTION_MATCH = array('external_id', 'name', 'option_id');
	const ATTRIBUTE_MATCH = array('external_id', 'name', 'attribute_id');
	const OPTION_TYPES = array('select', 'radio', 'checkbox', 'text', 'textarea', 'file', 'date', 'time', 'datetime');

	const CODE_LIMITS = array('sku' => 64, 'upc' => 12, 'ean' => 14, 'jan' => 13, 'isbn' => 17, 'mpn' => 64);

	/** @var array path => message */
	private $errors = array();

	public function errors() {
		return $this->errors;
	}

	public function fail($path, $message) {
		if (!isset($this->errors[$path])) {
			$this->errors[$path] = $message;
		}
	}

	public function hasErrors() {
		return (bool)$this->errors;
	}

	/** @throws ApiError validation when errors were collected. */
	public function throwIfErrors($message = 'Invalid request') {
		if ($this->errors) {
			throw ApiError::validation($this->errors, $message);
		}
	}

	// ------------------------------------------------------------------ scalars

	public static function isExternalId($v) {
		return is_string($v) && trim($v) !== '' && strlen($v) <= 64;
	}

	public static function toInt($v) {
		if (is_int($v)) {
			return $v;
		}
		if (is_float($v) && floor($v) == $v && abs($v) < 9.0E15) {
			return (int)$v;
		}
		if (is_string($v) && preg_match('/^-?\d{1,18}$/', trim($v))) {
			return (int)trim($v);
		}
		return null;
	}

	public static function toBool($v) {
		if (is_bool($v)) {
			return $v;
		}
		if ($v === 1 || $v === '1' || $v === 'true') {
			return true;
		}
		if ($v === 0 || $v === '0' || $v === 'false') {
			return false;
		}
		return null;
	}

	public function int($v, $path, $min = null, $max = null) {
		$i = self::toInt($v);
		if ($i === null) {
			$this->fail($path, 'must be an integer');
			return null;
		}
		if (($min !== null && $i < $min) || ($max !== null && $i > $max)) {
			if ($max === null) {
				$this->fail($path, 'must be ≥ ' . $min);
			} else {
				$this->fail($path, $min . ' to ' . $max);
			}
			return null;
		}
		return $i;
	}

	public function bool($v, $path) {
		$b = self::toBool($v);
		if ($b === null) {
			$this->fail($path, 'must be a boolean');
		}
		return $b;
	}

	public function string($v, $path, $min, $max, $nullable = true) {
		if ($v === null && $nullable) {
			return '';
		}
		if (is_int($v) || is_float($v)) {
			$v = (string)$v;
		}
		if (!is_string($v)) {
			$this->fail($path, 'must be a string');
			return null;
		}
		$len = Text::length(trim($v));
		if ($len < $min || ($max !== null && $len > $max)) {
			$this->fail($path, $min . ' to ' . $max . ' characters');
			return null;
		}
		return trim($v);
	}

	public function decimal($v, $path, $scale = 4) {
		$d = Text::decimal($v, $scale);
		if ($d === null) {
			$this->fail($path, 'must be a non-negative decimal number as string');
		}
		return $d;
	}

	public function date($v, $path) {
		$d = Dates::dateOnly($v);
		if ($d === false) {
			$this->fail($path, 'must be a date YYYY-MM-DD or null');
			return null;
		}
		return $d;
	}

	public function listOf($v, $path, $max = null) {
		if (!is_array($v) || !Json::isList($v)) {
			$this->fail($path, 'must be an array');
			return null;
		}
		if ($max !== null && count($v) > $max) {
			$this->fail($path, 'at most ' . $max . ' entries');
			return null;
		}
		return $v;
	}

	public function object($v, $path) {
		if (!Json::isObject($v)) {
			$this->fail($path, 'must be an object');
			return null;
		}
		return $v;
	}

	/**
	 * An object reference: {"external_id": "…"} or {"<idField>": 12}.
	 * @return array|null ['external_id' => string] or ['id' => int]
	 */
	public function ref($v, $path, $idField) {
		if (!Json::isObject($v) || !$v) {
			$this->fail($path, 'must be {"external_id": …} or {"' . $idField . '": …}');
			return null;
		}
		if (array_key_exists('external_id', $v) && $v['external_id'] !== null) {
			if (!self::isExternalId($v['external_id'])) {
				$this->fail($path . '.external_id', '1 to 64 characters');
				return null;
			}
			return array('external_id' => trim($v['external_id']));
		}
		if (array_key_exists($idField, $v)) {
			$id = $this->int($v[$idField], $path . '.' . $idField, 0);
			return $id === null ? null : array('id' => $id);
		}
		$this->fail($path, 'must be {"external_id": …} or {"' . $idField . '": …}');
		return null;
	}

	/** SEO keyword syntax (uniqueness is checked against the DB later). */
	public static function keywordProblem($keyword, $allowSlash) {
		if (Text::length($keyword) < 1 || Text::length($keyword) > 255) {
			return '1 to 255 characters';
		}
		if (preg_match('/[\s?#&=%\\\\"\'<>]/u', $keyword)) {
			return 'must not contain spaces or any of ? # & = % \\ " \' < >';
		}
		if (!$allowSlash && strpos($keyword, '/') !== false) {
			return 'must not contain "/" on this OpenCart version';
		}
		if ($allowSlash && (substr($keyword, 0, 1) === '/' || substr($keyword, -1) === '/' || strpos($keyword, '//') !== false)) {
			return 'must not start or end with "/" or contain "//"';
		}
		return null;
	}

	/**
	 * seo_keywords: {"<store_id>": {"<lang>": "keyword"|null}}
	 * @return array [store_id => [lang => keyword|null]]
	 */
	public function seoKeywords($v, $path, $allowSlash) {
		// {"0": {…}} decodes to a PHP list, so any array keyed by store id is accepted.
		if (!is_array($v)) {
			$this->fail($path, 'must be an object');
			return null;
		}
		$out = array();
		foreach ($v as $storeId => $langs) {
			$sid = self::toInt($storeId);
			if ($sid === null || $sid < 0) {
				$this->fail($path . '.' . $storeId, 'key must be a store id');
				continue;
			}
			if (!Json::isObject($langs)) {
				$this->fail($path . '.' . $storeId, 'must be an object of language code → keyword');
				continue;
			}
			foreach ($langs as $lang => $kw) {
				$p = $path . '.' . $storeId . '.' . $lang;
				if ($kw === null || $kw === '') {
					$out[$sid][$lang] = null;
					continue;
				}
				if (!is_string($kw)) {
					$this->fail($p, 'must be a string or null');
					continue;
				}
				$kw = trim($kw);
				$problem = self::keywordProblem($kw, $allowSlash);
				if ($problem) {
					$this->fail($p, $problem);
					continue;
				}
				$out[$sid][$lang] = $kw;
			}
		}
		return $out;
	}

	public function storeIds($v, $path) {
		$list = $this->listOf($v, $path);
		if ($list === null) {
			return null;
		}
		$out = array();
		foreach ($list as $i => $sid) {
			$id = $this->int($sid, $path . '.' . $i, 0);
			if ($id !== null) {
				$out[$id] = $id;
			}
		}
		return array_values($out);
	}

	/**
	 * descriptions: {"<lang>": {field: string}} with per-field limits.
	 * @param array $fields field => [min, max|null]
	 */
	public function descriptions($v, $path, array $fields) {
		if (!$this->object($v, $path)) {
			return null;
		}
		$out = array();
		foreach ($v as $lang => $d) {
			$p = $path . '.' . $lang;
			if (!Json::isObject($d)) {
				$this->fail($p, 'must be an object');
				continue;
			}
			$row = array();
			foreach ($fields as $f => $limits) {
				if (array_key_exists($f, $d)) {
					$s = $this->string($d[$f], $p . '.' . $f, $limits[0], $limits[1], $limits[0] === 0);
					if ($s !== null) {
						$row[$f] = $s;
					}
				}
			}
			$out[$lang] = $row;
		}
		return $out;
	}

	/** match: {"by": …, "value": …}; id-like "by" values require a positive integer. */
	public function match($v, $path, array $allowed) {
		if (!Json::isObject($v)) {
			$this->fail($path, 'must be an object {"by": …, "value": …}');
			return null;
		}
		$by = isset($v['by']) ? $v['by'] : null;
		if (!is_string($by) || !in_array($by, $allowed, true)) {
			$this->fail($path . '.by', 'one of ' . implode(', ', $allowed));
			return null;
		}
		$value = array_key_exists('value', $v) ? $v['value'] : null;
		if (substr($by, -3) === '_id' && $by !== 'external_id') {
			$id = $this->int($value, $path . '.value', 1);
			return $id === null ? null : array('by' => $by, 'value' => $id);
		}
		if (is_int($value)) {
			$value = (string)$value;
		}
		$max = $by === 'external_id' ? 64 : 255;
		if (!is_string($value) || trim($value) === '' || Text::length($value) > $max) {
			$this->fail($path . '.value', '1 to ' . $max . ' characters');
			return null;
		}
		return array('by' => $by, 'value' => trim($value));
	}

	public function createIfMissing($body) {
		if (!array_key_exists('create_if_missing', $body)) {
			return true;
		}
		$b = $this->bool($body['create_if_missing'], 'create_if_missing');
		return $b === null ? false : $b;
	}

	// ------------------------------------------------------------------ products

	const PRODUCT_DESCRIPTION_FIELDS = array(
		'name' => array(1, 255), 'description' => array(0, null), 'meta_title' => array(0, 255),
		'meta_description' => array(0, 255), 'meta_keyword' => array(0, 255), 'tag' => array(0, null),
	);

	/**
	 * Validate a ProductWrite (PATCH semantics: only present keys are returned).
	 * Paths in errors are relative to the product object.
	 * @param bool $allowSlash whether SEO keywords may contain "/" (4.x)
	 */
	public function productWrite($p, $allowSlash) {
		if (!Json::isObject($p)) {
			$this->fail('product', 'must be an object');
			return null;
		}
		$out = array();
		$has = function ($k) use ($p) {
			return array_key_exists($k, $p);
		};
		if ($has('external_id')) {
			if ($p['external_id'] === null) {
				$out['external_id'] = null;
			} elseif (self::isExternalId($p['external_id'])) {
				$out['external_id'] = trim($p['external_id']);
			} else {
				$this->fail('external_id', '1 to 64 characters');
			}
		}
		if ($has('model')) {
			$s = $this->string($p['model'], 'model', 1, 64, false);
			if ($s !== null) {
				$out['model'] = $s;
			}
		}
		foreach (self::CODE_LIMITS as $code => $max) {
			if ($has($code)) {
				$s = $this->string($p[$code], $code, 0, $max);
				if ($s !== null) {
					$out[$code] = $s;
				}
			}
		}
		if ($has('location')) {
			$s = $this->string($p['location'], 'location', 0, 128);
			if ($s !== null) {
				$out['location'] = $s;
			}
		}
		if ($has('price')) {
			$d = $this->decimal($p['price'], 'price');
			if ($d !== null) {
				$out['price'] = $d;
			}
		}
		foreach (array('weight', 'length', 'width', 'height') as $f) {
			if ($has($f)) {
				$d = $this->decimal($p[$f], $f, 8);
				if ($d !== null) {
					$out[$f] = $d;
				}
			}
		}
		$ints = array('quantity' => array(null, null), 'minimum' => array(1, null), 'points' => array(0, null), 'sort_order' => array(null, null),
			'stock_status_id' => array(0, null), 'tax_class_id' => array(0, null), 'weight_class_id' => array(0, null), 'length_class_id' => array(0, null));
		foreach ($ints as $f => $limits) {
			if ($has($f)) {
				$i = $this->int($p[$f], $f, $limits[0], $limits[1]);
				if ($i !== null) {
					$out[$f] = $i;
				}
			}
		}
		foreach (array('status', 'subtract', 'shipping') as $f) {
			if ($has($f)) {
				$b = $this->bool($p[$f], $f);
				if ($b !== null) {
					$out[$f] = $b;
				}
			}
		}
		if ($has('date_available')) {
			$d = $this->date($p['date_available'], 'date_available');
			if (!isset($this->errors['date_available'])) {
				$out['date_available'] = $d;
			}
		}
		if ($has('image')) {
			$s = $this->imagePath($p['image'], 'image');
			if ($s !== null) {
				$out['image'] = $s;
			}
		}
		if ($has('manufacturer')) {
			if ($p['manufacturer'] === null) {
				$out['manufacturer'] = null;
			} else {
				$r = $this->ref($p['manufacturer'], 'manufacturer', 'manufacturer_id');
				if ($r) {
					$out['manufacturer'] = $r;
				}
			}
		}
		if ($has('categories')) {
			$list = $p['categories'] === null ? array() : $this->listOf($p['categories'], 'categories');
			if ($list !== null) {
				$refs = array();
				foreach ($list as $i => $c) {
					$r = $this->ref($c, 'categories.' . $i, 'category_id');
					if ($r) {
						$refs[$i] = $r;
					}
				}
				$out['categories'] = $refs;
			}
		}
		if ($has('store_ids')) {
			$ids = $this->storeIds($p['store_ids'] === null ? array() : $p['store_ids'], 'store_ids');
			if ($ids !== null) {
				$out['store_ids'] = $ids;
			}
		}
		if ($has('images')) {
			$list = $p['images'] === null ? array() : $this->listOf($p['images'], 'images');
			if ($list !== null) {
				$imgs = array();
				foreach ($list as $i => $img) {
					if (is_string($img)) {
						$img = array('path' => $img);
					}
					if (!Json::isObject($img)) {
						$this->fail('images.' . $i, 'must be {"path": …, "sort_order": …}');
						continue;
					}
					$path = $this->imagePath(isset($img['path']) ? $img['path'] : null, 'images.' . $i . '.path', false);
					$sort = array_key_exists('sort_order', $img) ? $this->int($img['sort_order'], 'images.' . $i . '.sort_order') : $i;
					if ($path !== null && $sort !== null) {
						$imgs[] = array('path' => $path, 'sort_order' => $sort);
					}
				}
				$out['images'] = $imgs;
			}
		}
		if ($has('descriptions')) {
			$d = $this->descriptions($p['descriptions'], 'descriptions', self::PRODUCT_DESCRIPTION_FIELDS);
			if ($d !== null) {
				$out['descriptions'] = $d;
			}
		}
		if ($has('attributes')) {
			$list = $p['attributes'] === null ? array() : $this->listOf($p['attributes'], 'attributes');
			if ($list !== null) {
				$attrs = array();
				foreach ($list as $i => $a) {
					$pa = 'attributes.' . $i;
					if (!Json::isObject($a)) {
						$this->fail($pa, 'must be {"attribute": …, "texts": …}');
						continue;
					}
					$r = $this->ref(isset($a['attribute']) ? $a['attribute'] : null, $pa . '.attribute', 'attribute_id');
					$texts = array();
					if (!isset($a['texts']) || !Json::isObject($a['texts']) || !$a['texts']) {
						$this->fail($pa . '.texts', 'must be an object of language code → text');
					} else {
						foreach ($a['texts'] as $lang => $t) {
							$s = $this->string($t, $pa . '.texts.' . $lang, 0, 65535);
							if ($s !== null) {
								$texts[$lang] = $s;
							}
						}
					}
					if ($r) {
						$attrs[] = array('attribute' => $r, 'texts' => $texts, 'path' => $pa);
					}
				}
				$out['attributes'] = $attrs;
			}
		}
		if ($has('options')) {
			$o = $this->productOptions($p['options']);
			if ($o !== null) {
				$out['options'] = $o;
			}
		}
		if ($has('specials')) {
			$o = $this->priceRows($p['specials'], 'specials', false);
			if ($o !== null) {
				$out['specials'] = $o;
			}
		}
		if ($has('discounts')) {
			$o = $this->priceRows($p['discounts'], 'discounts', true);
			if ($o !== null) {
				$out['discounts'] = $o;
			}
		}
		if ($has('seo_keywords')) {
			$s = $this->seoKeywords($p['seo_keywords'] === null ? array() : $p['seo_keywords'], 'seo_keywords', $allowSlash);
			if ($s !== null) {
				$out['seo_keywords'] = $s;
			}
		}
		return $out;
	}

	/** Image path relative to image/ ("catalog/…"); "" / null clear it. */
	public function imagePath($v, $path, $nullable = true) {
		if ($v === null || $v === '') {
			if ($nullable) {
				return '';
			}
			$this->fail($path, 'required');
			return null;
		}
		if (!is_string($v) || strlen($v) > 255) {
			$this->fail($path, 'must be a path under image/, at most 255 characters');
			return null;
		}
		$v = trim($v);
		if (strpos($v, '..') !== false || strpos($v, '\\') !== false || substr($v, 0, 1) === '/' || strpos($v, "\0") !== false) {
			$this->fail($path, 'must be a relative path under image/ without ".."');
			return null;
		}
		return $v;
	}

	private function productOptions($v) {
		$list = $v === null ? array() : $this->listOf($v, 'options');
		if ($list === null) {
			return null;
		}
		$out = array();
		foreach ($list as $i => $o) {
			$po = 'options.' . $i;
			if (!Json::isObject($o)) {
				$this->fail($po, 'must be an object');
				continue;
			}
			$row = array('path' => $po);
			$row['option'] = $this->ref(isset($o['option']) ? $o['option'] : null, $po . '.option', 'option_id');
			$row['required'] = array_key_exists('required', $o) ? $this->bool($o['required'], $po . '.required') : false;
			$row['value'] = array_key_exists('value', $o) ? $this->string($o['value'], $po . '.value', 0, 65535) : '';
			$values = array();
			if (array_key_exists('values', $o) && $o['values'] !== null) {
				$vl = $this->listOf($o['values'], $po . '.values');
				foreach ((array)$vl as $j => $val) {
					$pv = $po . '.values.' . $j;
					if (!Json::isObject($val)) {
						$this->fail($pv, 'must be an object');
						continue;
					}
					$r = array('path' => $pv);
					$r['option_value'] = $this->ref(isset($val['option_value']) ? $val['option_value'] : null, $pv . '.option_value', 'option_value_id');
					$r['external_id'] = null;
					if (isset($val['external_id'])) {
						if (self::isExternalId($val['external_id'])) {
							$r['external_id'] = trim($val['external_id']);
						} else {
							$this->fail($pv . '.external_id', '1 to 64 characters');
						}
					}
					$r['sku'] = array_key_exists('sku', $val) ? $this->string($val['sku'], $pv . '.sku', 0, 64) : null;
					$r['quantity'] = array_key_exists('quantity', $val) ? $this->int($val['quantity'], $pv . '.quantity') : 0;
					$r['subtract'] = array_key_exists('subtract', $val) ? $this->bool($val['subtract'], $pv . '.subtract') : true;
					foreach (array('price' => 4, 'points' => 0, 'weight' => 8) as $f => $scale) {
						$r[$f] = array_key_exists($f, $val) ? $this->decimal($val[$f], $pv . '.' . $f, $scale) : ($scale ? '0.' . str_repeat('0', $scale) : '0');
						$pf = $f . '_prefix';
						$r[$pf] = '+';
						if (array_key_exists($pf, $val)) {
							if (in_array($val[$pf], array('+', '-'), true)) {
								$r[$pf] = $val[$pf];
							} else {
								$this->fail($pv . '.' . $pf, 'must be "+" or "-"');
							}
						}
					}
					$values[] = $r;
				}
			}
			$row['values'] = $values;
			if ($row['option']) {
				$out[] = $row;
			}
		}
		return $out;
	}

	private function priceRows($v, $path, $withQuantity) {
		$list = $v === null ? array() : $this->listOf($v, $path);
		if ($list === null) {
			return null;
		}
		$out = array();
		foreach ($list as $i => $r) {
			$p = $path . '.' . $i;
			if (!Json::isObject($r)) {
				$this->fail($p, 'must be an object');
				continue;
			}
			$row = array(
				'customer_group_id' => $this->int(isset($r['customer_group_id']) ? $r['customer_group_id'] : null, $p . '.customer_group_id', 1),
				'price'             => $this->decimal(isset($r['price']) ? $r['price'] : null, $p . '.price'),
				'priority'          => array_key_exists('priority', $r) ? $this->int($r['priority'], $p . '.priority') : 1,
				'date_start'        => $this->date(isset($r['date_start']) ? $r['date_start'] : null, $p . '.date_start'),
				'date_end'          => $this->date(isset($r['date_end']) ? $r['date_end'] : null, $p . '.date_end'),
				'quantity'          => 1,
				'type'              => 'F',
			);
			if ($withQuantity) {
				$row['quantity'] = array_key_exists('quantity', $r) ? $this->int($r['quantity'], $p . '.quantity', 1) : 1;
			}
			if (array_key_exists('type', $r)) {
				if (in_array($r['type'], array('F', 'P', 'S'), true)) {
					$row['type'] = $r['type'];
				} else {
					$this->fail($p . '.type', 'one of F, P, S');
				}
			}
			$out[] = $row;
		}
		return $out;
	}

	// ------------------------------------------------------------------ stock & price

	/**
	 * One StockItem. Returns [normalized item, null] or [null, message] (per-item "invalid").
	 */
	public static function stockItem($item) {
		if (!Json::isObject($item)) {
			return array(null, 'item must be an object');
		}
		if (!isset($item['key']) || (!is_string($item['key']) && !is_int($item['key'])) || trim((string)$item['key']) === '') {
			return array(null, 'key is required');
		}
		$out = array('key' => is_int($item['key']) ? $item['key'] : trim($item['key']));
		if (array_key_exists('quantity', $item)) {
			$q = self::toInt($item['quantity']);
			if ($q === null) {
				return array(null, 'quantity must be an integer');
			}
			$out['quantity'] = $q;
		}
		if (array_key_exists('price', $item)) {
			$d = Text::decimal($item['price'], 4);
			if ($d === null) {
				return array(null, 'price must be a non-negative decimal number as string');
			}
			$out['price'] = $d;
		}
		if (array_key_exists('status', $item)) {
			$b = self::toBool($item['status']);
			if ($b === null) {
				return array(null, 'status must be a boolean');
			}
			$out['status'] = $b;
		}
		if (array_key_exists('option_values', $item)) {
			if (!Json::isList($item['option_values'])) {
				return array(null, 'option_values must be an array');
			}
			$ovs = array();
			foreach ($item['option_values'] as $i => $ov) {
				if (!Json::isObject($ov) || !isset($ov['external_id']) || !self::isExternalId($ov['external_id'])) {
					return array(null, 'option_values.' . $i . '.external_id is required (1 to 64 characters)');
				}
				$q = array_key_exists('quantity', $ov) ? self::toInt($ov['quantity']) : null;
				if ($q === null) {
					return array(null, 'option_values.' . $i . '.quantity must be an integer');
				}
				$one = array('external_id' => trim($ov['external_id']), 'quantity' => $q);
				// A characteristic's own price travels as its difference from the product price (what OpenCart adds).
				if (array_key_exists('price', $ov)) {
					$d = Text::decimal($ov['price'], 4);
					if ($d === null) {
						return array(null, 'option_values.' . $i . '.price must be a non-negative decimal number as string');
					}
					$prefix = array_key_exists('price_prefix', $ov) ? $ov['price_prefix'] : '+';
					if ($prefix !== '+' && $prefix !== '-') {
						return array(null, 'option_values.' . $i . '.price_prefix must be "+" or "-"');
					}
					$one['price'] = $d;
					$one['price_prefix'] = $prefix;
				}
				$ovs[] = $one;
			}
			$out['option_values'] = $ovs;
		}
		return array($out, null);
	}

	// ------------------------------------------------------------------ list parameters

	/** limit/page from a query string with defaults and bounds; errors on bad values. */
	public function paging(array $query, $defaultLimit, $maxLimit) {
		$limit = $defaultLimit;
		$page = 1;
		if (isset($query['limit']) && $query['limit'] !== '') {
			$limit = $this->int($query['limit'], 'limit', 1, $maxLimit);
		}
		if (isset($query['page']) && $query['page'] !== '') {
			$page = $this->int($query['page'], 'page', 1);
		}
		return array($limit === null ? $defaultLimit : $limit, $page === null ? 1 : $page);
	}

	/** An ISO date-time query parameter converted to DB local time, or null when absent. */
	public function isoParam(array $query, $name, $timezone) {
		if (!isset($query[$name]) || $query[$name] === '') {
			return null;
		}
		$v = Dates::fromIso($query[$name], $timezone);
		if ($v === null) {
			$this->fail($name, 'must be an ISO-8601 date-time, e.g. 2026-11-28T21:56:12+03:00');
		}
		return $v;
	}

	/** "1,2,5" → [1,2,5] */
	public function idList($value, $name) {
		if (is_array($value)) {
			$value = implode(',', $value);
		}
		$out = array();
		foreach (explode(',', (string)$value) as $part) {
			$part = trim($part);
			if ($part === '') {
				continue;
			}
			$i = self::toInt($part);
			if ($i === null || $i < 0) {
				$this->fail($name, 'must be a comma-separated list of ids');
				return array();
			}
			$out[$i] = $i;
		}
		return array_values($out);
	}
}
