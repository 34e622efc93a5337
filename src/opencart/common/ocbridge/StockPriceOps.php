<?php
namespace OcBridge;

/**
 * products.stock_price: up to 1000 stock/price/status lines as a set. The keys are resolved in one query, the
 * current quantities, prices and option values of every matched product in two more, and the changed rows are
 * written with one UPDATE … CASE per table (in one transaction where the engine has them), so the cost of a line
 * does not grow with the number of lines or with the size of the shop.
 */
trait StockPriceOps {
	public function productsStockPrice($query, $body) {
		$v = new Validator();
		$by = isset($body['match_by']) ? $body['match_by'] : null;
		if (!is_string($by) || !in_array($by, Validator::STOCK_MATCH, true)) {
			$v->fail('match_by', 'one of ' . implode(', ', Validator::STOCK_MATCH));
		}
		if (!isset($body['items']) || !Json::isList($body['items'])) {
			if (isset($body['items']) && is_array($body['items']) && !$body['items']) {
				$v->fail('items', '1 to 1000 items');
			} else {
				throw new ApiError('bad_request', 'Body must be {"match_by": …, "items": [ … ]}');
			}
		} elseif (count($body['items']) < 1 || count($body['items']) > 1000) {
			$v->fail('items', '1 to 1000 items');
		}
		$v->throwIfErrors();

		$results = array();
		$lines = array(); // index => validated item
		foreach ($body['items'] as $i => $raw) {
			list($item, $problem) = Validator::stockItem($raw);
			$key = is_array($raw) && isset($raw['key']) && (is_string($raw['key']) || is_int($raw['key'])) ? $raw['key'] : null;
			if (!$problem && $by === 'product_id' && Validator::toInt($item['key']) === null) {
				$problem = 'key must be a product id';
			}
			if ($problem) {
				$results[$i] = array('key' => $key, 'status' => 'invalid', 'message' => $problem);
			} else {
				$lines[$i] = array('item' => $item, 'key' => $key);
			}
		}
		$keys = array();
		foreach ($lines as $l) {
			$keys[] = (string)$l['item']['key'];
		}
		$found = $this->findProductsByKeys($by, $keys);
		$productIds = array();
		$povKeys = array();
		foreach ($lines as $l) {
			$ids = $found[(string)$l['item']['key']];
			if (count($ids) === 1) {
				$productIds[] = $ids[0];
				foreach (isset($l['item']['option_values']) ? $l['item']['option_values'] : array() as $ov) {
					$povKeys[] = $ov['external_id'];
				}
			}
		}
		$current = $this->stockOfProducts($productIds);
		$povs = $this->optionValuesByLink($povKeys);

		$productSets = array(); // product_id => column => value (a later line for the same product wins)
		$povSets = array();
		foreach ($lines as $i => $l) {
			$item = $l['item'];
			$ids = $found[(string)$item['key']];
			if (!$ids) {
				$results[$i] = array('key' => $l['key'], 'status' => 'not_found');
				continue;
			}
			if (count($ids) > 1) {
				$results[$i] = array('key' => $l['key'], 'status' => 'ambiguous', 'product_ids' => $ids);
				continue;
			}
			$pid = $ids[0];
			if (!isset($current[$pid])) {
				$results[$i] = array('key' => $l['key'], 'status' => 'not_found'); // deleted meanwhile
				continue;
			}
			list($changed, $problem) = $this->planStockLine($item, $pid, $current[$pid], $povs, $productSets, $povSets);
			$results[$i] = $problem
				? array('key' => $l['key'], 'product_id' => $pid, 'status' => 'invalid', 'message' => $problem)
				: array('key' => $l['key'], 'product_id' => $pid, 'status' => 'updated', 'changed' => $changed);
		}
		$self = $this;
		$this->db->transaction(function () use ($self, $productSets, $povSets) {
			$self->updateByCase('product', 'product_id', $productSets, array('date_modified' => 'NOW()'));
			$self->updateByCase('product_option_value', 'product_option_value_id', $povSets, array());
		});
		if ($productSets) {
			$this->ctx->clearCache('product');
		}
		ksort($results);
		$updated = 0;
		foreach ($results as $r) {
			if ($r['status'] === 'updated') {
				$updated++;
			}
		}
		return array('updated' => $updated, 'results' => array_values($results));
	}

	/**
	 * Compares one line with what the shop holds and adds what differs to the sets.
	 * @return array [bool changed, string|null problem]
	 */
	private function planStockLine(array $item, $pid, array $cur, array $povs, array &$productSets, array &$povSets) {
		$mine = array();
		foreach (isset($item['option_values']) ? $item['option_values'] : array() as $ov) {
			$row = isset($povs[$ov['external_id']]) ? $povs[$ov['external_id']] : null;
			if ($row === null || (int)$row['product_id'] !== $pid) {
				return array(false, 'option value ' . $ov['external_id'] . ' not found on product ' . $pid);
			}
			$mine[(int)$row['product_option_value_id']] = array($ov, $row);
		}
		$set = array();
		if (isset($item['quantity']) && (int)$cur['quantity'] !== $item['quantity']) {
			$set['quantity'] = (int)$item['quantity'];
		}
		if (isset($item['price']) && Text::money($cur['price']) !== $item['price']) {
			$set['price'] = $item['price'];
		}
		if (isset($item['status']) && (bool)(int)$cur['status'] !== $item['status']) {
			$set['status'] = $item['status'] ? 1 : 0;
		}
		$povChanged = false;
		foreach ($mine as $povId => $pair) {
			list($ov, $row) = $pair;
			$povSet = array();
			if ((int)$row['quantity'] !== $ov['quantity']) {
				$povSet['quantity'] = (int)$ov['quantity'];
			}
			if (isset($ov['price']) && (Text::money($row['price']) !== $ov['price'] || $row['price_prefix'] !== $ov['price_prefix'])) {
				$povSet['price'] = $ov['price'];
				$povSet['price_prefix'] = $ov['price_prefix'];
			}
			if ($povSet) {
				$povSets[$povId] = $povSet + (isset($povSets[$povId]) ? $povSets[$povId] : array());
				$povChanged = true;
			}
		}
		$changed = $set || $povChanged;
		if ($changed) {
			// the whole line is written, as one UPDATE per product did before; date_modified marks the change
			foreach (array('quantity', 'price') as $f) {
				if (isset($item[$f])) {
					$set[$f] = $f === 'quantity' ? (int)$item[$f] : $item[$f];
				}
			}
			if (isset($item['status'])) {
				$set['status'] = $item['status'] ? 1 : 0;
			}
			$productSets[$pid] = $set + (isset($productSets[$pid]) ? $productSets[$pid] : array());
		}
		return array($changed, null);
	}

	/**
	 * One UPDATE per table and up to 500 rows: `col = CASE id WHEN … THEN … ELSE col END` for every column any row
	 * sets. $sets = id => column => value; $always = column => raw SQL set on every row. Public for the closure.
	 */
	public function updateByCase($table, $idField, array $sets, array $always) {
		foreach (array_chunk($sets, 500, true) as $chunk) {
			$columns = array();
			foreach ($chunk as $set) {
				$columns += array_fill_keys(array_keys($set), true);
			}
			$parts = array();
			foreach (array_keys($columns) as $c) {
				$cases = array();
				foreach ($chunk as $id => $set) {
					if (array_key_exists($c, $set)) {
						$cases[] = 'WHEN ' . (int)$id . ' THEN ' . $this->db->q($set[$c]);
					}
				}
				$parts[] = '`' . $c . '` = CASE `' . $idField . '` ' . implode(' ', $cases) . ' ELSE `' . $c . '` END';
			}
			foreach ($always as $c => $sql) {
				$parts[] = '`' . $c . '` = ' . $sql;
			}
			$this->db->exec('UPDATE ' . $this->db->t($table) . ' SET ' . implode(', ', $parts) . ' WHERE `' . $idField . '` IN ' . $this->db->inList(array_map('intval', array_keys($chunk))));
		}
	}

	/**
	 * Product ids of every key, in as few queries as the key kind allows. SKU and model compare as the database's
	 * collation does (case-insensitive, trailing spaces ignored): a key the batch query's rows do not explain in
	 * PHP terms is asked alone, so a match is never missed. @return array key => int[]
	 */
	private function findProductsByKeys($by, array $keys) {
		$out = array_fill_keys($keys, array());
		$keys = array_values(array_unique($keys));
		if (!$keys) {
			return $out;
		}
		if ($by === 'product_id') {
			$present = array_flip(array_map('intval', $this->db->column('SELECT `product_id` FROM ' . $this->db->t('product') . ' WHERE `product_id` IN ' . $this->db->inList(array_map('intval', $keys)))));
			foreach ($keys as $key) {
				$out[$key] = isset($present[(int)$key]) ? array((int)$key) : array();
			}
			return $out;
		}
		if ($by === 'external_id') {
			$rows = $this->db->rows('SELECT l.`external_id`, l.`entity_id` FROM ' . $this->db->t(LinkTable::TABLE) . ' l JOIN ' . $this->db->t('product')
				. " p ON (p.`product_id` = l.`entity_id`) WHERE l.`entity` = 'product' AND l.`external_id` IN " . $this->db->inList($keys));
			foreach ($rows as $r) {
				$out[(string)$r['external_id']] = array((int)$r['entity_id']);
			}
			return $out;
		}
		$dbKeys = array_map(array('OcBridge\\Text', 'toDb'), $keys);
		if ($by === 'sku' && $this->schema->productCodes()) {
			$sql = 'SELECT pc.`value` AS k, pc.`product_id` FROM ' . $this->db->t('product_code') . ' pc JOIN ' . $this->db->t('product')
				. " p ON (p.`product_id` = pc.`product_id`) WHERE pc.`code` = 'SKU' AND pc.`value` IN " . $this->db->inList($dbKeys);
		} else {
			$sql = 'SELECT `' . $by . '` AS k, `product_id` FROM ' . $this->db->t('product') . ' WHERE `' . $by . '` IN ' . $this->db->inList($dbKeys);
		}
		$byNorm = array();
		foreach ($this->db->rows($sql) as $r) {
			$byNorm[self::collated($r['k'])][(int)$r['product_id']] = (int)$r['product_id'];
		}
		foreach ($keys as $i => $key) {
			$norm = self::collated($dbKeys[$i]);
			if (isset($byNorm[$norm])) {
				$ids = array_values($byNorm[$norm]);
				sort($ids);
				$out[$key] = $ids;
			} else {
				$out[$key] = $this->findProducts($by, $key);
			}
		}
		return $out;
	}

	private static function collated($s) {
		return rtrim(function_exists('mb_strtolower') ? mb_strtolower((string)$s, 'UTF-8') : strtolower((string)$s), ' ');
	}

	/** @return array product_id => row (quantity, price, status) */
	private function stockOfProducts(array $ids) {
		$out = array();
		if ($ids) {
			foreach ($this->db->rows('SELECT `product_id`, `quantity`, `price`, `status` FROM ' . $this->db->t('product') . ' WHERE `product_id` IN ' . $this->db->inList(array_values(array_unique($ids)))) as $r) {
				$out[(int)$r['product_id']] = $r;
			}
		}
		return $out;
	}

	/** @return array link external_id => product_option_value row */
	private function optionValuesByLink(array $externalIds) {
		$out = array();
		if ($externalIds) {
			$rows = $this->db->rows('SELECT l.`external_id`, pov.`product_option_value_id`, pov.`product_id`, pov.`quantity`, pov.`price`, pov.`price_prefix` FROM '
				. $this->db->t(LinkTable::TABLE) . ' l JOIN ' . $this->db->t('product_option_value') . " pov ON (pov.`product_option_value_id` = l.`entity_id`)"
				. " WHERE l.`entity` = 'product_option_value' AND l.`external_id` IN " . $this->db->inList(array_values(array_unique($externalIds))));
			foreach ($rows as $r) {
				$out[(string)$r['external_id']] = $r;
			}
		}
		return $out;
	}
}
