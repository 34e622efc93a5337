<?php
namespace OcBridge;

/**
 * What a batch of product writes looks up, read for the whole batch in a handful of queries before the first item is
 * planned: links by 1C id (with whether the linked row still exists), existence of rows referred to by id, the
 * option of each option value, the languages a product already has descriptions in, and whether it has options.
 * Planning then asks this instead of the database; anything not preloaded (an unusual reference) falls through to
 * the per-item query, so a gap costs speed, never correctness. It is dropped before the batch writes.
 */
class Preload {
	/** The tables behind the link entities a product refers to. */
	const TABLES = array(
		'product' => array('product', 'product_id'), 'category' => array('category', 'category_id'),
		'manufacturer' => array('manufacturer', 'manufacturer_id'), 'attribute' => array('attribute', 'attribute_id'),
		'option' => array('option', 'option_id'), 'option_value' => array('option_value', 'option_value_id'),
	);

	/** @var array entity => external_id => entity_id|null (null: no link) */
	private $links = array();
	/** @var array table => id => bool */
	private $exists = array();
	/** @var array option_value_id => option_id (0: no such value) */
	private $optionOf = array();
	/** @var array product_id => language ids with a description */
	private $descLangs = array();
	/** @var array product_id => bool */
	private $hasOptions = array();

	/** Preloads what the raw items of a products.upsert request refer to (read defensively: they are not validated yet). */
	public static function forProducts(Db $db, array $items) {
		$self = new self();
		$ext = array_fill_keys(array_keys(self::TABLES), array());
		$ids = array('category' => array(), 'manufacturer' => array(), 'attribute' => array(), 'option' => array(), 'option_value' => array(), 'customer_group' => array());
		foreach ($items as $item) {
			if (!is_array($item)) {
				continue;
			}
			if (isset($item['match']['by'], $item['match']['value']) && $item['match']['by'] === 'external_id' && is_string($item['match']['value'])) {
				$ext['product'][] = trim($item['match']['value']);
			}
			$p = isset($item['product']) && is_array($item['product']) ? $item['product'] : array();
			if (isset($p['external_id']) && is_string($p['external_id'])) {
				$ext['product'][] = trim($p['external_id']);
			}
			self::ref(isset($p['manufacturer']) ? $p['manufacturer'] : null, 'manufacturer', $ext, $ids);
			foreach (self::listOf($p, 'categories') as $ref) {
				self::ref($ref, 'category', $ext, $ids);
			}
			foreach (self::listOf($p, 'attributes') as $a) {
				self::ref(is_array($a) && isset($a['attribute']) ? $a['attribute'] : null, 'attribute', $ext, $ids);
			}
			foreach (self::listOf($p, 'options') as $o) {
				self::ref(is_array($o) && isset($o['option']) ? $o['option'] : null, 'option', $ext, $ids);
				foreach (self::listOf($o, 'values') as $val) {
					self::ref(is_array($val) && isset($val['option_value']) ? $val['option_value'] : null, 'option_value', $ext, $ids);
				}
			}
			foreach (array('specials', 'discounts') as $k) {
				foreach (self::listOf($p, $k) as $row) {
					if (is_array($row) && isset($row['customer_group_id']) && is_int($row['customer_group_id'])) {
						$ids['customer_group'][] = $row['customer_group_id'];
					}
				}
			}
		}
		foreach ($ext as $entity => $values) {
			$self->loadLinks($db, $entity, $values);
		}
		foreach ($ids as $entity => $values) {
			if ($entity === 'option_value') {
				continue; // the owners' query below says which exist
			}
			$table = $entity === 'customer_group' ? array('customer_group', 'customer_group_id') : self::TABLES[$entity];
			$self->loadExists($db, $table[0], $table[1], $values);
		}
		$self->loadOptionOwners($db, array_merge($ids['option_value'], array_values(array_filter($self->links['option_value']))));
		$self->loadProductFacts($db, array_values(array_filter($self->links['product'])));
		return $self;
	}

	private static function listOf($a, $key) {
		return is_array($a) && isset($a[$key]) && is_array($a[$key]) ? $a[$key] : array();
	}

	private static function ref($ref, $entity, array &$ext, array &$ids) {
		if (!is_array($ref)) {
			return;
		}
		$idField = self::TABLES[$entity][1]; // a reference by id names the id column: {"category_id": 59}
		if (isset($ref['external_id']) && is_string($ref['external_id'])) {
			$ext[$entity][] = trim($ref['external_id']);
		} elseif (isset($ref[$idField]) && (is_int($ref[$idField]) || (is_string($ref[$idField]) && ctype_digit($ref[$idField])))) {
			$ids[$entity][] = (int)$ref[$idField];
		}
	}

	private function loadLinks(Db $db, $entity, array $values) {
		$this->links[$entity] = array();
		$values = array_values(array_unique($values));
		if (!$values) {
			return;
		}
		list($table, $idField) = self::TABLES[$entity];
		foreach ($values as $v) {
			$this->links[$entity][$v] = null;
		}
		$rows = $db->rows('SELECT l.`external_id`, l.`entity_id`, t.`' . $idField . '` AS present FROM ' . $db->t(LinkTable::TABLE) . ' l LEFT JOIN '
			. $db->t($table) . ' t ON (t.`' . $idField . '` = l.`entity_id`) WHERE l.`entity` = ' . $db->q($entity) . ' AND l.`external_id` IN ' . $db->inList($values));
		foreach ($rows as $r) {
			$id = (int)$r['entity_id'];
			$this->links[$entity][(string)$r['external_id']] = $id;
			$this->exists[$table][$id] = $r['present'] !== null;
		}
	}

	private function loadExists(Db $db, $table, $idField, array $ids) {
		$ids = array_values(array_unique(array_map('intval', $ids)));
		if (!$ids) {
			return;
		}
		foreach ($ids as $id) {
			$this->exists[$table][$id] = false;
		}
		foreach ($db->column('SELECT `' . $idField . '` FROM ' . $db->t($table) . ' WHERE `' . $idField . '` IN ' . $db->inList($ids)) as $id) {
			$this->exists[$table][(int)$id] = true;
		}
	}

	private function loadOptionOwners(Db $db, array $valueIds) {
		$valueIds = array_values(array_unique(array_map('intval', $valueIds)));
		if (!$valueIds) {
			return;
		}
		foreach ($valueIds as $id) {
			$this->optionOf[$id] = 0;
			$this->exists['option_value'][$id] = false;
		}
		foreach ($db->rows('SELECT `option_value_id`, `option_id` FROM ' . $db->t('option_value') . ' WHERE `option_value_id` IN ' . $db->inList($valueIds)) as $r) {
			$this->optionOf[(int)$r['option_value_id']] = (int)$r['option_id'];
			$this->exists['option_value'][(int)$r['option_value_id']] = true;
		}
	}

	private function loadProductFacts(Db $db, array $productIds) {
		if (!$productIds) {
			return;
		}
		foreach ($productIds as $id) {
			$this->descLangs[$id] = array();
			$this->hasOptions[$id] = false;
		}
		$in = $db->inList($productIds);
		foreach ($db->rows('SELECT `product_id`, `language_id` FROM ' . $db->t('product_description') . ' WHERE `product_id` IN ' . $in) as $r) {
			$this->descLangs[(int)$r['product_id']][] = (int)$r['language_id'];
		}
		foreach ($db->column('SELECT DISTINCT `product_id` FROM ' . $db->t('product_option') . ' WHERE `product_id` IN ' . $in) as $id) {
			$this->hasOptions[(int)$id] = true;
		}
	}

	/** [known, entity_id|null] for a link; known = false when it was not preloaded. */
	public function link($entity, $externalId) {
		if (!isset($this->links[$entity]) || !array_key_exists((string)$externalId, $this->links[$entity])) {
			return array(false, null);
		}
		return array(true, $this->links[$entity][(string)$externalId]);
	}

	/** [known, bool] */
	public function exists($table, $id) {
		if (!isset($this->exists[$table]) || !array_key_exists((int)$id, $this->exists[$table])) {
			return array(false, false);
		}
		return array(true, $this->exists[$table][(int)$id]);
	}

	/** [known, option_id] */
	public function optionOf($valueId) {
		return array_key_exists((int)$valueId, $this->optionOf) ? array(true, $this->optionOf[(int)$valueId]) : array(false, 0);
	}

	/** [known, language ids] */
	public function descriptionLanguages($productId) {
		return array_key_exists((int)$productId, $this->descLangs) ? array(true, $this->descLangs[(int)$productId]) : array(false, array());
	}

	/** null when not preloaded */
	public function hasOptions($productId) {
		return array_key_exists((int)$productId, $this->hasOptions) ? $this->hasOptions[(int)$productId] : null;
	}
}
