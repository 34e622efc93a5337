<?php
namespace OcBridge;

/**
 * Thin adapter over OpenCart's DB object (same API on 3.x and 4.x:
 * query() → object with row/rows/num_rows, escape(), getLastId(), countAffected()).
 * Tests pass any object with the same methods.
 */
class Db {
	/** @var object */
	private $db;
	/** @var string */
	private $prefix;
	private $depth = 0;
	/** @var bool|null whether the product tables roll back (InnoDB on 4.x) or not (MyISAM on 3.x); null = not asked yet */
	private $transactional = null;
	/** @var bool|null see consecutiveAutoIds() */
	private $consecutive = null;
	/** @var callable|null function (int $attempt, int $errno): void, called before a lock conflict is retried */
	private $onRetry = null;

	/** How often one statement (autocommit) or one transaction is run when the database reports a lock conflict. */
	const LOCK_ATTEMPTS = 6;

	public function __construct($db, $prefix) {
		$this->db = $db;
		$this->prefix = $prefix;
	}

	public function onRetry($fn) {
		$this->onRetry = $fn;
	}

	/**
	 * READ COMMITTED for this connection: InnoDB then locks only the rows a statement really matches, not the gaps
	 * around them, which is what made parallel product writes deadlock on a stock shop (a DELETE that matched
	 * nothing still gap-locked the index, and the concurrent INSERTs into that gap deadlocked).
	 */
	public function readCommitted() {
		$this->exec('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
	}

	/**
	 * Do the product tables take part in transactions? 4.x creates them as InnoDB; 3.x as MyISAM, where
	 * START TRANSACTION changes nothing for them and a retried transaction would write its rows twice.
	 */
	public function transactional() {
		if ($this->transactional === null) {
			$r = $this->row("SHOW TABLE STATUS LIKE '" . $this->esc(str_replace('_', '\\_', $this->prefix) . 'product') . "'");
			$this->transactional = !$r || !isset($r['Engine']) || strcasecmp((string)$r['Engine'], 'MyISAM') !== 0;
		}
		return $this->transactional;
	}

	/**
	 * Does one multi-row INSERT hand out consecutive AUTO_INCREMENT ids (first = LAST_INSERT_ID())? MyISAM always
	 * (table lock); InnoDB unless innodb_autoinc_lock_mode = 2 ("interleaved", MySQL 8's default; MariaDB's is 1);
	 * never when auto_increment_increment is not 1 (Galera clusters). Without it, rows are inserted one by one.
	 */
	public function consecutiveAutoIds() {
		if ($this->consecutive === null) {
			$r = $this->row('SELECT @@auto_increment_increment AS inc, @@innodb_autoinc_lock_mode AS mode');
			$inc = $r && isset($r['inc']) ? (int)$r['inc'] : 0;
			$mode = $r && isset($r['mode']) ? (int)$r['mode'] : 2;
			$this->consecutive = $inc === 1 && (!$this->transactional() || $mode < 2);
		}
		return $this->consecutive;
	}

	/** Quoted, prefixed table name. */
	public function t($table) {
		return '`' . $this->prefix . $table . '`';
	}

	public function prefix() {
		return $this->prefix;
	}

	public function esc($value) {
		return $this->db->escape((string)$value);
	}

	/** 'value' quoted for SQL, NULL for null. */
	public function q($value) {
		if ($value === null) {
			return 'NULL';
		}
		if (is_bool($value)) {
			return $value ? "'1'" : "'0'";
		}
		if (is_int($value)) {
			return "'" . $value . "'";
		}
		return "'" . $this->db->escape((string)$value) . "'";
	}

	/**
	 * One statement. A deadlock or lock wait timeout outside a transaction is retried here (with autocommit only
	 * that statement was rolled back, so running it again is exact); inside a transaction the whole transaction
	 * was rolled back, so LockConflict goes up to transaction(), which runs it again from the start.
	 */
	public function exec($sql) {
		for ($attempt = 1; ; $attempt++) {
			try {
				return $this->db->query($sql);
			} catch (\Throwable $e) {
				$errno = LockConflict::errnoOf($e);
				if ($errno === null) {
					throw $e;
				}
				if ($this->depth > 0 || $attempt >= self::LOCK_ATTEMPTS) {
					throw new LockConflict($errno, $e);
				}
				$this->pauseBeforeRetry($attempt, $errno);
			}
		}
	}

	private function pauseBeforeRetry($attempt, $errno) {
		if ($this->onRetry) {
			call_user_func($this->onRetry, $attempt, $errno);
		}
		// 20, 40, 80 … ms with jitter, so that the two sides of a deadlock do not collide again in step
		usleep(mt_rand(10000, 20000) * (1 << min($attempt - 1, 5)));
	}

	/** One statement, run once: no retry after a lock conflict (for writes that may be dropped, see CallLog). */
	public function execOnce($sql) {
		return $this->db->query($sql);
	}

	public function rows($sql) {
		$r = $this->exec($sql);
		return is_object($r) && isset($r->rows) ? $r->rows : array();
	}

	public function row($sql) {
		$r = $this->exec($sql);
		return is_object($r) && isset($r->row) && $r->row ? $r->row : null;
	}

	public function value($sql, $default = null) {
		$row = $this->row($sql);
		if (!$row) {
			return $default;
		}
		return reset($row);
	}

	public function column($sql) {
		$out = array();
		foreach ($this->rows($sql) as $row) {
			$out[] = reset($row);
		}
		return $out;
	}

	public function lastId() {
		return (int)$this->db->getLastId();
	}

	public function affected() {
		return (int)$this->db->countAffected();
	}

	/** SET clause from an assoc array. */
	public function set(array $fields) {
		$parts = array();
		foreach ($fields as $k => $v) {
			if ($v instanceof RawSql) {
				$parts[] = '`' . $k . '` = ' . $v->sql;
			} else {
				$parts[] = '`' . $k . '` = ' . $this->q($v);
			}
		}
		return implode(', ', $parts);
	}

	public function insert($table, array $fields) {
		$this->exec('INSERT INTO ' . $this->t($table) . ' SET ' . $this->set($fields));
		return $this->lastId();
	}

	/** One multi-row INSERT; $rows are assoc arrays, a missing column gets DEFAULT. */
	public function insertRows($table, array $columns, array $rows) {
		if (!$rows) {
			return;
		}
		$values = array();
		foreach ($rows as $r) {
			$v = array();
			foreach ($columns as $c) {
				if (!array_key_exists($c, $r)) {
					$v[] = 'DEFAULT';
				} elseif ($r[$c] instanceof RawSql) {
					$v[] = $r[$c]->sql;
				} else {
					$v[] = $this->q($r[$c]);
				}
			}
			$values[] = '(' . implode(', ', $v) . ')';
		}
		$this->exec('INSERT INTO ' . $this->t($table) . ' (`' . implode('`, `', $columns) . '`) VALUES ' . implode(', ', $values));
	}

	public function update($table, array $fields, $where) {
		if (!$fields) {
			return;
		}
		$this->exec('UPDATE ' . $this->t($table) . ' SET ' . $this->set($fields) . ' WHERE ' . $where);
	}

	public function delete($table, $where) {
		$this->exec('DELETE FROM ' . $this->t($table) . ' WHERE ' . $where);
	}

	public function inList(array $values) {
		if (!$values) {
			return '(NULL)';
		}
		$q = array();
		foreach ($values as $v) {
			$q[] = $this->q($v);
		}
		return '(' . implode(', ', $q) . ')';
	}

	/**
	 * Run $fn inside a transaction (nested calls join the outer one). When the database reports a deadlock or a
	 * lock wait timeout, everything $fn wrote was rolled back, so $fn runs again from the start (up to
	 * LOCK_ATTEMPTS times); then LockConflict reaches the caller, which answers a retryable error.
	 * 3.x ships MyISAM product tables, which ignore transactions: there each statement commits on its own and is
	 * retried by exec(), and the service's validate-everything-before-writing order is what keeps a refused
	 * request from writing.
	 */
	public function transaction($fn) {
		if ($this->depth > 0) {
			$this->depth++;
			try {
				return $fn();
			} finally {
				$this->depth--;
			}
		}
		if (!$this->transactional()) {
			return $fn();
		}
		for ($attempt = 1; ; $attempt++) {
			$this->exec('START TRANSACTION');
			$this->depth = 1;
			try {
				$result = $fn();
				$this->exec('COMMIT');
				$this->depth = 0;
				return $result;
			} catch (\Throwable $e) {
				$this->depth = 0;
				try {
					$this->db->query('ROLLBACK');
				} catch (\Throwable $ignored) {
				}
				if (!($e instanceof LockConflict) || $attempt >= self::LOCK_ATTEMPTS) {
					throw $e;
				}
				$this->pauseBeforeRetry($attempt, $e->errno);
			}
		}
	}
}

/**
 * The database reported a deadlock (1213) or a lock wait timeout (1205) that retrying did not resolve. Not the
 * item's fault: the caller answers the retryable error code "busy", and the bridge sends the item again.
 */
class LockConflict extends \RuntimeException {
	const ERRNOS = array(1213, 1205);

	/** @var int */
	public $errno;

	public function __construct($errno, \Throwable $previous = null) {
		parent::__construct(($errno === 1213 ? 'Deadlock' : 'Lock wait timeout') . ' in the shop database (MySQL error ' . $errno . ')', $errno, $previous);
		$this->errno = $errno;
	}

	/** The MySQL error number of a lock conflict in $e (OpenCart's drivers put it in the message), or null. */
	public static function errnoOf(\Throwable $e) {
		for ($t = $e; $t !== null; $t = $t->getPrevious()) {
			if ($t instanceof LockConflict) {
				return $t->errno;
			}
			$code = (int)$t->getCode();
			if (in_array($code, self::ERRNOS, true)) {
				return $code;
			}
			if (preg_match('/Error No: (1213|1205)\b/', $t->getMessage(), $m)) {
				return (int)$m[1];
			}
		}
		return null;
	}
}

/** A raw SQL expression for Db::set() (e.g. NOW()). */
class RawSql {
	public $sql;

	public function __construct($sql) {
		$this->sql = $sql;
	}
}
