<?php
namespace OcBridge;

/**
 * All operations of the contract. One instance per request; version differences are handled
 * through Schema flags. Ops are grouped in traits (products, catalog dictionaries, orders).
 */
class Service {
	use ProductOps;
	use ProductBatchOps;
	use StockPriceOps;
	use CatalogOps;
	use OrderOps;

	/** @var Context */
	protected $ctx;
	/** @var Db */
	protected $db;
	/** @var Schema */
	protected $schema;
	/** @var Preload|null lookups of the batch being planned (products.upsert); null outside planning */
	protected $preload = null;

	public function __construct(Context $ctx) {
		$this->ctx = $ctx;
		$this->db = $ctx->db;
		$this->schema = $ctx->schema;
	}

	/** Once per request, before any operation: how this request's connection locks (see Db::readCommitted). */
	public function prepareConnection() {
		$this->db->readCommitted();
		$this->db->onRetry(function ($attempt, $errno) {
			if ($attempt === 1) {
				Log::error('lock conflict (MySQL error ' . $errno . '), retrying');
			}
		});
	}

	/** Where the router records each answered call for the extension's admin page. */
	public function callLog() {
		return new CallLog($this->db);
	}

	// ------------------------------------------------------------------ auth

	/**
	 * Who the caller is for the IP allow-list: the socket peer, or, when the peer is one of the extension's trusted
	 * proxies (TrustedProxies::SETTING_KEY, read from OpenCart's loaded config by the controller), the address its
	 * X-Forwarded-For names. Empty setting: the peer, headers ignored (contract §3).
	 */
	public function clientAddress($peer, $forwardedFor) {
		return TrustedProxies::fromSetting($this->ctx->setting('trusted_proxies'))->resolve($peer, $forwardedFor);
	}

	/**
	 * OpenCart's own API users (System › Users › API) and their IP allow-list. $ip is the caller as clientAddress()
	 * told it ($client, when given, says through which trusted proxy, or why it cannot be believed), see contract §3.
	 */
	public function authenticate($username, $key, $ip, $client = null) {
		if ($username === '' || $key === '') {
			throw new ApiError('unauthorized', 'Missing X-Api-Username or X-Api-Key header');
		}
		$api = $this->db->row('SELECT `api_id`, `key` FROM ' . $this->db->t('api') . ' WHERE `username` = ' . $this->db->q($username) . " AND `status` = '1'");
		if (!$api || !is_string($api['key']) || $api['key'] === '' || !hash_equals($api['key'], $key)) {
			throw new ApiError('unauthorized', 'Unknown API user or wrong key');
		}
		if ($client !== null && $client->problem !== null) {
			throw new ApiError('forbidden_ip', $client->problem, array('ip' => $ip, 'proxy' => $client->proxy));
		}
		if ($ip === '') {
			throw new ApiError('forbidden_ip', 'Caller IP unknown: OpenCart replaced REMOTE_ADDR with a forwarding header (X-Forwarded-For / Client-IP), which the bridge does not trust', array('ip' => ''));
		}
		$allowed = $this->db->value('SELECT COUNT(*) FROM ' . $this->db->t('api_ip') . " WHERE `api_id` = '" . (int)$api['api_id'] . "' AND `ip` = " . $this->db->q($ip), 0);
		if (!(int)$allowed) {
			if ($client !== null && $client->proxy !== null) {
				throw new ApiError('forbidden_ip', 'IP not allowed (the address X-Forwarded-For names, sent through the trusted proxy ' . $client->proxy . ')', array('ip' => $ip, 'proxy' => $client->proxy));
			}
			throw new ApiError('forbidden_ip', 'IP not allowed', array('ip' => $ip));
		}
		if (!$this->schema->hasTable(LinkTable::TABLE)) {
			throw new ApiError('internal', 'OCBridge is not installed: install it under Extensions › Extensions › Modules › OCBridge');
		}
		return (int)$api['api_id'];
	}

	// ------------------------------------------------------------------ ping

	public function ping($query, $body) {
		$languages = array();
		$default = $this->ctx->defaultLanguageId();
		foreach ($this->ctx->languages() as $code => $l) {
			$languages[] = array('code' => $code, 'language_id' => $l['language_id'], 'default' => $l['language_id'] == $default, 'status' => $l['status']);
		}
		$stores = array();
		foreach ($this->ctx->stores() as $id => $name) {
			$stores[] = array('store_id' => $id, 'name' => $name);
		}
		return array(
			'bridge_version'   => Router::BRIDGE_VERSION,
			'opencart_version' => (string)$this->ctx->setting('opencart_version'),
			'languages'        => $languages,
			'stores'           => $stores,
			'currency'         => (string)$this->ctx->setting('currency'),
			'timezone'         => $this->ctx->timezone(),
			'capabilities'     => Router::capabilities(),
			'features'         => Router::FEATURES,
		);
	}

	// ------------------------------------------------------------------ link table

	protected function linkFind($entity, $externalId) {
		if ($this->preload) {
			list($known, $cached) = $this->preload->link($entity, $externalId);
			if ($known) {
				return $cached;
			}
		}
		$id = $this->db->value(LinkTable::findIdSql($this->db->prefix(), $entity, $externalId, array($this->db, 'esc')));
		return $id === null ? null : (int)$id;
	}

	/** @return array entity_id => external_id (first link of each id) */
	protected function linkExternal($entity, array $ids) {
		$out = array();
		if (!$ids) {
			return $out;
		}
		foreach ($this->db->rows(LinkTable::findExternalSql($this->db->prefix(), $entity, $ids)) as $r) {
			if (!isset($out[(int)$r['entity_id']])) {
				$out[(int)$r['entity_id']] = $r['external_id'];
			}
		}
		return $out;
	}

	protected function linkRows($entity, array $ids) {
		$out = array();
		foreach ($this->db->rows(LinkTable::findExternalSql($this->db->prefix(), $entity, $ids)) as $r) {
			$out[(int)$r['entity_id']] = $r;
		}
		return $out;
	}

	protected function linkSet($entity, $externalId, $entityId, $sku = null) {
		$cur = $this->db->row('SELECT `entity_id`, `sku` FROM ' . $this->db->t(LinkTable::TABLE) . ' WHERE `entity` = ' . $this->db->q($entity) . ' AND `external_id` = ' . $this->db->q($externalId));
		if ($cur && (int)$cur['entity_id'] === (int)$entityId && $cur['sku'] === ($sku === null ? null : (string)$sku)) {
			return; // unchanged: no write, so repeated imports leave the table as it is
		}
		$this->db->exec(LinkTable::upsertSql($this->db->prefix(), $entity, $externalId, $entityId, $sku, array($this->db, 'esc')));
	}

	/** Several links in one statement: $links = [[external_id, entity_id, sku|null], …]. */
	protected function linkSetMany($entity, array $links) {
		if ($links) {
			$this->db->exec(LinkTable::upsertManySql($this->db->prefix(), $entity, $links, array($this->db, 'esc')));
		}
	}

	protected function linkDeleteFor($entity, $entityId, $except = null) {
		$this->db->exec(LinkTable::deleteForIdSql($this->db->prefix(), $entity, $entityId, $except, array($this->db, 'esc')));
	}

	/**
	 * Removes the links of several OpenCart ids. Looked for with a plain read first and deleted by primary key: a
	 * DELETE … WHERE entity_id IN (a long list) may be run as a scan that locks every row it passes, which
	 * deadlocked against parallel link inserts (203 deadlocks in one 50,000-product exchange).
	 */
	protected function linkDeleteForIds($entity, array $ids) {
		if (!$ids) {
			return;
		}
		$linkIds = $this->db->column(LinkTable::linkIdsForIdsSql($this->db->prefix(), $entity, $ids));
		if ($linkIds) {
			$this->db->exec(LinkTable::deleteByLinkIdsSql($this->db->prefix(), $linkIds));
		}
	}

	/** Does row $id exist in $table (primary key $idField)? */
	protected function exists($table, $idField, $id) {
		if ($this->preload) {
			list($known, $cached) = $this->preload->exists($table, $id);
			if ($known) {
				return $cached;
			}
		}
		return (bool)$this->db->value('SELECT COUNT(*) FROM ' . $this->db->t($table) . ' WHERE `' . $idField . "` = '" . (int)$id . "'", 0);
	}

	/**
	 * Resolve {"external_id"} / {"id"} to an existing id, or record an error at $path.
	 * @return int|null
	 */
	protected function resolveRef($ref, $entity, $table, $idField, Validator $v, $path) {
		if (!$ref) {
			return null;
		}
		if (isset($ref['external_id'])) {
			$id = $this->linkFind($entity, $ref['external_id']);
			if ($id !== null && $this->exists($table, $idField, $id)) {
				return $id;
			}
			$v->fail($path, 'unknown ' . $entity . ' external_id ' . $ref['external_id']);
			return null;
		}
		if ($this->exists($table, $idField, $ref['id'])) {
			return $ref['id'];
		}
		$v->fail($path, 'unknown ' . $idField . ' ' . $ref['id']);
		return null;
	}

	/** Language code → id for every key of $map, recording unknown codes at $path.<code>. */
	protected function languageIds(array $map, Validator $v, $path) {
		$out = array();
		foreach ($map as $code => $unused) {
			$id = $this->ctx->languageId($code);
			if ($id === null) {
				$v->fail($path . '.' . $code, 'unknown language code');
			} else {
				$out[$code] = $id;
			}
		}
		return $out;
	}

	protected function checkStores(array $storeIds, Validator $v, $path) {
		$stores = $this->ctx->stores();
		foreach ($storeIds as $i => $sid) {
			if (!isset($stores[$sid])) {
				$v->fail($path . '.' . $i, 'unknown store_id ' . $sid);
			}
		}
	}

	// ------------------------------------------------------------------ SEO URLs

	/** Who owns $keyword in $storeId? ['key' => 'product_id', 'value' => '42'] or null. */
	protected function seoOwner($storeId, $keyword) {
		if ($this->schema->seoKeyValue()) {
			$r = $this->db->row('SELECT `key`, `value` FROM ' . $this->db->t('seo_url') . " WHERE `store_id` = '" . (int)$storeId . "' AND `keyword` = " . $this->db->q($keyword) . ' LIMIT 1');
			return $r ? array('key' => $r['key'], 'value' => (string)$r['value']) : null;
		}
		$r = $this->db->row('SELECT `query` FROM ' . $this->db->t('seo_url') . " WHERE `store_id` = '" . (int)$storeId . "' AND `keyword` = " . $this->db->q($keyword) . ' LIMIT 1');
		if (!$r) {
			return null;
		}
		$parts = explode('=', $r['query'], 2);
		return array('key' => $parts[0], 'value' => isset($parts[1]) ? $parts[1] : '');
	}

	public static function ownerLabel(array $owner) {
		$names = array('product_id' => 'product', 'category_id' => 'category', 'path' => 'category', 'manufacturer_id' => 'manufacturer', 'information_id' => 'information');
		$value = $owner['value'];
		if ($owner['key'] === 'path') {
			$parts = explode('_', $value);
			$value = end($parts);
		}
		return (isset($names[$owner['key']]) ? $names[$owner['key']] : $owner['key']) . ' ' . $value;
	}

	/**
	 * Validate seo_keywords (store → lang → keyword) for entity $key/$value (value null = new)
	 * and return [[store, language_id, keyword|null], …]. 4.x category keywords are checked with
	 * their parent prefix by the caller.
	 */
	protected function seoPlan(array $keywords, $key, $value, Validator $v, $path, $isOwner = null) {
		$plan = array();
		$stores = $this->ctx->stores();
		foreach ($keywords as $storeId => $langs) {
			if (!isset($stores[$storeId])) {
				$v->fail($path . '.' . $storeId, 'unknown store_id');
				continue;
			}
			foreach ($langs as $code => $kw) {
				$p = $path . '.' . $storeId . '.' . $code;
				$langId = $this->ctx->languageId($code);
				if ($langId === null) {
					$v->fail($p, 'unknown language code');
					continue;
				}
				if ($kw !== null) {
					$owner = $this->seoOwner($storeId, Text::toDb($kw));
					if ($owner) {
						$mine = $isOwner ? call_user_func($isOwner, $owner) : ($value !== null && $owner['key'] === $key && (string)$owner['value'] === (string)$value);
						if (!$mine) {
							$v->fail($p, 'already used by ' . self::ownerLabel($owner));
							continue;
						}
					}
				}
				$plan[] = array((int)$storeId, $langId, $kw, $code);
			}
		}
		return $plan;
	}

	/** Replace the keyword of ($key=$value) in one store/language (null deletes it). */
	protected function seoWrite($key, $value, $storeId, $languageId, $keyword) {
		$match = $this->schema->seoKeyValue()
			? '`key` = ' . $this->db->q($key) . ' AND `value` = ' . $this->db->q((string)$value)
			: '`query` = ' . $this->db->q($key . '=' . $value);
		$current = $this->db->column('SELECT `keyword` FROM ' . $this->db->t('seo_url') . " WHERE `store_id` = '" . (int)$storeId . "' AND `language_id` = '" . (int)$languageId . "' AND " . $match);
		$wanted = ($keyword === null || $keyword === '') ? array() : array(Text::toDb($keyword));
		if ($current === $wanted) {
			return; // unchanged
		}
		if ($this->schema->seoKeyValue()) {
			$this->db->delete('seo_url', "`store_id` = '" . (int)$storeId . "' AND `language_id` = '" . (int)$languageId . "' AND `key` = " . $this->db->q($key) . ' AND `value` = ' . $this->db->q((string)$value));
			if ($keyword !== null && $keyword !== '') {
				$this->schema->insert('seo_url', array('store_id' => (int)$storeId, 'language_id' => (int)$languageId, 'key' => $key, 'value' => (string)$value, 'keyword' => Text::toDb($keyword), 'sort_order' => 0));
			}
			return;
		}
		$query = $key . '=' . $value;
		$this->db->delete('seo_url', "`store_id` = '" . (int)$storeId . "' AND `language_id` = '" . (int)$languageId . "' AND `query` = " . $this->db->q($query));
		if ($keyword !== null && $keyword !== '') {
			$this->db->insert('seo_url', array('store_id' => (int)$storeId, 'language_id' => (int)$languageId, 'query' => $query, 'keyword' => Text::toDb($keyword)));
		}
	}

	/** All keywords of ($key=$value): [store_id => [code => keyword]]. */
	protected function seoRead($key, $value) {
		if ($this->schema->seoKeyValue()) {
			$rows = $this->db->rows('SELECT `store_id`, `language_id`, `keyword` FROM ' . $this->db->t('seo_url') . ' WHERE `key` = ' . $this->db->q($key) . ' AND `value` = ' . $this->db->q((string)$value));
		} else {
			$rows = $this->db->rows('SELECT `store_id`, `language_id`, `keyword` FROM ' . $this->db->t('seo_url') . ' WHERE `query` = ' . $this->db->q($key . '=' . $value));
		}
		$out = array();
		foreach ($rows as $r) {
			$code = $this->ctx->languageCode($r['language_id']);
			if ($code !== null) {
				$out[(string)$r['store_id']][$code] = Text::fromDb($r['keyword']);
			}
		}
		return $out;
	}

	protected function seoDeleteAll($key, $value) {
		if ($this->schema->seoKeyValue()) {
			$this->db->delete('seo_url', '`key` = ' . $this->db->q($key) . ' AND `value` = ' . $this->db->q((string)$value));
		} else {
			$this->db->delete('seo_url', '`query` = ' . $this->db->q($key . '=' . $value));
		}
	}

	// ------------------------------------------------------------------ helpers

	/**
	 * Replace the rows of $table matching $where with $rows, but only when they differ
	 * (compared on the given columns as strings, order-insensitive). Returns true when written.
	 */
	protected function replaceRows($table, $where, array $rows, array $columns, array $fixed) {
		$norm = function (array $r) use ($columns) {
			$out = array();
			foreach ($columns as $c) {
				$v = isset($r[$c]) ? $r[$c] : '';
				$out[] = is_bool($v) ? ($v ? '1' : '0') : (string)$v;
			}
			return implode("\x1f", $out);
		};
		$want = array();
		foreach ($rows as $r) {
			$want[] = $norm($r);
		}
		$have = array();
		$cols = '`' . implode('`, `', $columns) . '`';
		foreach ($this->db->rows('SELECT ' . $cols . ' FROM ' . $this->db->t($table) . ' WHERE ' . $where) as $r) {
			$have[] = $norm($r);
		}
		sort($want);
		sort($have);
		if ($want === $have) {
			return false;
		}
		if ($have) {
			// only when there is something to delete: a DELETE that matches nothing still takes locks
			$this->db->delete($table, $where);
		}
		$full = array();
		foreach ($rows as $r) {
			$full[] = $r + $fixed;
		}
		$this->schema->insertMany($table, $full);
		return true;
	}

	protected function iso($dbValue) {
		return Dates::toIso($dbValue, $this->ctx->timezone());
	}

	/** Copy descriptions to every shop language that has none (so the storefront shows the row). */
	protected function fillLanguages(array $byLangId) {
		if (!$byLangId) {
			return $byLangId;
		}
		$first = reset($byLangId);
		foreach ($this->ctx->languages() as $l) {
			if (!isset($byLangId[$l['language_id']])) {
				$byLangId[$l['language_id']] = $first;
			}
		}
		return $byLangId;
	}

	protected static function now() {
		return new RawSql('NOW()');
	}
}
