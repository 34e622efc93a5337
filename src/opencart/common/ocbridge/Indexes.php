<?php
namespace OcBridge;

/**
 * Indexes the extension's own queries need on OpenCart's tables. Stock OpenCart lacks them (4.1 has no
 * product_id index on product_option / product_option_value / product_code, 3.0 none on the option tables,
 * neither has date_modified on order), so per-product statements scanned whole tables: cost per batch grew with
 * the shop, and on InnoDB those scans locked every row they passed, which made parallel writes deadlock.
 * Added at module install (only where no index already starts with the same columns), named ocbridge_*, and
 * dropped again at uninstall.
 */
class Indexes {
	const PREFIX = 'ocbridge_';

	/** table => list of column lists */
	const WANTED = array(
		'product'              => array(array('model'), array('sku')),
		'product_code'         => array(array('product_id', 'code'), array('code', 'value')),
		'product_option'       => array(array('product_id')),
		'product_option_value' => array(array('product_id'), array('product_option_id')),
		'product_image'        => array(array('product_id')),
		'product_discount'     => array(array('product_id')),
		'product_special'      => array(array('product_id')),
		'seo_url'              => array(array('key', 'value')),
		'order'                => array(array('date_modified')),
		'order_history'        => array(array('order_id')),
		'order_option'         => array(array('order_id')),
	);

	/** @return string[] the indexes created, as "table(columns)" */
	public static function ensure(Db $db) {
		$schema = new Schema($db);
		$created = array();
		foreach (self::WANTED as $table => $wanted) {
			if (!$schema->hasTable($table)) {
				continue;
			}
			$existing = self::existing($db, $table);
			foreach ($wanted as $columns) {
				if (!self::allColumnsExist($schema, $table, $columns) || self::covered($existing, $columns)) {
					continue;
				}
				$name = self::PREFIX . implode('_', $columns);
				$db->exec('ALTER TABLE ' . $db->t($table) . ' ADD INDEX `' . $name . '` (`' . implode('`, `', $columns) . '`)');
				$existing[$name] = $columns;
				$created[] = $table . '(' . implode(', ', $columns) . ')';
			}
		}
		return $created;
	}

	/** Drops the indexes ensure() created (by their name), nothing else. */
	public static function drop(Db $db) {
		$schema = new Schema($db);
		foreach (array_keys(self::WANTED) as $table) {
			if (!$schema->hasTable($table)) {
				continue;
			}
			foreach (array_keys(self::existing($db, $table)) as $name) {
				if (strpos($name, self::PREFIX) === 0) {
					$db->exec('ALTER TABLE ' . $db->t($table) . ' DROP INDEX `' . $name . '`');
				}
			}
		}
	}

	/** @return array index name => its columns in order */
	private static function existing(Db $db, $table) {
		$out = array();
		foreach ($db->rows('SHOW INDEX FROM ' . $db->t($table)) as $r) {
			$out[$r['Key_name']][(int)$r['Seq_in_index']] = $r['Column_name'];
		}
		foreach ($out as $name => $cols) {
			ksort($cols);
			$out[$name] = array_values($cols);
		}
		return $out;
	}

	/** Does an index already start with exactly these columns? */
	public static function covered(array $existing, array $columns) {
		foreach ($existing as $cols) {
			if (array_slice($cols, 0, count($columns)) === $columns) {
				return true;
			}
		}
		return false;
	}

	private static function allColumnsExist(Schema $schema, $table, array $columns) {
		foreach ($columns as $c) {
			if (!$schema->hasColumn($table, $c)) {
				return false;
			}
		}
		return true;
	}
}
