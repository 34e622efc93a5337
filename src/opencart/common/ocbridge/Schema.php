<?php
namespace OcBridge;

/**
 * Runtime detection of the schema differences between 3.0.x, 4.0.2.x and 4.1.0.x
 * (see opencart-bridge-v1.md §9), so one write path serves every supported line.
 */
class Schema {
	/** @var Db */
	private $db;
	private $tables = array();
	private $columns = array();

	public function __construct(Db $db) {
		$this->db = $db;
	}

	public function hasTable($table) {
		if (!array_key_exists($table, $this->tables)) {
			$like = str_replace(array('\\', '_', '%'), array('\\\\', '\\_', '\\%'), $this->db->prefix() . $table);
			$this->tables[$table] = (bool)$this->db->rows("SHOW TABLES LIKE '" . $this->db->esc($like) . "'");
		}
		return $this->tables[$table];
	}

	/** @return array column name => ['null' => bool, 'default' => mixed, 'type' => string, 'auto' => bool] */
	public function columns($table) {
		if (!isset($this->columns[$table])) {
			$cols = array();
			if ($this->hasTable($table)) {
				foreach ($this->db->rows('SHOW COLUMNS FROM ' . $this->db->t($table)) as $r) {
					$cols[$r['Field']] = array(
						'null'    => strtoupper($r['Null']) === 'YES',
						'default' => $r['Default'],
						'type'    => strtolower($r['Type']),
						'auto'    => stripos((string)$r['Extra'], 'auto_increment') !== false,
					);
				}
			}
			$this->columns[$table] = $cols;
		}
		return $this->columns[$table];
	}

	public function hasColumn($table, $column) {
		$cols = $this->columns($table);
		return isset($cols[$column]);
	}

	/** 4.x seo_url(key, value) vs 3.x seo_url(query). */
	public function seoKeyValue() {
		return $this->hasColumn('seo_url', 'key');
	}

	/** 4.1.0.1+: product codes (SKU, EAN…) live in product_code. */
	public function productCodes() {
		return $this->hasTable('product_code');
	}

	/** 3.x/4.0: product_special; 4.1: product_discount.special = 1. */
	public function specialTable() {
		return $this->hasTable('product_special');
	}

	/** 3.x: payment_code / shipping_code; 4.0.2+: JSON methods. */
	public function jsonMethods() {
		return !$this->hasColumn('order', 'payment_code');
	}

	/**
	 * Keep only columns that exist, and add type-appropriate zero values for every column without
	 * a default (NOT NULL ones, and nullable ones whose default is NULL – OpenCart itself never
	 * leaves them NULL, and e.g. 4.1's storefront fails on a NULL category meta_description).
	 */
	public static function fillRow(array $columns, array $row) {
		$out = array();
		foreach ($row as $k => $v) {
			if (isset($columns[$k])) {
				$out[$k] = $v;
			}
		}
		foreach ($columns as $name => $c) {
			if (array_key_exists($name, $out) || $c['auto'] || $c['default'] !== null) {
				continue;
			}
			$out[$name] = self::zeroFor($c['type']);
		}
		return $out;
	}

	public static function zeroFor($type) {
		if (preg_match('/^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|bit)/', $type)) {
			return 0;
		}
		if (strpos($type, 'datetime') === 0 || strpos($type, 'timestamp') === 0) {
			return new RawSql('NOW()');
		}
		if (strpos($type, 'date') === 0) {
			return '0000-00-00';
		}
		if (strpos($type, 'time') === 0) {
			return '00:00:00';
		}
		return '';
	}

	public function insert($table, array $row) {
		return $this->db->insert($table, self::fillRow($this->columns($table), $row));
	}

	/** Several rows in one INSERT (each completed like insert() does). */
	public function insertMany($table, array $rows) {
		if (!$rows) {
			return;
		}
		$cols = $this->columns($table);
		$filled = array();
		$names = array();
		foreach ($rows as $r) {
			$f = self::fillRow($cols, $r);
			$filled[] = $f;
			$names += array_fill_keys(array_keys($f), true);
		}
		$this->db->insertRows($table, array_keys($names), $filled);
	}

	/** Drop keys that are not columns of $table. */
	public function only($table, array $row) {
		$cols = $this->columns($table);
		$out = array();
		foreach ($row as $k => $v) {
			if (isset($cols[$k])) {
				$out[$k] = $v;
			}
		}
		return $out;
	}
}
