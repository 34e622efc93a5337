<?php
namespace OcBridge;

/**
 * The bridge's own table oc_ocbridge_history_key: one row per idempotency key of order.history_add, so a request
 * the bridge repeats after a lost answer adds its history line (and mail) once. A row is a claim made before
 * OpenCart's addHistory() runs (order_history_id NULL, history_id_before = the order's newest history id then) and
 * becomes a result when the new history id is recorded.
 *
 * Created at module install and, for a shop that updated the extension without reinstalling it, on the first
 * request that carries a key (CREATE TABLE IF NOT EXISTS, so concurrent first requests are harmless).
 */
class HistoryKeys {
	const TABLE = 'ocbridge_history_key';
	const KEY_PATTERN = '/^[A-Za-z0-9._:-]{1,64}$/';
	/**
	 * A claim without a result younger than this may belong to a request that is still running (addHistory sends
	 * mails, which can take a while); older ones are left over from a request that died (PHP timeout, crash).
	 */
	const STALE_CLAIM_SECONDS = 120;

	/** @var Db */
	private $db;
	/** @var Schema */
	private $schema;

	public function __construct(Db $db, Schema $schema) {
		$this->db = $db;
		$this->schema = $schema;
	}

	public static function createSql($prefix) {
		return 'CREATE TABLE IF NOT EXISTS `' . $prefix . self::TABLE . '` ('
			. '`idempotency_key` VARCHAR(64) NOT NULL, '
			. '`order_id` INT(11) NOT NULL, '
			. '`order_status_id` INT(11) NOT NULL, '
			. '`history_id_before` INT(11) NOT NULL, '
			. '`order_history_id` INT(11) NULL DEFAULT NULL, '
			. '`date_added` DATETIME NOT NULL, '
			. 'PRIMARY KEY (`idempotency_key`), '
			. 'KEY `order_id` (`order_id`)'
			. ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';
	}

	public static function dropSql($prefix) {
		return 'DROP TABLE IF EXISTS `' . $prefix . self::TABLE . '`';
	}

	public static function valid($key) {
		return is_string($key) && preg_match(self::KEY_PATTERN, $key) === 1;
	}

	public function ensureTable() {
		if (!$this->schema->hasTable(self::TABLE)) {
			$this->db->exec(self::createSql($this->db->prefix()));
		}
	}

	/** Takes the key for this order and status; false when it was taken before (by this request's earlier attempt or a concurrent one). */
	public function claim($key, $orderId, $statusId, $historyIdBefore) {
		$this->db->exec('INSERT IGNORE INTO ' . $this->db->t(self::TABLE)
			. ' (`idempotency_key`, `order_id`, `order_status_id`, `history_id_before`, `order_history_id`, `date_added`) VALUES ('
			. $this->db->q($key) . ", '" . (int)$orderId . "', '" . (int)$statusId . "', '" . (int)$historyIdBefore . "', NULL, NOW())");
		return $this->db->affected() === 1;
	}

	/** @return array|null the key's row, with `stale` = whether an unfinished claim is old enough to be taken over */
	public function find($key) {
		return $this->db->row('SELECT `order_id`, `order_status_id`, `history_id_before`, `order_history_id`, `date_added`,'
			. ' `date_added` < NOW() - INTERVAL ' . self::STALE_CLAIM_SECONDS . ' SECOND AS `stale` FROM ' . $this->db->t(self::TABLE)
			. ' WHERE `idempotency_key` = ' . $this->db->q($key));
	}

	/**
	 * Takes over a stale claim: only one of several requests that found it stale wins (the claim's date_added is
	 * compared and renewed in one statement).
	 */
	public function takeOver($key, $claimedAt) {
		$this->db->exec('UPDATE ' . $this->db->t(self::TABLE) . ' SET `date_added` = NOW() WHERE `idempotency_key` = ' . $this->db->q($key)
			. ' AND `order_history_id` IS NULL AND `date_added` = ' . $this->db->q($claimedAt));
		return $this->db->affected() === 1;
	}

	public function finish($key, $historyId) {
		$this->db->exec('UPDATE ' . $this->db->t(self::TABLE) . " SET `order_history_id` = '" . (int)$historyId . "' WHERE `idempotency_key` = " . $this->db->q($key));
	}

	/** Gives the key back when addHistory did not add a line, so a later attempt may apply it. */
	public function release($key) {
		$this->db->exec('DELETE FROM ' . $this->db->t(self::TABLE) . ' WHERE `idempotency_key` = ' . $this->db->q($key) . ' AND `order_history_id` IS NULL');
	}

	/** The order's first history line with this status after $afterId (the sign that a claimed request was applied), or 0. */
	public function appliedSince($orderId, $statusId, $afterId) {
		return (int)$this->db->value('SELECT MIN(`order_history_id`) FROM ' . $this->db->t('order_history') . " WHERE `order_id` = '" . (int)$orderId
			. "' AND `order_status_id` = '" . (int)$statusId . "' AND `order_history_id` > '" . (int)$afterId . "'", 0);
	}

	/** The order's newest history id, 0 when it has none. */
	public function newestHistoryId($orderId) {
		return (int)$this->db->value('SELECT MAX(`order_history_id`) FROM ' . $this->db->t('order_history') . " WHERE `order_id` = '" . (int)$orderId . "'", 0);
	}
}
