<?php
namespace OcBridge;

/**
 * The bridge's last calls, for the extension's admin page: the extension-owned table oc_ocbridge_call holds at most
 * two rows, `last` (the last call that passed authentication: its operation, result, API user, caller IP, duration)
 * and `refused` (the last call refused as unauthorized or from an IP the allow-list does not hold, so a shop owner
 * can see that the bridge calls and why it is turned away).
 *
 * Recording is one INSERT … ON DUPLICATE KEY UPDATE per call, run once, never retried (a lock conflict is not worth
 * a sleep on the call path) and never allowed to fail the call: any error is written to the log and dropped. The
 * table is made at module install and, for a shop that updated the extension without reinstalling it, on demand:
 * when the insert finds no table (MySQL error 1146) it is created and the insert runs once more.
 */
class CallLog {
	const TABLE = 'ocbridge_call';
	const KIND_LAST = 'last';
	const KIND_REFUSED = 'refused';
	/** Error codes that mean "not let in": recorded as `refused`, without an API user. */
	const REFUSALS = array('unauthorized', 'forbidden_ip');

	/** @var Db */
	private $db;

	public function __construct(Db $db) {
		$this->db = $db;
	}

	public static function createSql($prefix) {
		return 'CREATE TABLE IF NOT EXISTS `' . $prefix . self::TABLE . '` ('
			. '`kind` VARCHAR(16) NOT NULL, '
			. '`op` VARCHAR(64) NOT NULL, '
			. '`result` VARCHAR(32) NOT NULL, '
			. '`http_status` SMALLINT NOT NULL, '
			. '`api_id` INT(11) NOT NULL DEFAULT 0, '
			. '`ip` VARCHAR(45) NOT NULL, '
			. '`duration_ms` INT(11) NOT NULL, '
			. '`calls` BIGINT UNSIGNED NOT NULL DEFAULT 1, '
			. '`date_added` DATETIME NOT NULL, '
			. 'PRIMARY KEY (`kind`)'
			. ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';
	}

	public static function dropSql($prefix) {
		return 'DROP TABLE IF EXISTS `' . $prefix . self::TABLE . '`';
	}

	/**
	 * Records one answered call; never throws.
	 * @param string $op     the requested operation (anything not in the op table is stored as "?")
	 * @param int    $status HTTP status of the answer
	 * @param string $result "ok" or the contract's error code
	 * @param int    $apiId  the authenticated API user, 0 when authentication failed
	 */
	public function record($op, $status, $result, $apiId, $ip, $ms) {
		try {
			$kind = in_array($result, self::REFUSALS, true) ? self::KIND_REFUSED : self::KIND_LAST;
			$sql = $this->upsertSql($kind, $op, $status, $result, $kind === self::KIND_LAST ? (int)$apiId : 0, $ip, $ms);
			try {
				$this->db->execOnce($sql);
			} catch (\Throwable $e) {
				if (!self::isMissingTable($e)) {
					throw $e;
				}
				$this->db->execOnce(self::createSql($this->db->prefix()));
				$this->db->execOnce($sql);
			}
		} catch (\Throwable $e) {
			Log::error('could not record the call ' . self::opName($op) . ' for the admin page (the call itself is answered): ' . Log::clean($e->getMessage()));
		}
	}

	public function upsertSql($kind, $op, $status, $result, $apiId, $ip, $ms) {
		$values = array(
			'kind' => $kind, 'op' => self::opName($op), 'result' => substr((string)$result, 0, 32), 'http_status' => (int)$status,
			'api_id' => (int)$apiId, 'ip' => substr((string)$ip, 0, 45), 'duration_ms' => max(0, (int)$ms),
		);
		$cols = array();
		$vals = array();
		$updates = array();
		foreach ($values as $col => $v) {
			$cols[] = '`' . $col . '`';
			$vals[] = $this->db->q($v);
			if ($col !== 'kind') {
				$updates[] = '`' . $col . '` = VALUES(`' . $col . '`)';
			}
		}
		return 'INSERT INTO ' . $this->db->t(self::TABLE) . ' (' . implode(', ', $cols) . ', `calls`, `date_added`) VALUES ('
			. implode(', ', $vals) . ", '1', NOW()) ON DUPLICATE KEY UPDATE " . implode(', ', $updates)
			. ', `calls` = `calls` + 1, `date_added` = NOW()';
	}

	/**
	 * @return array kind => row (op, result, http_status, api_id, ip, duration_ms, calls, date_added, age_seconds);
	 *               empty when the table does not exist yet (no call since the extension was installed or updated)
	 */
	public function read(Schema $schema) {
		if (!$schema->hasTable(self::TABLE)) {
			return array();
		}
		$out = array();
		// the age is computed by the database, in the same clock that wrote date_added (the shop's time zone)
		foreach ($this->db->rows('SELECT `kind`, `op`, `result`, `http_status`, `api_id`, `ip`, `duration_ms`, `calls`, `date_added`,'
			. ' TIMESTAMPDIFF(SECOND, `date_added`, NOW()) AS `age_seconds` FROM ' . $this->db->t(self::TABLE)) as $r) {
			$out[$r['kind']] = $r;
		}
		return $out;
	}

	/** Only names from the op table are stored: the admin page never shows text a caller made up. */
	public static function opName($op) {
		return is_string($op) && array_key_exists($op, Router::OPS) ? $op : '?';
	}

	public static function isMissingTable(\Throwable $e) {
		for ($t = $e; $t !== null; $t = $t->getPrevious()) {
			if ((int)$t->getCode() === 1146 || preg_match('/Error No: 1146\b|doesn\'t exist/i', $t->getMessage())) {
				return true;
			}
		}
		return false;
	}
}
