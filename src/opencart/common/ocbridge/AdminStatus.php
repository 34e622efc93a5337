<?php
namespace OcBridge;

/**
 * What the extension's admin page shows: the bridge-facing state of this shop, read from the shop's own tables
 * (versions, the extension's tables and their rows, products linked to 1C, OpenCart's API users with their IP
 * lists, the last calls from CallLog). Nothing of the bridge's own configuration: that lives on the bridge's host.
 * Read-only; the same on 3.x and 4.x.
 */
class AdminStatus {
	/** The contract the extension serves (opencart-bridge-v1.md). */
	const CONTRACT = 'OCBridge v1';
	/**
	 * A last call older than this needs a look: a running bridge polls orders every orders.pollSeconds (60 by
	 * default), so a quarter of an hour without a call means it does not reach the shop.
	 */
	const STALE_SECONDS = 900;

	/** @var Db */
	private $db;
	/** @var Schema */
	private $schema;

	public function __construct(Db $db) {
		$this->db = $db;
		$this->schema = new Schema($db);
	}

	/** @param string $openCartVersion VERSION of the running shop */
	public function collect($openCartVersion) {
		$calls = (new CallLog($this->db))->read($this->schema);
		$last = isset($calls[CallLog::KIND_LAST]) ? self::callRow($calls[CallLog::KIND_LAST]) : null;
		$refused = isset($calls[CallLog::KIND_REFUSED]) ? self::callRow($calls[CallLog::KIND_REFUSED]) : null;
		$linkTable = $this->schema->hasTable(LinkTable::TABLE);
		return array(
			'bridge_version'   => Router::BRIDGE_VERSION,
			'contract'         => self::CONTRACT,
			'opencart_version' => (string)$openCartVersion,
			'tables'           => $this->tables(),
			'link_table'       => $linkTable,
			'links'            => $linkTable ? $this->linksByEntity() : array(),
			'linked_products'  => $linkTable ? $this->linkedProducts() : 0,
			'api_users'        => $this->apiUsers($last, $refused),
			'last'             => $last,
			'refused'          => $refused,
			'stale_seconds'    => self::STALE_SECONDS,
		);
	}

	/** @return array of ['name' => prefixed table name, 'exists' => bool, 'rows' => int|null] */
	private function tables() {
		$out = array();
		foreach (array(LinkTable::TABLE, HistoryKeys::TABLE, CallLog::TABLE) as $table) {
			$exists = $this->schema->hasTable($table);
			$out[] = array(
				'name'   => $this->db->prefix() . $table,
				'exists' => $exists,
				'rows'   => $exists ? (int)$this->db->value('SELECT COUNT(*) FROM ' . $this->db->t($table), 0) : null,
			);
		}
		return $out;
	}

	/** @return array entity => number of links, in LinkTable::ENTITIES order, kinds without links left out */
	private function linksByEntity() {
		$counts = array();
		foreach ($this->db->rows('SELECT `entity`, COUNT(*) AS `n` FROM ' . $this->db->t(LinkTable::TABLE) . ' GROUP BY `entity`') as $r) {
			$counts[(string)$r['entity']] = (int)$r['n'];
		}
		$out = array();
		foreach (LinkTable::ENTITIES as $entity) {
			if (!empty($counts[$entity])) {
				$out[$entity] = $counts[$entity];
			}
		}
		return $out;
	}

	/** Products of the shop that have a 1C link (a link whose product was deleted in the admin does not count). */
	private function linkedProducts() {
		return (int)$this->db->value('SELECT COUNT(DISTINCT l.`entity_id`) FROM ' . $this->db->t(LinkTable::TABLE) . ' l JOIN '
			. $this->db->t('product') . " p ON p.`product_id` = l.`entity_id` WHERE l.`entity` = 'product'", 0);
	}

	/**
	 * OpenCart's API users (never their keys) with their IP lists; the one the last call authenticated as is marked,
	 * and for it whether the allow-list holds the address that call came from.
	 */
	private function apiUsers($last, $refused) {
		$ips = array();
		foreach ($this->db->rows('SELECT `api_id`, `ip` FROM ' . $this->db->t('api_ip') . ' ORDER BY `api_ip_id`') as $r) {
			$ips[(int)$r['api_id']][] = (string)$r['ip'];
		}
		$out = array();
		foreach ($this->db->rows('SELECT `api_id`, `username`, `status` FROM ' . $this->db->t('api') . ' ORDER BY `api_id`') as $r) {
			$id = (int)$r['api_id'];
			$list = isset($ips[$id]) ? $ips[$id] : array();
			$used = $last !== null && $last['api_id'] === $id;
			$out[] = array(
				'api_id'         => $id,
				'username'       => Text::fromDb($r['username']),
				'enabled'        => (int)$r['status'] === 1,
				'ips'            => $list,
				'used_by_bridge' => $used,
				// the address the bridge last called from; a later refusal from another address is what tells a move
				'caller_ip'      => $used ? $last['ip'] : null,
				'caller_allowed' => $used ? in_array($last['ip'], $list, true) : null,
			);
		}
		return $out;
	}

	private static function callRow(array $r) {
		return array(
			'op'          => (string)$r['op'],
			'result'      => (string)$r['result'],
			'http_status' => (int)$r['http_status'],
			'api_id'      => (int)$r['api_id'],
			'ip'          => (string)$r['ip'],
			'duration_ms' => (int)$r['duration_ms'],
			'calls'       => (int)$r['calls'],
			'date_added'  => (string)$r['date_added'],
			'age_seconds' => max(0, (int)$r['age_seconds']),
		);
	}
}
