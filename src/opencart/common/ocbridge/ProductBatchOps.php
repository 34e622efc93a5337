<?php
namespace OcBridge;

/**
 * products.upsert: up to 100 products planned and written as a set. Everything the batch refers to is looked up in
 * a few queries (Preload); every item is validated and planned on its own (a bad item is answered alone); then all
 * planned items are written in ONE transaction, new products with one multi-row INSERT per table (product, links,
 * descriptions, categories, stores, images, attributes, options, option values) instead of a dozen statements each.
 * If the set fails for a reason that is not a lock conflict (one item's data the database refuses), the transaction
 * rolled back and the items are written one by one, so the others still land and the bad one is answered alone.
 *
 * `assume_changed: true` (sent by the bridge, which only sends products that differ from what it last sent): the
 * shop does not read each product before and after to detect a no-op, and options of a product that has none yet
 * are inserted with the set.
 *
 * 3.x (MyISAM product tables, no rollback): the same statements, each committing on its own; links are reserved
 * before the product rows (as in the single-item path), and after a failure the batch is answered as failed instead
 * of being written again item by item, which could create a product twice.
 */
trait ProductBatchOps {
	public function productsUpsert($query, $body) {
		if (!isset($body['items']) || !is_array($body['items']) || ($body['items'] && !Json::isList($body['items']))) {
			throw new ApiError('bad_request', 'Body must be {"items": [ … ]}');
		}
		$n = count($body['items']);
		if ($n < 1 || $n > 100) {
			throw ApiError::validation(array('items' => '1 to 100 items'));
		}
		if (isset($body['assume_changed']) && !is_bool($body['assume_changed'])) {
			throw ApiError::validation(array('assume_changed' => 'must be true or false'));
		}
		$assume = !empty($body['assume_changed']);
		$results = array();
		list($planned, $later) = $this->planBatch($body['items'], $results);
		if ($planned) {
			foreach ($this->writeBatchOrOneByOne($planned, $assume) as $i => $r) {
				$results[$i] = $r;
			}
		}
		// a second item with the 1C id of a product created in this batch: planned again now that the product exists
		foreach ($later as $i => $item) {
			$results[$i] = $this->itemResult($i, function () use ($item, $assume) {
				return $this->writePlannedProduct($this->planProductItem($item), $assume);
			});
		}
		$this->ctx->clearCache('product');
		ksort($results);
		return array('results' => array_values($results));
	}

	/** @return array [planned items by index, items to plan after the batch by index]; refusals go to $results */
	private function planBatch(array $items, array &$results) {
		$planned = array();
		$later = array();
		$creating = array();
		$this->preload = Preload::forProducts($this->db, $items);
		try {
			foreach ($items as $i => $item) {
				$r = $this->itemResult($i, function () use ($item) {
					if (!Json::isObject($item)) {
						throw new ApiError('bad_request', 'Item must be an object');
					}
					return $this->planProductItem($item);
				});
				if (isset($r['error'])) {
					$results[$i] = $r;
					continue;
				}
				$ext = $r['product_id'] === null ? self::externalIdOf($r['plan']) : null;
				if ($ext !== null && isset($creating[$ext])) {
					$later[$i] = $item;
					continue;
				}
				if ($ext !== null) {
					$creating[$ext] = true;
				}
				$r['had_options'] = $r['product_id'] === null ? false : $this->preload->hasOptions($r['product_id']);
				$planned[$i] = $r;
			}
		} finally {
			$this->preload = null; // the writes change what it holds
		}
		return array($planned, $later);
	}

	/** $fn's result, or the item's error result (a refusal, or an internal error with its cause). */
	private function itemResult($i, $fn) {
		try {
			return $fn();
		} catch (ApiError $e) {
			Log::answered('products.upsert item ' . $i, $e);
			return array('index' => $i, 'error' => $e->toArray());
		} catch (\Throwable $e) {
			return array('index' => $i, 'error' => Router::internal($e, 'products.upsert item ' . $i)->toArray());
		}
	}

	private function writeBatchOrOneByOne(array $planned, $assume) {
		try {
			$self = $this;
			$written = $this->db->transaction(function () use ($self, $planned, $assume) {
				return $self->writeBatch($planned, $assume);
			});
		} catch (\Throwable $e) {
			if (LockConflict::errnoOf($e) !== null || !$this->db->transactional()) {
				$error = Router::internal($e, 'products.upsert')->toArray();
				return array_map(function ($i) use ($error) {
					return array('index' => $i, 'error' => $error);
				}, array_combine(array_keys($planned), array_keys($planned)));
			}
			Log::error('products.upsert: the batch of ' . count($planned) . ' was rolled back (' . Log::clean($e->getMessage()) . '); writing its items one by one');
			$written = array();
			foreach ($planned as $i => $x) {
				$written[$i] = $this->itemResult($i, function () use ($x, $assume) {
					return $this->writePlannedProduct($x, $assume);
				});
			}
		}
		$out = array();
		foreach ($written as $i => $r) {
			$out[$i] = isset($r['error']) ? $r : array('index' => $i, 'product_id' => $r['product_id'], 'created' => $r['created']);
		}
		return $out;
	}

	/** Writes planned items (inside the caller's transaction). Public for the closure. @return array index => result */
	public function writeBatch(array $planned, $assume) {
		$creates = array();
		$newOptions = array();
		$out = array();
		foreach ($planned as $i => $x) {
			if ($x['product_id'] === null) {
				$creates[$i] = $x;
			} elseif ($assume && $x['had_options'] === false && !empty($x['plan']['options'])) {
				// options for a product that has none yet (the first offers of a new product): with the set
				$newOptions[(int)$x['product_id']] = $x['plan']['options'];
				unset($x['plan']['options']);
				$out[$i] = $this->writePlannedProduct($x, true);
			} else {
				$out[$i] = $this->writePlannedProduct($x, $assume);
			}
		}
		if ($creates) {
			$out += $this->createProducts($creates, $newOptions);
		}
		if ($newOptions) {
			$this->insertOptions($newOptions);
		}
		return $out;
	}

	/** New products as a set; their options are added to $options (product_id => planned options). */
	private function createProducts(array $creates, array &$options) {
		$reserve = array();
		$rows = array();
		$defaults = $this->productDefaults();
		foreach ($creates as $x) {
			$ext = self::externalIdOf($x['plan']);
			if ($ext !== null) {
				$reserve[] = array($ext, 0, null); // before the rows, as writeProduct does (see there)
			}
			$rows[] = $this->productFields($x['plan']) + $defaults;
		}
		$this->linkSetMany('product', $reserve);
		$pids = array_combine(array_keys($creates), $this->insertReturningIds('product', $rows));
		$this->linkDeleteForIds('product', array_values($pids)); // stale links of deleted rows whose ids came back
		$links = array();
		$children = array();
		foreach ($creates as $i => $x) {
			$ext = self::externalIdOf($x['plan']);
			if ($ext !== null) {
				$links[] = array($ext, $pids[$i], null);
			}
			foreach ($this->creationRows($x['plan'], $pids[$i]) as $table => $tableRows) {
				foreach ($tableRows as $r) {
					$children[$table][] = $r;
				}
			}
			if (!empty($x['plan']['options'])) {
				$options[$pids[$i]] = $x['plan']['options'];
			}
		}
		$this->linkSetMany('product', $links);
		foreach ($children as $table => $tableRows) {
			$this->schema->insertMany($table, $tableRows);
		}
		$out = array();
		foreach ($creates as $i => $x) {
			$this->writeSeo($x['plan'], $pids[$i]);
			$out[$i] = array('product_id' => $pids[$i], 'created' => true);
		}
		return $out;
	}

	/** Options of products that have none yet: product_id => planned options (option_id => …). */
	private function insertOptions(array $byProduct) {
		$poRows = array();
		$poKeys = array();
		foreach ($byProduct as $pid => $options) {
			foreach ($options as $oid => $o) {
				$poRows[] = array('product_id' => (int)$pid, 'option_id' => (int)$oid, 'required' => $o['required'] ? 1 : 0, 'value' => Text::toDb($o['value']));
				$poKeys[] = array($pid, $oid);
			}
		}
		$poIds = $this->insertReturningIds('product_option', $poRows);
		$povRows = array();
		$povValues = array();
		foreach ($poKeys as $k => $key) {
			list($pid, $oid) = $key;
			foreach ($byProduct[$pid][$oid]['values'] as $vid => $val) {
				$povRows[] = $this->optionValueFields($val) + array('product_option_id' => $poIds[$k], 'product_id' => (int)$pid, 'option_id' => (int)$oid, 'option_value_id' => (int)$vid);
				$povValues[] = $val;
			}
		}
		$povIds = $this->insertReturningIds('product_option_value', $povRows);
		$this->linkDeleteForIds('product_option_value', $povIds);
		$links = array();
		foreach ($povValues as $k => $val) {
			if ($val['external_id'] !== null) {
				$links[] = array($val['external_id'], $povIds[$k], ($val['sku'] === null || $val['sku'] === '') ? null : $val['sku']);
			}
		}
		$this->linkSetMany('product_option_value', $links);
	}

	/** One multi-row INSERT when the ids it hands out are consecutive (Db::consecutiveAutoIds), else row by row. */
	private function insertReturningIds($table, array $rows) {
		if (!$rows) {
			return array();
		}
		if (count($rows) === 1 || !$this->db->consecutiveAutoIds()) {
			$ids = array();
			foreach ($rows as $r) {
				$ids[] = (int)$this->schema->insert($table, $r);
			}
			return $ids;
		}
		$this->schema->insertMany($table, $rows);
		$first = (int)$this->db->lastId();
		if ($first < 1 || $this->db->affected() !== count($rows)) {
			throw new \RuntimeException('multi-row INSERT into ' . $table . ' reported ' . $this->db->affected() . ' rows from id ' . $first . ', expected ' . count($rows));
		}
		return range($first, $first + count($rows) - 1);
	}
}
