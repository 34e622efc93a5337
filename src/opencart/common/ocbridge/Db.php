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

	public function __construct($db, $prefix) {
		$this->db = $db;
		$this->prefix = $prefix;
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

	public function exec($sql) {
		return $this->db->query($sql);
	}

	public function rows($sql) {
		$r = $this->db->query($sql);
		return is_object($r) && isset($r->rows) ? $r->rows : array();
	}

	public function row($sql) {
		$r = $this->db->query($sql);
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
	 * Run $fn inside a transaction (nested calls join the outer one).
	 * InnoDB tables (4.x) roll back on error; 3.x ships MyISAM tables, where the service's
	 * validate-everything-before-writing order is what keeps a failed request from writing.
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
		$this->exec('START TRANSACTION');
		$this->depth = 1;
		try {
			$result = $fn();
			$this->depth = 0;
			$this->exec('COMMIT');
			return $result;
		} catch (\Throwable $e) {
			$this->depth = 0;
			try {
				$this->exec('ROLLBACK');
			} catch (\Throwable $ignored) {
			}
			throw $e;
		}
	}
}

/** A raw SQL expression for Db::set() (e.g. NOW()). */
class RawSql {
	public $sql;

	public function __construct($sql) {
		$this->sql = $sql;
	}
}
