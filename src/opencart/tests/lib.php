<?php
/** Assertions and fakes for the harness. */
class TestReg {
	public static $tests = array();
}

class AssertionFailed extends \Exception {
}

function t($name, $fn) {
	if (isset(TestReg::$tests[$name])) {
		throw new \LogicException('duplicate test ' . $name);
	}
	TestReg::$tests[$name] = $fn;
}

function export($v) {
	return is_object($v) && !($v instanceof \stdClass) ? get_class($v) : json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
}

function eq($expected, $actual, $msg = '') {
	if ($expected !== $actual) {
		throw new AssertionFailed(($msg ? $msg . ': ' : '') . 'expected ' . export($expected) . ', got ' . export($actual));
	}
}

function ok($cond, $msg = 'expected true') {
	if (!$cond) {
		throw new AssertionFailed($msg);
	}
}

function contains($needle, $haystack, $msg = '') {
	if (strpos($haystack, $needle) === false) {
		throw new AssertionFailed(($msg ? $msg . ': ' : '') . export($haystack) . ' does not contain ' . export($needle));
	}
}

/** Run $fn, expect an ApiError with $code; returns it. */
function apiError($code, $fn) {
	try {
		$fn();
	} catch (\OcBridge\ApiError $e) {
		eq($code, $e->getErrorCode(), 'error code (' . $e->getMessage() . ' ' . export($e->getDetails()) . ')');
		return $e;
	}
	throw new AssertionFailed('expected ApiError ' . $code);
}

/** The `fields` map of a validation ApiError as a plain array. */
function fields(\OcBridge\ApiError $e) {
	$d = $e->getDetails();
	return (array)$d['fields'];
}

/**
 * Fake of OpenCart's DB object: answers queries with the first handler whose regex matches,
 * records every statement.
 */
class FakeOcDb {
	public $log = array();
	private $handlers = array();
	public $lastId = 0;

	public function on($regex, $rows) {
		$this->handlers[] = array($regex, $rows);
		return $this;
	}

	public function query($sql) {
		$this->log[] = $sql;
		foreach ($this->handlers as $h) {
			if (preg_match($h[0], $sql)) {
				$rows = is_callable($h[1]) ? call_user_func($h[1], $sql) : $h[1];
				$r = new \stdClass();
				$r->rows = $rows;
				$r->row = $rows ? $rows[0] : array();
				$r->num_rows = count($rows);
				return $r;
			}
		}
		if (preg_match('/^\s*(SELECT|SHOW)/i', $sql)) {
			$r = new \stdClass();
			$r->rows = array();
			$r->row = array();
			$r->num_rows = 0;
			return $r;
		}
		return true;
	}

	public function escape($v) {
		return addslashes($v);
	}

	public function getLastId() {
		return $this->lastId;
	}

	public function countAffected() {
		return 0;
	}
}

function fakeContext(FakeOcDb $db, array $settings = array()) {
	return new \OcBridge\Context(new \OcBridge\Db($db, 'oc_'), $settings + array('timezone' => 'Europe/Moscow', 'default_language' => 'ru-ru'), null, null);
}
