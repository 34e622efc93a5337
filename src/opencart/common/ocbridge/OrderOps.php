<?php
namespace OcBridge;

/** order_status.list, order.list, order.get, order.history_add */
trait OrderOps {
	public function orderStatusList($query, $body) {
		$langId = $this->ctx->defaultLanguageId();
		if (isset($query['language']) && $query['language'] !== '') {
			$langId = $this->ctx->languageId((string)$query['language']);
			if ($langId === null) {
				throw ApiError::validation(array('language' => 'unknown language code'));
			}
		}
		$items = array();
		foreach ($this->db->rows('SELECT `order_status_id`, `name` FROM ' . $this->db->t('order_status') . " WHERE `language_id` = '" . (int)$langId . "' ORDER BY `order_status_id`") as $r) {
			$items[] = array('order_status_id' => (int)$r['order_status_id'], 'name' => Text::fromDb($r['name']));
		}
		return array('items' => $items);
	}

	public function orderList($query, $body) {
		$v = new Validator();
		list($limit, $page) = $v->paging($query, 50, 100);
		$tz = $this->ctx->timezone();
		$addedFrom = $v->isoParam($query, 'date_added_from', $tz);
		$addedTo = $v->isoParam($query, 'date_added_to', $tz);
		$modifiedFrom = $v->isoParam($query, 'date_modified_from', $tz);
		$statusIds = isset($query['status_ids']) && $query['status_ids'] !== '' ? $v->idList($query['status_ids'], 'status_ids') : array();
		$idGt = null;
		if (isset($query['id_gt']) && $query['id_gt'] !== '') {
			$idGt = $v->int($query['id_gt'], 'id_gt', 0);
		}
		$v->throwIfErrors();
		$where = array();
		if ($statusIds) {
			$where[] = '`order_status_id` IN ' . $this->db->inList(array_map('intval', $statusIds));
		} else {
			$where[] = "`order_status_id` > '0'";
		}
		if ($addedFrom !== null) {
			$where[] = '`date_added` >= ' . $this->db->q($addedFrom);
		}
		if ($addedTo !== null) {
			$where[] = '`date_added` <= ' . $this->db->q($addedTo);
		}
		if ($modifiedFrom !== null) {
			$where[] = '`date_modified` >= ' . $this->db->q($modifiedFrom);
		}
		if ($idGt !== null) {
			$where[] = "`order_id` > '" . (int)$idGt . "'";
		}
		$w = implode(' AND ', $where);
		$total = (int)$this->db->value('SELECT COUNT(*) FROM ' . $this->db->t('order') . ' WHERE ' . $w, 0);
		$ids = $this->db->column('SELECT `order_id` FROM ' . $this->db->t('order') . ' WHERE ' . $w . ' ORDER BY `order_id` ASC LIMIT ' . (int)(($page - 1) * $limit) . ', ' . (int)$limit);
		$items = array();
		foreach ($ids as $id) {
			$items[] = $this->readOrder((int)$id);
		}
		return array('items' => $items, 'total' => $total, 'page' => $page, 'limit' => $limit);
	}

	public function orderGet($query, $body) {
		$id = isset($query['order_id']) ? Validator::toInt($query['order_id']) : null;
		if ($id === null || $id < 1) {
			throw ApiError::validation(array('order_id' => 'required, a positive integer'));
		}
		return $this->readOrder($id);
	}

	public function readOrder($id) {
		$row = $this->db->row('SELECT o.*, pc.`iso_code_2` AS `payment_iso_code_2`, sc.`iso_code_2` AS `shipping_iso_code_2` FROM ' . $this->db->t('order') . ' o'
			. ' LEFT JOIN ' . $this->db->t('country') . ' pc ON (pc.`country_id` = o.`payment_country_id`)'
			. ' LEFT JOIN ' . $this->db->t('country') . ' sc ON (sc.`country_id` = o.`shipping_country_id`)'
			. " WHERE o.`order_id` = '" . (int)$id . "'");
		if (!$row) {
			throw new ApiError('not_found', 'Order not found');
		}
		$langId = $this->ctx->defaultLanguageId();
		$status = $this->db->value('SELECT `name` FROM ' . $this->db->t('order_status') . " WHERE `order_status_id` = '" . (int)$row['order_status_id'] . "' AND `language_id` = '" . (int)$langId . "'");
		$langCode = isset($row['language_code']) && $row['language_code'] !== '' ? $row['language_code'] : $this->ctx->languageCode($row['language_id']);
		$tz = $this->ctx->timezone();
		$customFields = array();
		if (Mapper::hasCustomFieldValues($row)) {
			list($defs, $valueNames) = $this->customFieldDictionary();
			$customFields = Mapper::orderCustomFields($row, $defs, $valueNames);
		}
		$out = Mapper::orderHeader($row, $status, $langCode, $tz, $customFields);

		$lines = $this->db->rows('SELECT * FROM ' . $this->db->t('order_product') . " WHERE `order_id` = '" . (int)$id . "' ORDER BY `order_product_id`");
		$pids = array();
		foreach ($lines as $l) {
			$pids[] = (int)$l['product_id'];
		}
		$ext = $this->linkExternal('product', $pids);
		$skus = array();
		if ($pids) {
			if ($this->schema->productCodes()) {
				foreach ($this->productCodesOf($pids) as $pid => $codes) {
					if (isset($codes['sku'])) {
						$skus[$pid] = $codes['sku'];
					}
				}
			} elseif ($this->schema->hasColumn('product', 'sku')) {
				foreach ($this->db->rows('SELECT `product_id`, `sku` FROM ' . $this->db->t('product') . ' WHERE `product_id` IN ' . $this->db->inList($pids)) as $r) {
					$skus[(int)$r['product_id']] = $r['sku'];
				}
			}
		}
		$options = array();
		$povIds = array();
		foreach ($this->db->rows('SELECT oo.*, pov.`option_value_id` FROM ' . $this->db->t('order_option') . ' oo LEFT JOIN ' . $this->db->t('product_option_value') . " pov ON (pov.`product_option_value_id` = oo.`product_option_value_id`) WHERE oo.`order_id` = '" . (int)$id . "' ORDER BY oo.`order_option_id`") as $r) {
			$options[(int)$r['order_product_id']][] = $r;
			$povIds[] = (int)$r['product_option_value_id'];
		}
		$valueIds = array();
		foreach ($options as $list) {
			foreach ($list as $r) {
				if ($r['option_value_id']) {
					$valueIds[] = (int)$r['option_value_id'];
				}
			}
		}
		$vext = $this->linkExternal('option_value', $valueIds);
		$povLinks = $this->linkRows('product_option_value', $povIds);
		$out['products'] = array();
		foreach ($lines as $l) {
			$pid = (int)$l['product_id'];
			$opts = array();
			foreach (isset($options[(int)$l['order_product_id']]) ? $options[(int)$l['order_product_id']] : array() as $r) {
				$pov = (int)$r['product_option_value_id'];
				$opts[] = array(
					'product_option_id'                => (int)$r['product_option_id'],
					'product_option_value_id'          => $pov,
					'name'                             => Text::fromDb($r['name']),
					'value'                            => Text::fromDb($r['value']),
					'type'                             => (string)$r['type'],
					'option_value_external_id'         => ($r['option_value_id'] && isset($vext[(int)$r['option_value_id']])) ? $vext[(int)$r['option_value_id']] : null,
					'product_option_value_external_id' => isset($povLinks[$pov]) ? $povLinks[$pov]['external_id'] : null,
					'sku'                              => isset($povLinks[$pov]) ? $povLinks[$pov]['sku'] : null,
				);
			}
			$out['products'][] = array(
				'order_product_id' => (int)$l['order_product_id'],
				'product_id'       => $pid,
				'master_id'        => isset($l['master_id']) ? (int)$l['master_id'] : 0,
				'external_id'      => isset($ext[$pid]) ? $ext[$pid] : null,
				'name'             => Text::fromDb($l['name']),
				'model'            => Text::fromDb($l['model']),
				'sku'              => isset($skus[$pid]) ? Text::fromDb($skus[$pid]) : '',
				'quantity'         => (int)$l['quantity'],
				'price'            => Text::money($l['price']),
				'tax'              => Text::money($l['tax']),
				'total'            => Text::money($l['total']),
				'reward'           => (int)$l['reward'],
				'options'          => $opts,
			);
		}
		$out['totals'] = array();
		foreach ($this->db->rows('SELECT * FROM ' . $this->db->t('order_total') . " WHERE `order_id` = '" . (int)$id . "' ORDER BY `sort_order`, `order_total_id`") as $r) {
			$out['totals'][] = Mapper::orderTotal($r);
		}
		$out['history'] = array();
		foreach ($this->db->rows('SELECT * FROM ' . $this->db->t('order_history') . " WHERE `order_id` = '" . (int)$id . "' ORDER BY `date_added`, `order_history_id`") as $r) {
			$out['history'][] = Mapper::orderHistory($r, $tz);
		}
		return $out;
	}

	/** @var array|null [custom_field_id => {name, type, location}, custom_field_value_id => name], once per request */
	private $customFieldDictionary = null;

	/**
	 * The shop's custom fields and their values' names in the default language. Both tables are small (a handful of
	 * fields), so they are read whole, once per request, and only when an order has custom field values.
	 */
	protected function customFieldDictionary() {
		if ($this->customFieldDictionary === null) {
			$langId = (int)$this->ctx->defaultLanguageId();
			$defs = array();
			foreach ($this->db->rows('SELECT cf.`custom_field_id`, cf.`type`, cf.`location`, cfd.`name` FROM ' . $this->db->t('custom_field') . ' cf'
				. ' LEFT JOIN ' . $this->db->t('custom_field_description') . " cfd ON (cfd.`custom_field_id` = cf.`custom_field_id` AND cfd.`language_id` = '" . $langId . "')") as $r) {
				$defs[(int)$r['custom_field_id']] = array('name' => (string)$r['name'], 'type' => (string)$r['type'], 'location' => (string)$r['location']);
			}
			$values = array();
			foreach ($this->db->rows('SELECT `custom_field_value_id`, `name` FROM ' . $this->db->t('custom_field_value_description') . " WHERE `language_id` = '" . $langId . "'") as $r) {
				$values[(int)$r['custom_field_value_id']] = (string)$r['name'];
			}
			$this->customFieldDictionary = array($defs, $values);
		}
		return $this->customFieldDictionary;
	}

	/**
	 * OpenCart's addHistory() through the contract. With an idempotency_key the key is claimed first (its own
	 * table, unique key), so a request repeated after a lost answer, or two concurrent ones, add one line: the
	 * repeat answers the first result with replayed = true.
	 */
	public function orderHistoryAdd($query, $body) {
		$v = new Validator();
		$orderId = $v->int(isset($body['order_id']) ? $body['order_id'] : null, 'order_id', 1);
		$statusId = $v->int(isset($body['order_status_id']) ? $body['order_status_id'] : null, 'order_status_id', 1);
		$comment = array_key_exists('comment', $body) ? $v->string($body['comment'], 'comment', 0, 65535) : '';
		$notify = array_key_exists('notify', $body) ? $v->bool($body['notify'], 'notify') : false;
		$override = array_key_exists('override', $body) ? $v->bool($body['override'], 'override') : false;
		$key = isset($body['idempotency_key']) ? $body['idempotency_key'] : null;
		if ($key !== null && !HistoryKeys::valid($key)) {
			$v->fail('idempotency_key', '1 to 64 characters of A-Z, a-z, 0-9 and . _ : -');
		}
		$v->throwIfErrors('Invalid history entry');
		if (!$this->exists('order', 'order_id', $orderId)) {
			throw new ApiError('not_found', 'Order not found');
		}
		if (!$this->db->value('SELECT COUNT(*) FROM ' . $this->db->t('order_status') . " WHERE `order_status_id` = '" . (int)$statusId . "'", 0)) {
			throw ApiError::validation(array('order_status_id' => 'unknown order status ' . $statusId), 'Unknown order status');
		}
		$entry = array($orderId, $statusId, $comment, $notify, $override);
		if ($key === null) {
			$keys = new HistoryKeys($this->db, $this->schema);
			return self::historyAnswer($orderId, $statusId, $this->applyHistory($keys, $entry, $keys->newestHistoryId($orderId)), false);
		}
		return $this->applyHistoryOnce($key, $entry);
	}

	private function applyHistoryOnce($key, array $entry) {
		list($orderId, $statusId) = $entry;
		$keys = new HistoryKeys($this->db, $this->schema);
		$keys->ensureTable();
		$before = $keys->newestHistoryId($orderId);
		if (!$keys->claim($key, $orderId, $statusId, $before)) {
			$earlier = $this->earlierResult($keys, $key, $orderId, $statusId);
			if ($earlier > 0) {
				return self::historyAnswer($orderId, $statusId, $earlier, true);
			}
		}
		try {
			$historyId = $this->applyHistory($keys, $entry, $before);
		} catch (\Throwable $e) {
			// addHistory may have written its line before failing (a mail error after it): then the key keeps it
			$applied = $keys->appliedSince($orderId, $statusId, $before);
			if ($applied > 0) {
				$keys->finish($key, $applied);
			} else {
				$keys->release($key);
			}
			throw $e;
		}
		$keys->finish($key, $historyId);
		return self::historyAnswer($orderId, $statusId, $historyId, false);
	}

	/**
	 * The history id an earlier request with this key added, or 0 when it added none and this request now holds
	 * the key (it took over a claim whose request died before addHistory wrote its line).
	 */
	private function earlierResult(HistoryKeys $keys, $key, $orderId, $statusId) {
		$row = $keys->find($key);
		if (!$row) {
			throw new ApiError('busy', 'Another request with idempotency key ' . $key . ' has just failed; send the request again', array('retryable' => true));
		}
		if ((int)$row['order_id'] !== (int)$orderId || (int)$row['order_status_id'] !== (int)$statusId) {
			throw self::keyUsedElsewhere($row, $orderId, $statusId);
		}
		if ((int)$row['order_history_id'] > 0) {
			return (int)$row['order_history_id'];
		}
		// claimed, no result recorded: the order's own history says whether that request got as far as addHistory's line
		$applied = $keys->appliedSince($orderId, $statusId, (int)$row['history_id_before']);
		if ($applied > 0) {
			$keys->finish($key, $applied);
			return $applied;
		}
		if (!(int)$row['stale'] || !$keys->takeOver($key, $row['date_added'])) {
			throw new ApiError('busy', 'An earlier request with idempotency key ' . $key . ' is still being applied (since ' . $row['date_added'] . '); send the request again later',
				array('retryable' => true));
		}
		return 0;
	}

	/**
	 * 422 validation on fields.idempotency_key, and details.used_by = the entry the key was first used for (its
	 * order_history_id null while that request is unfinished), so a caller can tell that its own earlier request
	 * was applied with another status (a note that reads the order's status at delivery time, say).
	 */
	private static function keyUsedElsewhere(array $row, $orderId, $statusId) {
		$fields = array('idempotency_key' => 'already used for order ' . (int)$row['order_id'] . ' with status ' . (int)$row['order_status_id']
			. ', this request is for order ' . (int)$orderId . ' with status ' . (int)$statusId);
		return new ApiError('validation', 'Idempotency key already used for another history entry', array(
			'fields'  => Json::obj($fields),
			'used_by' => array(
				'order_id'         => (int)$row['order_id'],
				'order_status_id'  => (int)$row['order_status_id'],
				'order_history_id' => $row['order_history_id'] === null ? null : (int)$row['order_history_id'],
			),
		));
	}

	/** OpenCart's own addHistory()/addOrderHistory(): stock, mails, events as in the admin. */
	private function applyHistory(HistoryKeys $keys, array $entry, $before) {
		list($orderId, $statusId, $comment, $notify, $override) = $entry;
		// The comment is passed HTML-escaped, as OpenCart's request cleaning would have it.
		$this->ctx->addHistory($orderId, $statusId, Text::toDb($comment), (bool)$notify, (bool)$override);
		$historyId = $keys->newestHistoryId($orderId);
		if ($historyId <= $before) {
			throw new ApiError('internal', 'OpenCart did not record the history entry (addHistory ignored it)');
		}
		return $historyId;
	}

	private static function historyAnswer($orderId, $statusId, $historyId, $replayed) {
		return array('order_id' => $orderId, 'order_status_id' => $statusId, 'order_history_id' => $historyId, 'replayed' => $replayed);
	}
}
