<?php
namespace OcBridge;

/** category.list/upsert, manufacturer.list/upsert, option.upsert, attribute.upsert */
trait CatalogOps {
	// ------------------------------------------------------------------ shared

	/** Entity id from a match, or null; throws ambiguous for several name matches. */
	protected function matchEntity(array $match, $entity, $table, $idField, $nameSql = null) {
		if ($match['by'] === 'external_id') {
			$id = $this->linkFind($entity, $match['value']);
			return ($id !== null && $this->exists($table, $idField, $id)) ? $id : null;
		}
		if ($match['by'] === $idField) {
			return $this->exists($table, $idField, $match['value']) ? (int)$match['value'] : null;
		}
		$ids = array_map('intval', $this->db->column($nameSql));
		$ids = array_values(array_unique($ids));
		if (count($ids) > 1) {
			throw ApiError::ambiguous($ids, count($ids) . ' ' . $entity . 's are named ' . $match['value'], $entity . '_ids');
		}
		return $ids ? $ids[0] : null;
	}

	protected function requireName(array $descriptions, Validator $v, $path) {
		foreach ($descriptions as $d) {
			if (isset($d['name']) && $d['name'] !== '') {
				return;
			}
		}
		$v->fail($path, 'a name in at least one language is required when creating');
	}

	/**
	 * Upsert rows of a *_description table for one entity.
	 * @param array $byLang language_id => [field => value] (raw, not yet escaped)
	 */
	protected function writeDescriptions($table, $idField, $id, array $byLang, $creating, array $extra = array()) {
		$rows = array();
		foreach ($byLang as $lid => $d) {
			$row = array();
			foreach ($d as $f => $val) {
				$row[$f] = Text::toDb($val);
			}
			$rows[$lid] = $row;
		}
		if ($creating) {
			$rows = $this->fillLanguages($rows);
		}
		foreach ($rows as $lid => $row) {
			$where = '`' . $idField . "` = '" . (int)$id . "' AND `language_id` = '" . (int)$lid . "'";
			$row = $this->schema->only($table, $row);
			if ($this->db->value('SELECT COUNT(*) FROM ' . $this->db->t($table) . ' WHERE ' . $where, 0)) {
				$this->db->update($table, $row, $where);
			} else {
				if (!isset($row['name'])) {
					$row['name'] = (string)$this->db->value('SELECT `name` FROM ' . $this->db->t($table) . ' WHERE `' . $idField . "` = '" . (int)$id . "' LIMIT 1", '');
				}
				if ($this->schema->hasColumn($table, 'meta_title') && !isset($row['meta_title'])) {
					$row['meta_title'] = $row['name'];
				}
				$this->schema->insert($table, $row + $extra + array($idField => (int)$id, 'language_id' => (int)$lid));
			}
		}
	}

	protected function descriptionsByLangId($descriptions, Validator $v, $path) {
		$out = array();
		if ($descriptions === null) {
			return $out;
		}
		foreach ($this->languageIds($descriptions, $v, $path) as $code => $lid) {
			$out[$lid] = $descriptions[$code];
		}
		return $out;
	}

	protected function readDescriptions($table, $idField, array $ids, array $fields) {
		$out = array();
		if (!$ids) {
			return $out;
		}
		foreach ($this->db->rows('SELECT * FROM ' . $this->db->t($table) . ' WHERE `' . $idField . '` IN ' . $this->db->inList(array_map('intval', $ids))) as $r) {
			$code = $this->ctx->languageCode($r['language_id']);
			if ($code === null) {
				continue;
			}
			$d = array();
			foreach ($fields as $f) {
				if (array_key_exists($f, $r)) {
					$d[$f] = Text::fromDb($r[$f]);
				}
			}
			$out[(int)$r[$idField]][$code] = $d;
		}
		return $out;
	}

	protected function replaceStores($table, $idField, $id, array $storeIds) {
		$this->db->delete($table, '`' . $idField . "` = '" . (int)$id . "'");
		foreach ($storeIds as $sid) {
			$this->db->insert($table, array($idField => (int)$id, 'store_id' => (int)$sid));
		}
	}

	// ------------------------------------------------------------------ categories

	public function categoryList($query, $body) {
		$rows = $this->db->rows('SELECT * FROM ' . $this->db->t('category') . ' ORDER BY `parent_id`, `sort_order`, `category_id`');
		$ids = array();
		foreach ($rows as $r) {
			$ids[] = (int)$r['category_id'];
		}
		$ext = $this->linkExternal('category', $ids);
		$desc = $this->readDescriptions('category_description', 'category_id', $ids, array('name'));
		$items = array();
		foreach ($rows as $r) {
			$id = (int)$r['category_id'];
			$items[] = array(
				'category_id' => $id,
				'external_id' => isset($ext[$id]) ? $ext[$id] : null,
				'parent_id'   => (int)$r['parent_id'],
				'status'      => (bool)(int)$r['status'],
				'sort_order'  => (int)$r['sort_order'],
				'image'       => Text::fromDb($r['image']),
				'descriptions' => Json::obj(isset($desc[$id]) ? $desc[$id] : array()),
			);
		}
		return array('items' => $items);
	}

	/** Path of a category as "20_27" (4.x seo_url value), from category_path. */
	protected function categoryPathString($categoryId) {
		if (!$categoryId) {
			return '';
		}
		$ids = $this->db->column('SELECT `path_id` FROM ' . $this->db->t('category_path') . " WHERE `category_id` = '" . (int)$categoryId . "' ORDER BY `level`");
		return implode('_', array_map('intval', $ids));
	}

	public function categoryUpsert($query, $body) {
		$v = new Validator();
		$match = $v->match(isset($body['match']) ? $body['match'] : null, 'match', Validator::CATEGORY_MATCH);
		$create = $v->createIfMissing($body);
		$c = isset($body['category']) ? $v->object($body['category'], 'category') : null;
		if (!isset($body['category'])) {
			$v->fail('category', 'required');
		}
		$v->throwIfErrors('Invalid category');
		$kv = $this->schema->seoKeyValue();
		$in = array();
		if (array_key_exists('parent', $c)) {
			$in['parent'] = $c['parent'] === null ? array('id' => 0) : $v->ref($c['parent'], 'parent', 'category_id');
		}
		foreach (array('status', 'top') as $f) {
			if (array_key_exists($f, $c)) {
				$in[$f] = $v->bool($c[$f], $f);
			}
		}
		foreach (array('sort_order' => null, 'column' => 1) as $f => $min) {
			if (array_key_exists($f, $c)) {
				$in[$f] = $v->int($c[$f], $f, $min);
			}
		}
		if (array_key_exists('image', $c)) {
			$in['image'] = $v->imagePath($c['image'], 'image');
		}
		if (array_key_exists('store_ids', $c)) {
			$in['store_ids'] = $v->storeIds($c['store_ids'] === null ? array() : $c['store_ids'], 'store_ids');
		}
		if (array_key_exists('external_id', $c) && $c['external_id'] !== null && !Validator::isExternalId($c['external_id'])) {
			$v->fail('external_id', '1 to 64 characters');
		}
		$desc = array_key_exists('descriptions', $c) ? $v->descriptions($c['descriptions'], 'descriptions', array(
			'name' => array(1, 255), 'description' => array(0, null), 'meta_title' => array(0, 255), 'meta_description' => array(0, 255), 'meta_keyword' => array(0, 255))) : null;
		$seo = array_key_exists('seo_keywords', $c) ? $v->seoKeywords($c['seo_keywords'] === null ? array() : $c['seo_keywords'], 'seo_keywords', $kv) : null;
		$v->throwIfErrors('Invalid category');

		$id = $this->matchEntity($match, 'category', 'category', 'category_id');
		if ($id === null && (!$create || $match['by'] === 'category_id')) {
			throw new ApiError('not_found', 'Category not found');
		}
		$creating = $id === null;
		if ($creating) {
			$this->requireName($desc ?: array(), $v, 'descriptions');
		}
		$parentId = null;
		if (isset($in['parent'])) {
			$parentId = isset($in['parent']['id']) && $in['parent']['id'] === 0 ? 0 : $this->resolveRef($in['parent'], 'category', 'category', 'category_id', $v, 'parent');
			if ($parentId && $id) {
				$descendant = $this->db->value('SELECT COUNT(*) FROM ' . $this->db->t('category_path') . " WHERE `category_id` = '" . (int)$parentId . "' AND `path_id` = '" . (int)$id . "'", 0);
				if ($parentId == $id || $descendant) {
					$v->fail('parent', 'would make the category its own ancestor');
				}
			}
		}
		if (isset($in['store_ids'])) {
			$this->checkStores($in['store_ids'], $v, 'store_ids');
		}
		$descByLang = $this->descriptionsByLangId($desc, $v, 'descriptions');
		$extId = isset($c['external_id']) ? trim($c['external_id']) : ($match['by'] === 'external_id' ? $match['value'] : null);
		if ($extId !== null) {
			$other = $this->linkFind('category', $extId);
			if ($other !== null && $other !== $id && $this->exists('category', 'category_id', $other)) {
				$v->fail('external_id', 'already linked to category ' . $other);
			}
		}
		$seoPlan = null;
		if ($seo !== null) {
			$self = $this;
			$seoPlan = $this->seoPlan($seo, $kv ? 'path' : 'category_id', $id, $v, 'seo_keywords', function ($owner) use ($id, $kv) {
				if (!$id) {
					return false;
				}
				if ($kv) {
					$parts = explode('_', (string)$owner['value']);
					return $owner['key'] === 'path' && (int)end($parts) === (int)$id;
				}
				return $owner['key'] === 'category_id' && (int)$owner['value'] === (int)$id;
			});
		}
		$v->throwIfErrors('Invalid category');

		$self = $this;
		$result = $this->db->transaction(function () use ($self, $in, $id, $parentId, $descByLang, $extId, $seoPlan, $creating) {
			$before = $creating ? null : $self->categoryState($id);
			$newId = $self->writeCategory($in, $id, $parentId, $descByLang, $extId, $seoPlan, $creating);
			if ($before !== null && $before[0] !== null && $before[1] === $self->categoryState($newId)[1]) {
				// Nothing changed: keep date_modified (3.x/4.0), so a repeated import is a true no-op.
				$self->db()->update('category', array('date_modified' => $before[0]), "`category_id` = '" . (int)$newId . "'");
			}
			return $newId;
		});
		$this->ctx->clearCache('category');
		return array('category_id' => $result, 'created' => $creating);
	}

	/** [raw date_modified or null, hash of the category's rows without date_modified]. Public for closures. */
	public function categoryState($id) {
		$w = "`category_id` = '" . (int)$id . "'";
		$row = $this->db->row('SELECT * FROM ' . $this->db->t('category') . ' WHERE ' . $w);
		$raw = isset($row['date_modified']) ? $row['date_modified'] : null;
		unset($row['date_modified']);
		$state = array($row,
			$this->db->rows('SELECT * FROM ' . $this->db->t('category_description') . ' WHERE ' . $w . ' ORDER BY `language_id`'),
			$this->db->rows('SELECT * FROM ' . $this->db->t('category_to_store') . ' WHERE ' . $w . ' ORDER BY `store_id`'),
			$this->db->rows('SELECT * FROM ' . $this->db->t('category_path') . ' WHERE ' . $w . ' ORDER BY `level`'),
			$this->seoRead($this->schema->seoKeyValue() ? 'path' : 'category_id', $this->schema->seoKeyValue() ? $this->categoryPathString($id) : $id),
			$this->linkExternal('category', array($id)));
		return array($raw, md5(serialize($state)));
	}

	public function db() {
		return $this->db;
	}

	public function writeCategory(array $in, $id, $parentId, array $descByLang, $extId, $seoPlan, $creating) {
		$fields = array();
		foreach (array('status', 'top') as $f) {
			if (isset($in[$f])) {
				$fields[$f] = $in[$f] ? 1 : 0;
			}
		}
		foreach (array('sort_order', 'column') as $f) {
			if (isset($in[$f])) {
				$fields[$f] = (int)$in[$f];
			}
		}
		if (isset($in['image'])) {
			$fields['image'] = Text::toDb($in['image']);
		}
		if ($parentId !== null) {
			$fields['parent_id'] = (int)$parentId;
		}
		$fields = $this->schema->only('category', $fields);
		$kv = $this->schema->seoKeyValue();
		if ($creating) {
			$id = $this->schema->insert('category', $fields + array('parent_id' => 0, 'top' => 0, 'column' => 1, 'sort_order' => 0, 'status' => 1, 'image' => '', 'date_added' => self::now(), 'date_modified' => self::now()));
			$level = 0;
			foreach ($this->db->rows('SELECT `path_id` FROM ' . $this->db->t('category_path') . " WHERE `category_id` = '" . (int)$parentId . "' ORDER BY `level` ASC") as $r) {
				$this->db->insert('category_path', array('category_id' => (int)$id, 'path_id' => (int)$r['path_id'], 'level' => $level++));
			}
			$this->db->insert('category_path', array('category_id' => (int)$id, 'path_id' => (int)$id, 'level' => $level));
		} else {
			$oldParent = (int)$this->db->value('SELECT `parent_id` FROM ' . $this->db->t('category') . " WHERE `category_id` = '" . (int)$id . "'", 0);
			if ($this->schema->hasColumn('category', 'date_modified')) {
				$fields['date_modified'] = self::now();
			}
			$this->db->update('category', $fields, "`category_id` = '" . (int)$id . "'");
			if ($parentId !== null && (int)$parentId !== $oldParent) {
				$this->moveCategory((int)$id, (int)$parentId, $kv);
			}
		}
		if ($descByLang || $creating) {
			$this->writeDescriptions('category_description', 'category_id', $id, $descByLang, $creating);
		}
		if (isset($in['store_ids'])) {
			$this->replaceStores('category_to_store', 'category_id', $id, $in['store_ids']);
		} elseif ($creating) {
			$this->replaceStores('category_to_store', 'category_id', $id, array(0));
		}
		if ($seoPlan) {
			if ($kv) {
				$path = $this->categoryPathString($id);
				$parentPath = $this->categoryPathString((int)$this->db->value('SELECT `parent_id` FROM ' . $this->db->t('category') . " WHERE `category_id` = '" . (int)$id . "'", 0));
				foreach ($seoPlan as $s) {
					$kw = $s[2];
					if ($kw !== null && $parentPath !== '' && strpos($kw, '/') === false) {
						// As the 4.x admin does: prefix with the parent's keyword of that store/language.
						$parentKw = $this->db->value('SELECT `keyword` FROM ' . $this->db->t('seo_url') . " WHERE `key` = 'path' AND `value` = " . $this->db->q($parentPath) . " AND `store_id` = '" . (int)$s[0] . "' AND `language_id` = '" . (int)$s[1] . "'");
						if ($parentKw !== null && $parentKw !== '') {
							$kw = Text::fromDb($parentKw) . '/' . $kw;
						}
					}
					$this->seoWrite('path', $path, $s[0], $s[1], $kw);
				}
			} else {
				foreach ($seoPlan as $s) {
					$this->seoWrite('category_id', $id, $s[0], $s[1], $s[2]);
				}
			}
		}
		if ($extId !== null) {
			$this->linkSet('category', $extId, $id);
		}
		return (int)$id;
	}

	/** category_path maintenance for a parent change, as the admin model's editCategory(). */
	protected function moveCategory($id, $parentId, $kv) {
		$cp = $this->db->t('category_path');
		$oldPaths = array();
		$subtree = $this->db->rows('SELECT `category_id`, `level` FROM ' . $cp . " WHERE `path_id` = '" . (int)$id . "' ORDER BY `level` ASC");
		if ($kv) {
			foreach ($subtree as $r) {
				$oldPaths[(int)$r['category_id']] = $this->categoryPathString((int)$r['category_id']);
			}
		}
		if ($subtree) {
			foreach ($subtree as $node) {
				$this->db->delete('category_path', "`category_id` = '" . (int)$node['category_id'] . "' AND `level` < '" . (int)$node['level'] . "'");
				$path = array();
				foreach ($this->db->rows('SELECT `path_id` FROM ' . $cp . " WHERE `category_id` = '" . (int)$parentId . "' ORDER BY `level` ASC") as $r) {
					$path[] = (int)$r['path_id'];
				}
				foreach ($this->db->rows('SELECT `path_id` FROM ' . $cp . " WHERE `category_id` = '" . (int)$node['category_id'] . "' ORDER BY `level` ASC") as $r) {
					$path[] = (int)$r['path_id'];
				}
				$level = 0;
				foreach ($path as $pathId) {
					$this->db->exec('REPLACE INTO ' . $cp . " SET `category_id` = '" . (int)$node['category_id'] . "', `path_id` = '" . (int)$pathId . "', `level` = '" . (int)$level . "'");
					$level++;
				}
			}
		} else {
			$this->db->delete('category_path', "`category_id` = '" . (int)$id . "'");
			$level = 0;
			foreach ($this->db->rows('SELECT `path_id` FROM ' . $cp . " WHERE `category_id` = '" . (int)$parentId . "' ORDER BY `level` ASC") as $r) {
				$this->db->insert('category_path', array('category_id' => (int)$id, 'path_id' => (int)$r['path_id'], 'level' => $level++));
			}
			$this->db->exec('REPLACE INTO ' . $cp . " SET `category_id` = '" . (int)$id . "', `path_id` = '" . (int)$id . "', `level` = '" . (int)$level . "'");
		}
		// 4.x: category SEO rows are keyed by the full path ("20_27"); keep them pointing at the moved nodes.
		foreach ($oldPaths as $cid => $old) {
			$new = $this->categoryPathString($cid);
			if ($old !== '' && $old !== $new) {
				$this->db->update('seo_url', array('value' => $new), "`key` = 'path' AND `value` = " . $this->db->q($old));
			}
		}
	}

	// ------------------------------------------------------------------ manufacturers

	public function manufacturerList($query, $body) {
		$rows = $this->db->rows('SELECT * FROM ' . $this->db->t('manufacturer') . ' ORDER BY `sort_order`, `name`, `manufacturer_id`');
		$ids = array();
		foreach ($rows as $r) {
			$ids[] = (int)$r['manufacturer_id'];
		}
		$ext = $this->linkExternal('manufacturer', $ids);
		$items = array();
		foreach ($rows as $r) {
			$id = (int)$r['manufacturer_id'];
			$items[] = array('manufacturer_id' => $id, 'external_id' => isset($ext[$id]) ? $ext[$id] : null, 'name' => Text::fromDb($r['name']),
				'image' => Text::fromDb($r['image']), 'sort_order' => (int)$r['sort_order']);
		}
		return array('items' => $items);
	}

	public function manufacturerUpsert($query, $body) {
		$v = new Validator();
		$match = $v->match(isset($body['match']) ? $body['match'] : null, 'match', Validator::MANUFACTURER_MATCH);
		$create = $v->createIfMissing($body);
		$m = isset($body['manufacturer']) ? $v->object($body['manufacturer'], 'manufacturer') : null;
		if (!isset($body['manufacturer'])) {
			$v->fail('manufacturer', 'required');
		}
		$v->throwIfErrors('Invalid manufacturer');
		$in = array();
		if (array_key_exists('name', $m)) {
			$in['name'] = $v->string($m['name'], 'name', 1, 64, false);
		}
		if (array_key_exists('image', $m)) {
			$in['image'] = $v->imagePath($m['image'], 'image');
		}
		if (array_key_exists('sort_order', $m)) {
			$in['sort_order'] = $v->int($m['sort_order'], 'sort_order');
		}
		if (array_key_exists('store_ids', $m)) {
			$in['store_ids'] = $v->storeIds($m['store_ids'] === null ? array() : $m['store_ids'], 'store_ids');
		}
		if (array_key_exists('external_id', $m) && $m['external_id'] !== null && !Validator::isExternalId($m['external_id'])) {
			$v->fail('external_id', '1 to 64 characters');
		}
		$seo = array_key_exists('seo_keywords', $m) ? $v->seoKeywords($m['seo_keywords'] === null ? array() : $m['seo_keywords'], 'seo_keywords', $this->schema->seoKeyValue()) : null;
		$v->throwIfErrors('Invalid manufacturer');

		$id = $this->matchEntity($match, 'manufacturer', 'manufacturer', 'manufacturer_id',
			'SELECT `manufacturer_id` FROM ' . $this->db->t('manufacturer') . ' WHERE `name` = ' . $this->db->q(Text::toDb($match['value'])) . ' ORDER BY `manufacturer_id`');
		if ($id === null && (!$create || $match['by'] === 'manufacturer_id')) {
			throw new ApiError('not_found', 'Manufacturer not found');
		}
		$creating = $id === null;
		if ($creating && !isset($in['name'])) {
			if ($match['by'] === 'name' && Text::length($match['value']) <= 64) {
				$in['name'] = $match['value'];
			} else {
				$v->fail('name', 'required when creating a manufacturer');
			}
		}
		if (isset($in['store_ids'])) {
			$this->checkStores($in['store_ids'], $v, 'store_ids');
		}
		$extId = isset($m['external_id']) ? trim($m['external_id']) : ($match['by'] === 'external_id' ? $match['value'] : null);
		if ($extId !== null) {
			$other = $this->linkFind('manufacturer', $extId);
			if ($other !== null && $other !== $id && $this->exists('manufacturer', 'manufacturer_id', $other)) {
				$v->fail('external_id', 'already linked to manufacturer ' . $other);
			}
		}
		$seoPlan = $seo === null ? null : $this->seoPlan($seo, 'manufacturer_id', $id, $v, 'seo_keywords');
		$v->throwIfErrors('Invalid manufacturer');

		$self = $this;
		$id = $this->db->transaction(function () use ($self, $in, $id, $extId, $seoPlan, $creating) {
			return $self->writeManufacturer($in, $id, $extId, $seoPlan, $creating);
		});
		$this->ctx->clearCache('manufacturer');
		return array('manufacturer_id' => $id, 'created' => $creating);
	}

	public function writeManufacturer(array $in, $id, $extId, $seoPlan, $creating) {
		$fields = array();
		if (isset($in['name'])) {
			$fields['name'] = Text::toDb($in['name']);
		}
		if (isset($in['image'])) {
			$fields['image'] = Text::toDb($in['image']);
		}
		if (isset($in['sort_order'])) {
			$fields['sort_order'] = (int)$in['sort_order'];
		}
		if ($creating) {
			$id = $this->schema->insert('manufacturer', $fields + array('image' => '', 'sort_order' => 0));
		} else {
			$this->db->update('manufacturer', $fields, "`manufacturer_id` = '" . (int)$id . "'");
		}
		if (isset($in['store_ids'])) {
			$this->replaceStores('manufacturer_to_store', 'manufacturer_id', $id, $in['store_ids']);
		} elseif ($creating) {
			$this->replaceStores('manufacturer_to_store', 'manufacturer_id', $id, array(0));
		}
		foreach ((array)$seoPlan as $s) {
			$this->seoWrite('manufacturer_id', $id, $s[0], $s[1], $s[2]);
		}
		if ($extId !== null) {
			$this->linkSet('manufacturer', $extId, $id);
		}
		return (int)$id;
	}

	// ------------------------------------------------------------------ options

	public function optionUpsert($query, $body) {
		$v = new Validator();
		$match = $v->match(isset($body['match']) ? $body['match'] : null, 'match', Validator::OPTION_MATCH);
		$create = $v->createIfMissing($body);
		$o = isset($body['option']) ? $v->object($body['option'], 'option') : null;
		if (!isset($body['option'])) {
			$v->fail('option', 'required');
		}
		$v->throwIfErrors('Invalid option');
		$in = array();
		if (array_key_exists('type', $o)) {
			if (!in_array($o['type'], Validator::OPTION_TYPES, true)) {
				$v->fail('type', 'one of ' . implode(', ', Validator::OPTION_TYPES));
			} else {
				$in['type'] = $o['type'];
			}
		}
		if (array_key_exists('sort_order', $o)) {
			$in['sort_order'] = $v->int($o['sort_order'], 'sort_order');
		}
		$desc = array_key_exists('descriptions', $o) ? $v->descriptions($o['descriptions'], 'descriptions', array('name' => array(1, 128))) : null;
		$values = array();
		if (array_key_exists('values', $o) && $o['values'] !== null) {
			foreach ((array)$v->listOf($o['values'], 'values') as $i => $val) {
				$p = 'values.' . $i;
				if (!Json::isObject($val)) {
					$v->fail($p, 'must be an object');
					continue;
				}
				$row = array('path' => $p, 'external_id' => null);
				if (isset($val['external_id'])) {
					if (Validator::isExternalId($val['external_id'])) {
						$row['external_id'] = trim($val['external_id']);
					} else {
						$v->fail($p . '.external_id', '1 to 64 characters');
					}
				}
				if (array_key_exists('sort_order', $val)) {
					$row['sort_order'] = $v->int($val['sort_order'], $p . '.sort_order');
				}
				if (array_key_exists('image', $val)) {
					$row['image'] = $v->imagePath($val['image'], $p . '.image');
				}
				$row['descriptions'] = array_key_exists('descriptions', $val) ? $v->descriptions($val['descriptions'], $p . '.descriptions', array('name' => array(1, 128))) : array();
				$values[] = $row;
			}
		}
		if (array_key_exists('external_id', $o) && $o['external_id'] !== null && !Validator::isExternalId($o['external_id'])) {
			$v->fail('external_id', '1 to 64 characters');
		}
		$v->throwIfErrors('Invalid option');

		$id = $this->matchEntity($match, 'option', 'option', 'option_id',
			'SELECT DISTINCT `option_id` FROM ' . $this->db->t('option_description') . ' WHERE `name` = ' . $this->db->q(Text::toDb($match['value'])) . ' ORDER BY `option_id`');
		if ($id === null && (!$create || $match['by'] === 'option_id')) {
			throw new ApiError('not_found', 'Option not found');
		}
		$creating = $id === null;
		if ($creating) {
			if (!$desc && $match['by'] === 'name') {
				$desc = array($this->ctx->settings['default_language'] ?: (string)key($this->ctx->languages()) => array('name' => $match['value']));
			}
			$this->requireName($desc ?: array(), $v, 'descriptions');
		}
		$descByLang = $this->descriptionsByLangId($desc, $v, 'descriptions');
		$extId = isset($o['external_id']) ? trim($o['external_id']) : ($match['by'] === 'external_id' ? $match['value'] : null);
		if ($extId !== null) {
			$other = $this->linkFind('option', $extId);
			if ($other !== null && $other !== $id && $this->exists('option', 'option_id', $other)) {
				$v->fail('external_id', 'already linked to option ' . $other);
			}
		}
		// Plan values: find by external id, else by name within this option, else create.
		$planned = array();
		foreach ($values as $val) {
			$byLang = $this->descriptionsByLangId($val['descriptions'], $v, $val['path'] . '.descriptions');
			$vid = null;
			if ($val['external_id'] !== null) {
				$vid = $this->linkFind('option_value', $val['external_id']);
				if ($vid !== null) {
					$owner = (int)$this->db->value('SELECT `option_id` FROM ' . $this->db->t('option_value') . " WHERE `option_value_id` = '" . (int)$vid . "'", 0);
					if (!$owner) {
						$vid = null;
					} elseif ($owner !== (int)$id) {
						$v->fail($val['path'] . '.external_id', 'already linked to a value of option ' . $owner);
						continue;
					}
				}
			}
			if ($vid === null && $id) {
				foreach ($byLang as $lid => $d) {
					if (isset($d['name'])) {
						$found = $this->db->value('SELECT `option_value_id` FROM ' . $this->db->t('option_value_description') . " WHERE `option_id` = '" . (int)$id . "' AND `language_id` = '" . (int)$lid . "' AND `name` = " . $this->db->q(Text::toDb($d['name'])) . ' ORDER BY `option_value_id` LIMIT 1');
						if ($found !== null) {
							$vid = (int)$found;
							break;
						}
					}
				}
			}
			if ($vid === null) {
				$this->requireName($val['descriptions'] ?: array(), $v, $val['path'] . '.descriptions');
			}
			$planned[] = array('option_value_id' => $vid, 'in' => $val, 'descriptions' => $byLang);
		}
		$v->throwIfErrors('Invalid option');

		$self = $this;
		$out = $this->db->transaction(function () use ($self, $in, $id, $descByLang, $extId, $planned, $creating) {
			return $self->writeOption($in, $id, $descByLang, $extId, $planned, $creating);
		});
		return array('option_id' => $out[0], 'created' => $creating, 'values' => $out[1]);
	}

	public function writeOption(array $in, $id, array $descByLang, $extId, array $planned, $creating) {
		$fields = array();
		if (isset($in['type'])) {
			$fields['type'] = $in['type'];
		}
		if (isset($in['sort_order'])) {
			$fields['sort_order'] = (int)$in['sort_order'];
		}
		if ($creating) {
			$id = $this->schema->insert('option', $fields + array('type' => 'select', 'sort_order' => 0));
		} else {
			$this->db->update('option', $fields, "`option_id` = '" . (int)$id . "'");
		}
		if ($descByLang || $creating) {
			$this->writeDescriptions('option_description', 'option_id', $id, $descByLang, $creating);
		}
		if ($extId !== null) {
			$this->linkSet('option', $extId, $id);
		}
		$values = array();
		foreach ($planned as $pv) {
			$val = $pv['in'];
			$vid = $pv['option_value_id'];
			$fields = array();
			if (isset($val['sort_order'])) {
				$fields['sort_order'] = (int)$val['sort_order'];
			}
			if (isset($val['image'])) {
				$fields['image'] = Text::toDb($val['image']);
			}
			$new = $vid === null;
			if ($new) {
				$vid = $this->schema->insert('option_value', $fields + array('option_id' => (int)$id, 'image' => '', 'sort_order' => 0));
			} else {
				$this->db->update('option_value', $fields, "`option_value_id` = '" . (int)$vid . "'");
			}
			if ($pv['descriptions'] || $new) {
				$this->writeDescriptions('option_value_description', 'option_value_id', $vid, $pv['descriptions'], $new, array('option_id' => (int)$id));
			}
			if ($val['external_id'] !== null) {
				$this->linkSet('option_value', $val['external_id'], $vid);
			}
			$values[] = array('external_id' => $val['external_id'], 'option_value_id' => (int)$vid, 'created' => $new);
		}
		return array((int)$id, $values);
	}

	// ------------------------------------------------------------------ attributes

	public function attributeUpsert($query, $body) {
		$v = new Validator();
		$match = $v->match(isset($body['match']) ? $body['match'] : null, 'match', Validator::ATTRIBUTE_MATCH);
		$create = $v->createIfMissing($body);
		$a = isset($body['attribute']) ? $v->object($body['attribute'], 'attribute') : null;
		if (!isset($body['attribute'])) {
			$v->fail('attribute', 'required');
		}
		$v->throwIfErrors('Invalid attribute');
		$in = array();
		if (array_key_exists('sort_order', $a)) {
			$in['sort_order'] = $v->int($a['sort_order'], 'sort_order');
		}
		$desc = array_key_exists('descriptions', $a) ? $v->descriptions($a['descriptions'], 'descriptions', array('name' => array(1, 64))) : null;
		$group = null;
		if (array_key_exists('group', $a)) {
			$g = $a['group'];
			if (!Json::isObject($g) || !$g) {
				$v->fail('group', 'must be {"external_id": …}, {"attribute_group_id": …} or {"name": {…}}');
			} else {
				$group = array();
				if (isset($g['external_id'])) {
					if (Validator::isExternalId($g['external_id'])) {
						$group['external_id'] = trim($g['external_id']);
					} else {
						$v->fail('group.external_id', '1 to 64 characters');
					}
				}
				if (isset($g['attribute_group_id'])) {
					$group['id'] = $v->int($g['attribute_group_id'], 'group.attribute_group_id', 1);
				}
				if (isset($g['name'])) {
					if (is_string($g['name'])) {
						$g['name'] = array(($this->ctx->settings['default_language'] ?: 'en-gb') => $g['name']);
					}
					if (!Json::isObject($g['name'])) {
						$v->fail('group.name', 'must be an object of language code → name');
					} else {
						foreach ($g['name'] as $code => $n) {
							$s = $v->string($n, 'group.name.' . $code, 1, 64, false);
							if ($s !== null) {
								$group['name'][$code] = $s;
							}
						}
					}
				}
				if (isset($g['sort_order'])) {
					$group['sort_order'] = $v->int($g['sort_order'], 'group.sort_order');
				}
				if (!isset($group['external_id']) && !isset($group['id']) && !isset($group['name'])) {
					$v->fail('group', 'must be {"external_id": …}, {"attribute_group_id": …} or {"name": {…}}');
				}
			}
		}
		if (array_key_exists('external_id', $a) && $a['external_id'] !== null && !Validator::isExternalId($a['external_id'])) {
			$v->fail('external_id', '1 to 64 characters');
		}
		$v->throwIfErrors('Invalid attribute');

		$id = $this->matchEntity($match, 'attribute', 'attribute', 'attribute_id',
			'SELECT DISTINCT `attribute_id` FROM ' . $this->db->t('attribute_description') . ' WHERE `name` = ' . $this->db->q(Text::toDb($match['value'])) . ' ORDER BY `attribute_id`');
		if ($id === null && (!$create || $match['by'] === 'attribute_id')) {
			throw new ApiError('not_found', 'Attribute not found');
		}
		$creating = $id === null;
		if ($creating) {
			if (!$desc && $match['by'] === 'name') {
				$desc = array(($this->ctx->settings['default_language'] ?: (string)key($this->ctx->languages())) => array('name' => $match['value']));
			}
			$this->requireName($desc ?: array(), $v, 'descriptions');
			if ($group === null) {
				$v->fail('group', 'required when creating an attribute');
			}
		}
		$descByLang = $this->descriptionsByLangId($desc, $v, 'descriptions');
		// Resolve the group: by id, by external id, else by name (created when missing).
		$groupPlan = null;
		if ($group) {
			$gid = null;
			if (isset($group['id'])) {
				$gid = $this->exists('attribute_group', 'attribute_group_id', $group['id']) ? $group['id'] : null;
				if (!$gid) {
					$v->fail('group.attribute_group_id', 'unknown attribute_group_id ' . $group['id']);
				}
			} elseif (isset($group['external_id'])) {
				$gid = $this->linkFind('attribute_group', $group['external_id']);
				if ($gid !== null && !$this->exists('attribute_group', 'attribute_group_id', $gid)) {
					$gid = null;
				}
			}
			$groupNames = array();
			if (isset($group['name'])) {
				$groupNames = $this->descriptionsByLangId(array_map(function ($n) {
					return array('name' => $n);
				}, $group['name']), $v, 'group.name');
			}
			if ($gid === null && !isset($group['id'])) {
				foreach ($groupNames as $lid => $d) {
					$found = $this->db->value('SELECT `attribute_group_id` FROM ' . $this->db->t('attribute_group_description') . " WHERE `language_id` = '" . (int)$lid . "' AND `name` = " . $this->db->q(Text::toDb($d['name'])) . ' ORDER BY `attribute_group_id` LIMIT 1');
					if ($found !== null) {
						$gid = (int)$found;
						break;
					}
				}
				if ($gid === null && !$groupNames) {
					$v->fail('group', 'unknown attribute group external_id ' . (isset($group['external_id']) ? $group['external_id'] : '') . ' (add "name" to create it)');
				}
			}
			$groupPlan = array('id' => $gid, 'names' => $groupNames, 'external_id' => isset($group['external_id']) ? $group['external_id'] : null, 'sort_order' => isset($group['sort_order']) ? $group['sort_order'] : null);
		}
		$extId = isset($a['external_id']) ? trim($a['external_id']) : ($match['by'] === 'external_id' ? $match['value'] : null);
		if ($extId !== null) {
			$other = $this->linkFind('attribute', $extId);
			if ($other !== null && $other !== $id && $this->exists('attribute', 'attribute_id', $other)) {
				$v->fail('external_id', 'already linked to attribute ' . $other);
			}
		}
		$v->throwIfErrors('Invalid attribute');

		$self = $this;
		$out = $this->db->transaction(function () use ($self, $in, $id, $descByLang, $extId, $groupPlan, $creating) {
			return $self->writeAttribute($in, $id, $descByLang, $extId, $groupPlan, $creating);
		});
		return array('attribute_id' => $out[0], 'attribute_group_id' => $out[1], 'created' => $creating);
	}

	public function writeAttribute(array $in, $id, array $descByLang, $extId, $groupPlan, $creating) {
		$gid = null;
		if ($groupPlan) {
			$gid = $groupPlan['id'];
			if ($gid === null) {
				$gid = $this->schema->insert('attribute_group', array('sort_order' => (int)$groupPlan['sort_order']));
				$this->writeDescriptions('attribute_group_description', 'attribute_group_id', $gid, $groupPlan['names'], true);
			} elseif ($groupPlan['sort_order'] !== null) {
				$this->db->update('attribute_group', array('sort_order' => (int)$groupPlan['sort_order']), "`attribute_group_id` = '" . (int)$gid . "'");
			}
			if ($groupPlan['external_id'] !== null) {
				$this->linkSet('attribute_group', $groupPlan['external_id'], $gid);
			}
		}
		$fields = array();
		if ($gid !== null) {
			$fields['attribute_group_id'] = (int)$gid;
		}
		if (isset($in['sort_order'])) {
			$fields['sort_order'] = (int)$in['sort_order'];
		}
		if ($creating) {
			$id = $this->schema->insert('attribute', $fields + array('sort_order' => 0));
		} else {
			$this->db->update('attribute', $fields, "`attribute_id` = '" . (int)$id . "'");
		}
		if ($descByLang || $creating) {
			$this->writeDescriptions('attribute_description', 'attribute_id', $id, $descByLang, $creating);
		}
		if ($extId !== null) {
			$this->linkSet('attribute', $extId, $id);
		}
		$gid = (int)$this->db->value('SELECT `attribute_group_id` FROM ' . $this->db->t('attribute') . " WHERE `attribute_id` = '" . (int)$id . "'", 0);
		return array((int)$id, $gid);
	}
}
