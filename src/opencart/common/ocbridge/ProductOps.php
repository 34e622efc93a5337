<?php
namespace OcBridge;

/** product.get, product.list, product.upsert, products.upsert, products.stock_price, image.put */
trait ProductOps {
	private static $CODE_NAMES = array('sku' => 'SKU', 'upc' => 'UPC', 'ean' => 'EAN', 'jan' => 'JAN', 'isbn' => 'ISBN', 'mpn' => 'MPN');

	// ------------------------------------------------------------------ lookup

	/** Product ids matching one key. @return int[] */
	protected function findProducts($by, $value) {
		$p = $this->db->t('product');
		switch ($by) {
			case 'product_id':
				return array_map('intval', $this->db->column('SELECT `product_id` FROM ' . $p . " WHERE `product_id` = '" . (int)$value . "'"));
			case 'external_id':
				$id = $this->linkFind('product', (string)$value);
				if ($id !== null && $this->exists('product', 'product_id', $id)) {
					return array($id);
				}
				return array();
			case 'model':
				return array_map('intval', $this->db->column('SELECT `product_id` FROM ' . $p . ' WHERE `model` = ' . $this->db->q(Text::toDb($value)) . ' ORDER BY `product_id`'));
			case 'sku':
				if ($this->schema->productCodes()) {
					return array_map('intval', $this->db->column('SELECT DISTINCT pc.`product_id` FROM ' . $this->db->t('product_code') . ' pc JOIN ' . $p . " p ON (p.`product_id` = pc.`product_id`) WHERE pc.`code` = 'SKU' AND pc.`value` = " . $this->db->q(Text::toDb($value)) . ' ORDER BY pc.`product_id`'));
				}
				return array_map('intval', $this->db->column('SELECT `product_id` FROM ' . $p . ' WHERE `sku` = ' . $this->db->q(Text::toDb($value)) . ' ORDER BY `product_id`'));
		}
		return array();
	}

	/** One product id or null; 409 ambiguous when several match. */
	protected function findOneProduct($by, $value) {
		$ids = $this->findProducts($by, $value);
		if (count($ids) > 1) {
			throw ApiError::ambiguous($ids, count($ids) . ' products have ' . $by . ' ' . $value);
		}
		return $ids ? $ids[0] : null;
	}

	/** @return array product_id => [lower code => value] */
	protected function productCodesOf(array $ids) {
		$out = array();
		if (!$ids || !$this->schema->productCodes()) {
			return $out;
		}
		$rows = $this->db->rows('SELECT `product_id`, `code`, `value` FROM ' . $this->db->t('product_code') . ' WHERE `product_id` IN ' . $this->db->inList(array_map('intval', $ids)) . ' ORDER BY `product_code_id`');
		foreach ($rows as $r) {
			$c = strtolower($r['code']);
			if (!isset($out[(int)$r['product_id']][$c])) {
				$out[(int)$r['product_id']][$c] = $r['value'];
			}
		}
		return $out;
	}

	// ------------------------------------------------------------------ product.get

	public function productGet($query, $body) {
		$keys = array();
		foreach (array('product_id', 'external_id', 'sku', 'model') as $k) {
			if (isset($query[$k]) && $query[$k] !== '') {
				$keys[$k] = $query[$k];
			}
		}
		if (count($keys) !== 1) {
			throw ApiError::validation(array('query' => 'exactly one of product_id, external_id, sku, model'), 'Exactly one lookup key is required');
		}
		$by = key($keys);
		$value = current($keys);
		if (!is_string($value)) {
			throw ApiError::validation(array($by => 'must be a single value'));
		}
		if ($by === 'product_id' && Validator::toInt($value) === null) {
			throw ApiError::validation(array('product_id' => 'must be an integer'));
		}
		$id = $this->findOneProduct($by, $value);
		if ($id === null) {
			throw new ApiError('not_found', 'Product not found');
		}
		return $this->readProduct($id);
	}

	public function readProduct($id) {
		$row = $this->db->row('SELECT * FROM ' . $this->db->t('product') . " WHERE `product_id` = '" . (int)$id . "'");
		if (!$row) {
			throw new ApiError('not_found', 'Product not found');
		}
		$codes = $this->productCodesOf(array($id));
		$tz = $this->ctx->timezone();
		$out = Mapper::productScalars($row, isset($codes[$id]) ? $codes[$id] : array(), $tz);
		$ext = $this->linkExternal('product', array($id));
		$out = array('product_id' => $out['product_id'], 'external_id' => isset($ext[$id]) ? $ext[$id] : null) + $out;

		$manufacturerId = (int)$row['manufacturer_id'];
		$mext = $this->linkExternal('manufacturer', array($manufacturerId));
		$out['manufacturer'] = $manufacturerId ? array('manufacturer_id' => $manufacturerId, 'external_id' => isset($mext[$manufacturerId]) ? $mext[$manufacturerId] : null) : null;

		$catIds = array_map('intval', $this->db->column('SELECT `category_id` FROM ' . $this->db->t('product_to_category') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `category_id`"));
		$cext = $this->linkExternal('category', $catIds);
		$out['categories'] = array();
		foreach ($catIds as $c) {
			$out['categories'][] = array('category_id' => $c, 'external_id' => isset($cext[$c]) ? $cext[$c] : null);
		}
		$out['store_ids'] = array_map('intval', $this->db->column('SELECT `store_id` FROM ' . $this->db->t('product_to_store') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `store_id`"));

		$out['images'] = array();
		foreach ($this->db->rows('SELECT `image`, `sort_order` FROM ' . $this->db->t('product_image') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `sort_order`, `product_image_id`") as $r) {
			$out['images'][] = array('path' => Text::fromDb($r['image']), 'sort_order' => (int)$r['sort_order']);
		}

		$out['descriptions'] = array();
		foreach ($this->db->rows('SELECT * FROM ' . $this->db->t('product_description') . " WHERE `product_id` = '" . (int)$id . "'") as $r) {
			$code = $this->ctx->languageCode($r['language_id']);
			if ($code === null) {
				continue;
			}
			$d = array();
			foreach (array('name', 'description', 'meta_title', 'meta_description', 'meta_keyword', 'tag') as $f) {
				if (array_key_exists($f, $r)) {
					$d[$f] = Text::fromDb($r[$f]);
				}
			}
			$out['descriptions'][$code] = $d;
		}
		$out['descriptions'] = Json::obj($out['descriptions']);

		$attrs = array();
		foreach ($this->db->rows('SELECT `attribute_id`, `language_id`, `text` FROM ' . $this->db->t('product_attribute') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `attribute_id`") as $r) {
			$code = $this->ctx->languageCode($r['language_id']);
			if ($code !== null) {
				$attrs[(int)$r['attribute_id']][$code] = Text::fromDb($r['text']);
			}
		}
		$aext = $this->linkExternal('attribute', array_keys($attrs));
		$out['attributes'] = array();
		foreach ($attrs as $aid => $texts) {
			$out['attributes'][] = array('attribute' => array('attribute_id' => $aid, 'external_id' => isset($aext[$aid]) ? $aext[$aid] : null), 'texts' => $texts);
		}

		$out['options'] = $this->readProductOptions($id);
		$out['specials'] = array();
		$out['discounts'] = array();
		$dateOrNull = function ($d) {
			return ($d === null || strpos($d, '0000') === 0) ? null : $d;
		};
		if ($this->schema->specialTable()) {
			foreach ($this->db->rows('SELECT * FROM ' . $this->db->t('product_special') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `priority`, `price`") as $r) {
				$out['specials'][] = array('customer_group_id' => (int)$r['customer_group_id'], 'price' => Text::money($r['price']), 'priority' => (int)$r['priority'], 'date_start' => $dateOrNull($r['date_start']), 'date_end' => $dateOrNull($r['date_end']));
			}
		}
		foreach ($this->db->rows('SELECT * FROM ' . $this->db->t('product_discount') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `quantity`, `priority`, `price`") as $r) {
			$row = array('customer_group_id' => (int)$r['customer_group_id'], 'quantity' => (int)$r['quantity'], 'price' => Text::money($r['price']), 'priority' => (int)$r['priority'], 'date_start' => $dateOrNull($r['date_start']), 'date_end' => $dateOrNull($r['date_end']));
			if (isset($r['type'])) {
				$row['type'] = $r['type'];
			}
			if (!empty($r['special'])) {
				unset($row['quantity']);
				$out['specials'][] = $row;
			} else {
				$out['discounts'][] = $row;
			}
		}
		$out['seo_keywords'] = Json::obj($this->seoRead('product_id', $id));
		return $out;
	}

	protected function readProductOptions($id) {
		$pos = $this->db->rows('SELECT po.*, o.`type` FROM ' . $this->db->t('product_option') . ' po LEFT JOIN ' . $this->db->t('option') . " o ON (o.`option_id` = po.`option_id`) WHERE po.`product_id` = '" . (int)$id . "' ORDER BY po.`product_option_id`");
		$povs = $this->db->rows('SELECT * FROM ' . $this->db->t('product_option_value') . " WHERE `product_id` = '" . (int)$id . "' ORDER BY `product_option_value_id`");
		$optIds = array();
		$valIds = array();
		$povIds = array();
		foreach ($pos as $r) {
			$optIds[] = (int)$r['option_id'];
		}
		foreach ($povs as $r) {
			$valIds[] = (int)$r['option_value_id'];
			$povIds[] = (int)$r['product_option_value_id'];
		}
		$oext = $this->linkExternal('option', $optIds);
		$vext = $this->linkExternal('option_value', $valIds);
		$povLinks = $this->linkRows('product_option_value', $povIds);
		$out = array();
		foreach ($pos as $po) {
			$oid = (int)$po['option_id'];
			$values = array();
			foreach ($povs as $v) {
				if ($v['product_option_id'] != $po['product_option_id']) {
					continue;
				}
				$vid = (int)$v['option_value_id'];
				$pvid = (int)$v['product_option_value_id'];
				$values[] = array(
					'product_option_value_id' => $pvid,
					'option_value_id'         => $vid,
					'option_value'            => array('option_value_id' => $vid, 'external_id' => isset($vext[$vid]) ? $vext[$vid] : null),
					'external_id'             => isset($povLinks[$pvid]) ? $povLinks[$pvid]['external_id'] : null,
					'sku'                     => isset($povLinks[$pvid]) ? $povLinks[$pvid]['sku'] : null,
					'quantity'                => (int)$v['quantity'],
					'subtract'                => (bool)(int)$v['subtract'],
					'price'                   => Text::money($v['price']),
					'price_prefix'            => isset($v['price_prefix']) ? $v['price_prefix'] : '+',
					'points'                  => (int)$v['points'],
					'points_prefix'           => isset($v['points_prefix']) ? $v['points_prefix'] : '+',
					'weight'                  => Text::decimal((string)$v['weight'], 8, true),
					'weight_prefix'           => isset($v['weight_prefix']) ? $v['weight_prefix'] : '+',
				);
			}
			$out[] = array(
				'product_option_id' => (int)$po['product_option_id'],
				'option_id'         => $oid,
				'option'            => array('option_id' => $oid, 'external_id' => isset($oext[$oid]) ? $oext[$oid] : null),
				'type'              => (string)$po['type'],
				'required'          => (bool)(int)$po['required'],
				'value'             => Text::fromDb($po['value']),
				'values'            => $values,
			);
		}
		return $out;
	}

	// ------------------------------------------------------------------ product.list

	public function productList($query, $body) {
		$v = new Validator();
		list($limit, $page) = $v->paging($query, 100, 500);
		$from = $v->isoParam($query, 'modified_from', $this->ctx->timezone());
		$status = null;
		if (isset($query['status']) && $query['status'] !== '') {
			$b = Validator::toBool($query['status']);
			if ($b === null) {
				$v->fail('status', 'must be 0 or 1');
			}
			$status = $b;
		}
		$v->throwIfErrors();
		$where = array('1');
		if ($from !== null) {
			$where[] = '`date_modified` >= ' . $this->db->q($from);
		}
		if ($status !== null) {
			$where[] = "`status` = '" . ($status ? 1 : 0) . "'";
		}
		$w = implode(' AND ', $where);
		$total = (int)$this->db->value('SELECT COUNT(*) FROM ' . $this->db->t('product') . ' WHERE ' . $w, 0);
		$rows = $this->db->rows('SELECT * FROM ' . $this->db->t('product') . ' WHERE ' . $w . ' ORDER BY `date_modified`, `product_id` LIMIT ' . (int)(($page - 1) * $limit) . ', ' . (int)$limit);
		$ids = array();
		foreach ($rows as $r) {
			$ids[] = (int)$r['product_id'];
		}
		$ext = $this->linkExternal('product', $ids);
		$codes = $this->productCodesOf($ids);
		$items = array();
		foreach ($rows as $r) {
			$id = (int)$r['product_id'];
			$sku = isset($codes[$id]['sku']) ? $codes[$id]['sku'] : (isset($r['sku']) ? $r['sku'] : '');
			$items[] = Mapper::productSummary($r, isset($ext[$id]) ? $ext[$id] : null, $sku, $this->ctx->timezone());
		}
		return array('items' => $items, 'total' => $total, 'page' => $page, 'limit' => $limit);
	}

	// ------------------------------------------------------------------ product.upsert

	public function productUpsert($query, $body) {
		$r = $this->upsertProductItem($body);
		$this->ctx->clearCache('product');
		return $r;
	}

	/**
	 * One product write (validate → resolve → write in a transaction).
	 * @return array ['product_id' => int, 'created' => bool]
	 */
	protected function upsertProductItem(array $body) {
		return $this->writePlannedProduct($this->planProductItem($body), false);
	}

	/**
	 * Validates one item and resolves everything it refers to; nothing is written. Errors are thrown (ApiError).
	 * @return array ['plan' => …, 'product_id' => int|null (null: to be created)]
	 */
	protected function planProductItem(array $body) {
		$v = new Validator();
		$match = $v->match(isset($body['match']) ? $body['match'] : null, 'match', Validator::PRODUCT_MATCH);
		$create = $v->createIfMissing($body);
		$p = null;
		if (!isset($body['product'])) {
			$v->fail('product', 'required');
		} else {
			$p = $v->productWrite($body['product'], $this->schema->seoKeyValue());
		}
		$v->throwIfErrors('Invalid product');

		$productId = $this->findOneProduct($match['by'], $match['value']);
		if ($productId === null && (!$create || $match['by'] === 'product_id')) {
			throw new ApiError('not_found', 'Product not found');
		}
		$creating = $productId === null;
		if ($creating) {
			if (in_array($match['by'], array('sku', 'model', 'external_id'), true) && !array_key_exists($match['by'], $p)) {
				$p[$match['by']] = $match['value'];
			}
			if (!isset($p['model']) || $p['model'] === '') {
				$v->fail('model', 'required when creating a product');
			}
			$hasName = false;
			foreach (isset($p['descriptions']) ? $p['descriptions'] : array() as $d) {
				if (isset($d['name']) && $d['name'] !== '') {
					$hasName = true;
				}
			}
			if (!$hasName) {
				$v->fail('descriptions', 'a name in at least one language is required when creating a product');
			}
		}
		$plan = $this->planProduct($p, $productId, $v);
		if ($match['by'] === 'external_id' && !isset($plan['link']) && $productId === null) { // (found by it: linked already)
			$plan['link_match'] = $match['value'];
		}
		$v->throwIfErrors('Invalid product');
		return array('plan' => $plan, 'product_id' => $productId);
	}

	/**
	 * Writes one planned item in its own transaction (joins the caller's when there is one). Unless the caller
	 * said it knows the product changed ($assumeChanged), the product is read before and after, and an update that
	 * changed nothing keeps its date_modified, so a repeated import is a true no-op.
	 */
	protected function writePlannedProduct(array $planned, $assumeChanged) {
		$self = $this;
		$plan = $planned['plan'];
		$productId = $planned['product_id'];
		$id = $this->db->transaction(function () use ($self, $plan, $productId, $assumeChanged) {
			$before = ($productId && !$assumeChanged) ? $self->productFingerprint($productId) : null;
			$id = $self->writeProduct($plan, $productId);
			if ($before !== null && $before[1] === $self->productFingerprint($id)[1]) {
				$self->restoreDateModified($id, $before[0]);
			}
			return $id;
		});
		return array('product_id' => $id, 'created' => $productId === null);
	}

	/** [raw date_modified, hash of the whole readable product without date_modified]. Public for closures. */
	public function productFingerprint($id) {
		$raw = $this->db->value('SELECT `date_modified` FROM ' . $this->db->t('product') . " WHERE `product_id` = '" . (int)$id . "'");
		$p = $this->readProduct($id);
		unset($p['date_modified']);
		return array($raw, md5(serialize($p)));
	}

	public function restoreDateModified($id, $raw) {
		$this->db->update('product', array('date_modified' => $raw), "`product_id` = '" . (int)$id . "'");
	}

	/** @return int[] languages the product has a description in */
	protected function descriptionLanguages($productId) {
		if ($this->preload) {
			list($known, $langs) = $this->preload->descriptionLanguages($productId);
			if ($known) {
				return $langs;
			}
		}
		return array_map('intval', $this->db->column('SELECT `language_id` FROM ' . $this->db->t('product_description') . " WHERE `product_id` = '" . (int)$productId . "'"));
	}

	/** The option an option value belongs to (0: no such value). */
	protected function optionOfValue($valueId) {
		if ($this->preload) {
			list($known, $optionId) = $this->preload->optionOf($valueId);
			if ($known) {
				return $optionId;
			}
		}
		return (int)$this->db->value('SELECT `option_id` FROM ' . $this->db->t('option_value') . " WHERE `option_value_id` = '" . (int)$valueId . "'", 0);
	}

	/** Resolve references and check everything that needs the DB; errors go to $v. */
	protected function planProduct(array $p, $productId, Validator $v) {
		$plan = array('p' => $p);
		if (array_key_exists('external_id', $p)) {
			if ($p['external_id'] === null) {
				$plan['unlink'] = true;
			} else {
				$other = $this->linkFind('product', $p['external_id']);
				if ($other !== null && $other !== $productId && $this->exists('product', 'product_id', $other)) {
					$v->fail('external_id', 'already linked to product ' . $other);
				}
				if ($productId === null || $other !== $productId) {
					// (already linked to this product: the write that linked it removed its other links)
					$plan['link'] = $p['external_id'];
				}
			}
		}
		if (array_key_exists('manufacturer', $p)) {
			$plan['manufacturer_id'] = $p['manufacturer'] === null ? 0
				: (isset($p['manufacturer']['id']) && $p['manufacturer']['id'] === 0 ? 0 : $this->resolveRef($p['manufacturer'], 'manufacturer', 'manufacturer', 'manufacturer_id', $v, 'manufacturer'));
		}
		if (isset($p['categories'])) {
			$plan['category_ids'] = array();
			foreach ($p['categories'] as $i => $ref) {
				$id = $this->resolveRef($ref, 'category', 'category', 'category_id', $v, 'categories.' . $i);
				if ($id) {
					$plan['category_ids'][$id] = $id;
				}
			}
		}
		if (isset($p['store_ids'])) {
			$this->checkStores($p['store_ids'], $v, 'store_ids');
		}
		if (isset($p['descriptions'])) {
			$langIds = $this->languageIds($p['descriptions'], $v, 'descriptions');
			$existing = $productId ? $this->descriptionLanguages($productId) : array();
			$plan['descriptions'] = array();
			foreach ($p['descriptions'] as $code => $d) {
				if (!isset($langIds[$code])) {
					continue;
				}
				if (!in_array($langIds[$code], $existing, true) && (!isset($d['name']) || $d['name'] === '') && $productId) {
					$v->fail('descriptions.' . $code . '.name', 'required for a language the product has no description in yet');
				}
				$plan['descriptions'][$langIds[$code]] = array('row' => $d, 'exists' => in_array($langIds[$code], $existing, true));
			}
		}
		if (isset($p['attributes'])) {
			$plan['attributes'] = array();
			foreach ($p['attributes'] as $a) {
				$aid = $this->resolveRef($a['attribute'], 'attribute', 'attribute', 'attribute_id', $v, $a['path'] . '.attribute');
				$texts = array();
				foreach ($this->languageIds($a['texts'], $v, $a['path'] . '.texts') as $code => $lid) {
					$texts[$lid] = $a['texts'][$code];
				}
				if ($aid) {
					$plan['attributes'][$aid] = $texts;
				}
			}
		}
		if (isset($p['options'])) {
			$plan['options'] = array();
			foreach ($p['options'] as $o) {
				$oid = $this->resolveRef($o['option'], 'option', 'option', 'option_id', $v, $o['path'] . '.option');
				if (!$oid) {
					continue;
				}
				if (isset($plan['options'][$oid])) {
					$v->fail($o['path'] . '.option', 'option listed twice');
					continue;
				}
				$values = array();
				foreach ($o['values'] as $val) {
					$vid = $this->resolveRef($val['option_value'], 'option_value', 'option_value', 'option_value_id', $v, $val['path'] . '.option_value');
					if (!$vid) {
						continue;
					}
					$belongs = $this->optionOfValue($vid);
					if ($belongs !== $oid) {
						$v->fail($val['path'] . '.option_value', 'belongs to option ' . $belongs . ', not ' . $oid);
						continue;
					}
					if (isset($values[$vid])) {
						$v->fail($val['path'] . '.option_value', 'option value listed twice');
						continue;
					}
					if ($val['sku'] !== null && $val['sku'] !== '' && $val['external_id'] === null) {
						$v->fail($val['path'] . '.sku', 'needs external_id (the characteristic SKU is kept in the link table)');
					}
					$values[$vid] = $val;
				}
				$plan['options'][$oid] = array('required' => (bool)$o['required'], 'value' => (string)$o['value'], 'values' => $values);
			}
		}
		foreach (array('specials', 'discounts') as $k) {
			if (isset($p[$k])) {
				foreach ($p[$k] as $i => $row) {
					if ($row['customer_group_id'] && !$this->exists('customer_group', 'customer_group_id', $row['customer_group_id'])) {
						$v->fail($k . '.' . $i . '.customer_group_id', 'unknown customer_group_id ' . $row['customer_group_id']);
					}
				}
			}
		}
		if (isset($p['seo_keywords'])) {
			$plan['seo'] = $this->seoPlan($p['seo_keywords'], 'product_id', $productId, $v, 'seo_keywords');
		}
		return $plan;
	}

	/** Write a planned product (inside a transaction). Public for the closure. */
	public function writeProduct(array $plan, $productId) {
		$fields = $this->productFields($plan);
		if ($productId === null) {
			$external = self::externalIdOf($plan);
			if ($external !== null) {
				// Reserve the 1C id before the first row is written, so that a lock conflict on the link table comes
				// before anything else: on 3.x (MyISAM, no rollback) a request answered busy there has written nothing,
				// and its retry cannot create the product a second time. The link is pointed at the new row just below.
				$this->linkSet('product', $external, 0);
			}
			$pid = (int)$this->schema->insert('product', $fields + $this->productDefaults());
			// a stale link of a deleted product whose id the database handed out again must not point here
			$this->linkDeleteFor('product', $pid, $external);
			if ($external !== null) {
				$this->linkSet('product', $external, $pid);
			}
			foreach ($this->creationRows($plan, $pid) as $table => $rows) {
				$this->schema->insertMany($table, $rows);
			}
			if (isset($plan['options'])) {
				$this->writeProductOptions($pid, $plan['options']);
			}
			$this->writeSeo($plan, $pid);
			return $pid;
		}
		$fields['date_modified'] = self::now();
		$this->db->update('product', $fields, "`product_id` = '" . (int)$productId . "'");
		$pid = (int)$productId;
		$where = "`product_id` = '" . $pid . "'";

		// The link right after the product row: on 3.x (MyISAM, no rollback) a request cut short after this point
		// leaves a product the next import finds by its 1C id and completes.
		if (!empty($plan['unlink'])) {
			$this->linkDeleteFor('product', $pid);
		}
		if (isset($plan['link'])) {
			$this->linkDeleteFor('product', $pid, $plan['link']);
			$this->linkSet('product', $plan['link'], $pid);
		} elseif (isset($plan['link_match'])) {
			$this->linkSet('product', $plan['link_match'], $pid);
		}
		if (isset($plan['descriptions'])) {
			foreach ($plan['descriptions'] as $lid => $d) {
				$row = $this->schema->only('product_description', self::toDbRow($d['row']));
				if ($d['exists']) {
					$this->db->update('product_description', $row, $where . " AND `language_id` = '" . (int)$lid . "'");
				} else {
					$this->schema->insert('product_description', $row + array('product_id' => $pid, 'language_id' => (int)$lid, 'meta_title' => $row['name']));
				}
			}
		}
		foreach ($this->sections($plan, false) as $s) {
			$this->replaceRows($s['table'], $where . $s['where'], $s['rows'], $s['columns'], array('product_id' => $pid));
		}
		if (isset($plan['options'])) {
			$this->writeProductOptions($pid, $plan['options']);
		}
		$this->writeSeo($plan, $pid);
		return $pid;
	}

	/** The 1C id a new product is linked to, or null. */
	protected static function externalIdOf(array $plan) {
		return isset($plan['link']) ? $plan['link'] : (isset($plan['link_match']) ? $plan['link_match'] : null);
	}

	/** The product row's columns the item sets (no defaults). */
	protected function productFields(array $plan) {
		$p = $plan['p'];
		$fields = array();
		foreach (array('model', 'location', 'image') as $f) {
			if (array_key_exists($f, $p)) {
				$fields[$f] = Text::toDb($p[$f]);
			}
		}
		foreach (array('quantity', 'minimum', 'points', 'sort_order', 'stock_status_id', 'tax_class_id', 'weight_class_id', 'length_class_id') as $f) {
			if (array_key_exists($f, $p)) {
				$fields[$f] = (int)$p[$f];
			}
		}
		foreach (array('price', 'weight', 'length', 'width', 'height') as $f) {
			if (array_key_exists($f, $p)) {
				$fields[$f] = $p[$f];
			}
		}
		foreach (array('status', 'subtract', 'shipping') as $f) {
			if (array_key_exists($f, $p)) {
				$fields[$f] = $p[$f] ? 1 : 0;
			}
		}
		if (array_key_exists('date_available', $p)) {
			$fields['date_available'] = $p['date_available'] === null ? date('Y-m-d') : $p['date_available'];
		}
		if (array_key_exists('manufacturer_id', $plan)) {
			$fields['manufacturer_id'] = (int)$plan['manufacturer_id'];
		}
		if (!$this->schema->productCodes()) {
			foreach (self::$CODE_NAMES as $c => $unused) {
				if (array_key_exists($c, $p)) {
					$fields[$c] = Text::toDb($p[$c]);
				}
			}
		}
		return $this->schema->only('product', $fields);
	}

	/** What a new product row gets for the columns the item leaves out. */
	protected function productDefaults() {
		return array(
			'quantity' => 0, 'minimum' => 1, 'subtract' => 1, 'shipping' => 1, 'status' => 1, 'price' => '0.0000',
			'stock_status_id' => (int)$this->ctx->setting('stock_status_id'), 'weight_class_id' => (int)$this->ctx->setting('weight_class_id'),
			'length_class_id' => (int)$this->ctx->setting('length_class_id'), 'date_available' => date('Y-m-d'),
			'master_id' => 0, 'variant' => '', 'override' => '', 'date_added' => self::now(), 'date_modified' => self::now(),
		);
	}

	/** Rows of every child table a new product gets (no options, no SEO): table => rows, each with product_id. */
	protected function creationRows(array $plan, $pid) {
		$out = array();
		if (isset($plan['descriptions'])) {
			$plain = array();
			foreach ($plan['descriptions'] as $lid => $d) {
				$plain[$lid] = self::toDbRow($d['row']);
			}
			foreach ($this->fillLanguages($plain) as $lid => $row) {
				$out['product_description'][] = $row + array('product_id' => $pid, 'language_id' => $lid, 'meta_title' => isset($row['name']) ? $row['name'] : '');
			}
		}
		foreach ($this->sections($plan, true) as $s) {
			foreach ($s['rows'] as $r) {
				$out[$s['table']][] = $r + array('product_id' => $pid);
			}
		}
		return $out;
	}

	/**
	 * The child-table sections the item sends: each ['table', 'where' (an extra condition of the section's rows),
	 * 'rows' (without product_id), 'columns' (compared when updating)]. A new product always gets its stores.
	 */
	protected function sections(array $plan, $creating) {
		$p = $plan['p'];
		$out = array();
		if ($this->schema->productCodes()) {
			foreach (self::$CODE_NAMES as $c => $CODE) {
				if (array_key_exists($c, $p) && (!$creating || $p[$c] !== '')) {
					$out[] = self::section('product_code', " AND `code` = '" . $CODE . "'",
						$p[$c] === '' ? array() : array(array('code' => $CODE, 'value' => Text::toDb($p[$c]))), array('code', 'value'));
				}
			}
		}
		if (isset($plan['category_ids'])) {
			$out[] = self::section('product_to_category', '', array_map(function ($cid) {
				return array('category_id' => (int)$cid);
			}, array_values($plan['category_ids'])), array('category_id'));
		}
		$storeIds = isset($p['store_ids']) ? $p['store_ids'] : ($creating ? array(0) : null);
		if ($storeIds !== null) {
			$out[] = self::section('product_to_store', '', array_map(function ($sid) {
				return array('store_id' => (int)$sid);
			}, $storeIds), array('store_id'));
		}
		if (isset($p['images'])) {
			$out[] = self::section('product_image', '', array_map(function ($img) {
				return array('image' => Text::toDb($img['path']), 'sort_order' => (int)$img['sort_order']);
			}, $p['images']), array('image', 'sort_order'));
		}
		if (isset($plan['attributes'])) {
			$rows = array();
			foreach ($plan['attributes'] as $aid => $texts) {
				foreach ($this->fillLanguages($texts) as $lid => $text) {
					$rows[] = array('attribute_id' => (int)$aid, 'language_id' => (int)$lid, 'text' => Text::toDb($text));
				}
			}
			$out[] = self::section('product_attribute', '', $rows, array('attribute_id', 'language_id', 'text'));
		}
		$dateOr0 = function ($d) {
			return $d === null ? '0000-00-00' : $d;
		};
		if (isset($p['specials'])) {
			$rows = array();
			foreach ($p['specials'] as $s) {
				$row = array('customer_group_id' => $s['customer_group_id'], 'priority' => $s['priority'], 'price' => $s['price'],
					'date_start' => $dateOr0($s['date_start']), 'date_end' => $dateOr0($s['date_end']));
				$rows[] = $this->schema->specialTable() ? $row : $row + array('quantity' => 1, 'type' => $s['type'], 'special' => 1);
			}
			$out[] = $this->schema->specialTable()
				? self::section('product_special', '', $rows, array('customer_group_id', 'priority', 'price', 'date_start', 'date_end'))
				: self::section('product_discount', " AND `special` = '1'", $rows, array('customer_group_id', 'quantity', 'priority', 'price', 'type', 'special', 'date_start', 'date_end'));
		}
		if (isset($p['discounts'])) {
			$rows = array();
			foreach ($p['discounts'] as $s) {
				$rows[] = $this->schema->only('product_discount', array('customer_group_id' => $s['customer_group_id'], 'quantity' => $s['quantity'], 'priority' => $s['priority'], 'price' => $s['price'],
					'type' => $s['type'], 'special' => 0, 'date_start' => $dateOr0($s['date_start']), 'date_end' => $dateOr0($s['date_end'])));
			}
			$cols = array_keys($this->schema->only('product_discount', array('customer_group_id' => 1, 'quantity' => 1, 'priority' => 1, 'price' => 1, 'type' => 1, 'special' => 1, 'date_start' => 1, 'date_end' => 1)));
			$out[] = self::section('product_discount', $this->schema->specialTable() ? '' : " AND `special` = '0'", $rows, $cols);
		}
		return $out;
	}

	private static function section($table, $where, array $rows, array $columns) {
		return array('table' => $table, 'where' => $where, 'rows' => $rows, 'columns' => $columns);
	}

	private static function toDbRow(array $row) {
		$out = array();
		foreach ($row as $f => $val) {
			$out[$f] = Text::toDb($val);
		}
		return $out;
	}

	protected function writeSeo(array $plan, $pid) {
		if (isset($plan['seo'])) {
			foreach ($plan['seo'] as $s) {
				$this->seoWrite('product_id', $pid, $s[0], $s[1], $s[2]);
			}
		}
	}

	/**
	 * Replace the product's options while keeping product_option(_value) ids stable for the
	 * options/values that stay (orders and stock updates refer to them).
	 */
	protected function writeProductOptions($pid, array $options) {
		$where = "`product_id` = '" . (int)$pid . "'";
		$existingPo = array();
		foreach ($this->db->rows('SELECT `product_option_id`, `option_id` FROM ' . $this->db->t('product_option') . ' WHERE ' . $where . ' ORDER BY `product_option_id`') as $r) {
			$existingPo[(int)$r['option_id']][] = (int)$r['product_option_id'];
		}
		$existingPov = array();
		foreach ($this->db->rows('SELECT `product_option_value_id`, `product_option_id`, `option_value_id` FROM ' . $this->db->t('product_option_value') . ' WHERE ' . $where . ' ORDER BY `product_option_value_id`') as $r) {
			$existingPov[(int)$r['product_option_id']][(int)$r['option_value_id']][] = (int)$r['product_option_value_id'];
		}
		$keepPo = array();
		$keepPov = array();
		foreach ($options as $oid => $o) {
			$poFields = array('required' => $o['required'] ? 1 : 0, 'value' => Text::toDb($o['value']));
			if (!empty($existingPo[$oid])) {
				$poId = $existingPo[$oid][0];
				$this->db->update('product_option', $poFields, "`product_option_id` = '" . $poId . "'");
			} else {
				$poId = $this->db->insert('product_option', $poFields + array('product_id' => (int)$pid, 'option_id' => (int)$oid));
			}
			$keepPo[] = $poId;
			foreach ($o['values'] as $vid => $val) {
				$fields = $this->optionValueFields($val);
				if (!empty($existingPov[$poId][$vid])) {
					$povId = $existingPov[$poId][$vid][0];
					$this->db->update('product_option_value', $fields, "`product_option_value_id` = '" . $povId . "'");
				} else {
					$povId = $this->db->insert('product_option_value', $fields + array('product_option_id' => $poId, 'product_id' => (int)$pid, 'option_id' => (int)$oid, 'option_value_id' => (int)$vid));
				}
				$keepPov[] = $povId;
				if ($val['external_id'] !== null) {
					$this->linkDeleteFor('product_option_value', $povId, $val['external_id']);
					$this->linkSet('product_option_value', $val['external_id'], $povId, ($val['sku'] === null || $val['sku'] === '') ? null : $val['sku']);
				}
			}
		}
		$dropPov = array_map('intval', $this->db->column('SELECT `product_option_value_id` FROM ' . $this->db->t('product_option_value') . ' WHERE ' . $where . ($keepPov ? ' AND `product_option_value_id` NOT IN ' . $this->db->inList($keepPov) : '')));
		if ($dropPov) {
			$this->db->delete('product_option_value', '`product_option_value_id` IN ' . $this->db->inList($dropPov));
			$this->linkDeleteForIds('product_option_value', $dropPov);
		}
		$this->db->delete('product_option', $where . ($keepPo ? ' AND `product_option_id` NOT IN ' . $this->db->inList($keepPo) : ''));
	}

	/** The product_option_value columns of one planned value. */
	protected function optionValueFields(array $val) {
		return $this->schema->only('product_option_value', array(
			'quantity' => (int)$val['quantity'], 'subtract' => $val['subtract'] ? 1 : 0,
			'price' => $val['price'], 'price_prefix' => $val['price_prefix'],
			'points' => (int)$val['points'], 'points_prefix' => $val['points_prefix'],
			'weight' => $val['weight'], 'weight_prefix' => $val['weight_prefix'],
		));
	}

	// ------------------------------------------------------------------ image.put

	public function imagePut($query, $body) {
		list($path, $bytes) = self::checkImage($body);
		$dir = rtrim((string)$this->ctx->setting('image_dir'), '/') . '/';
		$target = $dir . $path;
		if (is_file($target) && empty($body['overwrite'])) {
			throw ApiError::validation(array('path' => 'file exists and overwrite is false'), 'Image exists');
		}
		$folder = dirname($target);
		if (!is_dir($folder) && !@mkdir($folder, 0777, true) && !is_dir($folder)) {
			throw new ApiError('internal', 'Cannot create folder ' . dirname($path));
		}
		$real = realpath($folder);
		$base = realpath($dir . 'catalog');
		if ($real === false || $base === false || strpos($real . '/', $base . '/') !== 0) {
			throw ApiError::validation(array('path' => 'must stay under image/catalog/'), 'Invalid path');
		}
		$tmp = $folder . '/.ocbridge-' . bin2hex(random_bytes(6));
		if (@file_put_contents($tmp, $bytes) !== strlen($bytes) || !@rename($tmp, $target)) {
			@unlink($tmp);
			throw new ApiError('internal', 'Cannot write image ' . $path);
		}
		@chmod($target, 0644);
		return array('path' => $path, 'bytes' => strlen($bytes));
	}

	/**
	 * Several image.put in one request (1 to 50 items, the 8 MiB body limit applies to the whole): one result per
	 * item, in order, {"index", "path", "bytes"} or {"index", "error"}. A shop pays its framework's start-up once per
	 * request, which for small pictures cost more than writing them.
	 */
	public function imagesPut($query, $body) {
		if (!isset($body['items']) || !is_array($body['items']) || ($body['items'] && !Json::isList($body['items']))) {
			throw new ApiError('bad_request', 'Body must be {"items": [ … ]}');
		}
		if (count($body['items']) < 1 || count($body['items']) > 50) {
			throw ApiError::validation(array('items' => '1 to 50 items'));
		}
		$results = array();
		foreach ($body['items'] as $i => $item) {
			try {
				if (!Json::isObject($item)) {
					throw new ApiError('bad_request', 'Item must be an object');
				}
				$results[] = array('index' => $i) + $this->imagePut($query, $item);
			} catch (ApiError $e) {
				Log::answered('images.put item ' . $i, $e);
				$results[] = array('index' => $i, 'error' => $e->toArray());
			} catch (\Throwable $e) {
				$results[] = array('index' => $i, 'error' => Router::internal($e, 'images.put item ' . $i)->toArray());
			}
		}
		return array('results' => $results);
	}

	/**
	 * Pure validation of an image.put body.
	 * @return array [normalized path, decoded bytes]
	 */
	public static function checkImage($body) {
		$v = new Validator();
		$path = isset($body['path']) ? $body['path'] : null;
		if (!is_string($path) || $path === '') {
			$v->fail('path', 'required');
		} else {
			$path = str_replace('\\', '/', trim($path));
			if (strpos($path, 'image/') === 0) {
				$path = substr($path, 6);
			}
			$ext = strtolower(pathinfo($path, PATHINFO_EXTENSION));
			$segments = explode('/', $path);
			if (strpos($path, 'catalog/') !== 0 || in_array('..', $segments, true) || in_array('.', $segments, true) || in_array('', $segments, true) || strlen($path) > 255 || preg_match('/[\x00-\x1f]/', $path)) {
				$v->fail('path', 'must be a relative path under image/catalog/ (e.g. catalog/1c/ART-200.jpg)');
			} elseif (!in_array($ext, array('jpg', 'jpeg', 'png', 'gif', 'webp'), true)) {
				$v->fail('path', 'extension must be jpg, jpeg, png, gif or webp');
			}
		}
		$b64 = isset($body['content_base64']) ? $body['content_base64'] : null;
		$bytes = null;
		if (!is_string($b64) || $b64 === '') {
			$v->fail('content_base64', 'required');
		} else {
			$bytes = base64_decode(preg_replace('/\s+/', '', $b64), true);
			if ($bytes === false || $bytes === '') {
				$v->fail('content_base64', 'not valid base64');
			} elseif (strlen($bytes) > 6291456) {
				throw new ApiError('payload_too_large', 'Decoded image exceeds 6 MiB', array('max_bytes' => 6291456));
			} elseif (!self::imageType($bytes)) {
				$v->fail('content_base64', 'not a JPEG, PNG, GIF or WebP image');
			}
		}
		if (array_key_exists('overwrite', $body) && Validator::toBool($body['overwrite']) === null) {
			$v->fail('overwrite', 'must be a boolean');
		}
		$v->throwIfErrors('Invalid image');
		return array($path, $bytes);
	}

	/** Image type from magic bytes, or null. */
	public static function imageType($bytes) {
		if (strncmp($bytes, "\xFF\xD8\xFF", 3) === 0) {
			return 'jpeg';
		}
		if (strncmp($bytes, "\x89PNG\r\n\x1A\n", 8) === 0) {
			return 'png';
		}
		if (strncmp($bytes, 'GIF87a', 6) === 0 || strncmp($bytes, 'GIF89a', 6) === 0) {
			return 'gif';
		}
		if (strlen($bytes) >= 12 && substr($bytes, 0, 4) === 'RIFF' && substr($bytes, 8, 4) === 'WEBP') {
			return 'webp';
		}
		return null;
	}
}
