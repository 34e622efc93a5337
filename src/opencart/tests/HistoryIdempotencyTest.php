<?php
use OcBridge\Service;
use OcBridge\HistoryKeys;
use OcBridge\Router;

/**
 * order.history_add with idempotency_key: the shop's side of "a retry after a lost answer never doubles a line".
 * HistoryShopDb keeps oc_order_history and oc_ocbridge_history_key in memory and understands exactly the
 * statements the extension sends for them (INSERT IGNORE on the key, affected rows), so claim, replay and
 * recovery run as on MySQL.
 */
class HistoryShopDb {
	public $history = array();   // order_history_id => [order_id, order_status_id]
	public $keys = array();      // idempotency_key => row
	public $tableExists = false;
	public $log = array();
	private $affected = 0;
	private $nextHistoryId = 100;

	public function addLine($orderId, $statusId) {
		$id = $this->nextHistoryId++;
		$this->history[$id] = array($orderId, $statusId);
		return $id;
	}

	public function query($sql) {
		$this->log[] = $sql;
		$this->affected = 0;
		if (preg_match("/^SHOW TABLES LIKE '.*history\\\\\\\\_key'/", $sql)) {
			return self::result($this->tableExists ? array(array('t' => 'oc_ocbridge_history_key')) : array());
		}
		if (strpos($sql, 'CREATE TABLE IF NOT EXISTS `oc_ocbridge_history_key`') === 0) {
			$this->tableExists = true;
			return true;
		}
		if (preg_match("/FROM `oc_order` WHERE `order_id` = '(\\d+)'/", $sql, $m)) {
			return self::result(array(array('n' => (int)$m[1] === 7 ? 1 : 0)));
		}
		if (preg_match("/FROM `oc_order_status` WHERE `order_status_id` = '(\\d+)'/", $sql, $m)) {
			return self::result(array(array('n' => in_array((int)$m[1], array(1, 2, 5), true) ? 1 : 0)));
		}
		if (preg_match("/^SELECT MAX\\(`order_history_id`\\) FROM `oc_order_history` WHERE `order_id` = '(\\d+)'/", $sql, $m)) {
			return self::result(array(array('m' => $this->newest((int)$m[1], null, 0, 'max'))));
		}
		if (preg_match("/^SELECT MIN\\(`order_history_id`\\) FROM `oc_order_history` WHERE `order_id` = '(\\d+)' AND `order_status_id` = '(\\d+)' AND `order_history_id` > '(\\d+)'/", $sql, $m)) {
			return self::result(array(array('m' => $this->newest((int)$m[1], (int)$m[2], (int)$m[3], 'min'))));
		}
		return $this->keyStatement($sql);
	}

	private function keyStatement($sql) {
		$this->requireTable($sql);
		if (preg_match("/^INSERT IGNORE INTO `oc_ocbridge_history_key` .* VALUES \\('([^']*)', '(\\d+)', '(\\d+)', '(\\d+)', NULL, NOW\\(\\)\\)/", $sql, $m)) {
			if (!isset($this->keys[$m[1]])) {
				$this->keys[$m[1]] = array('order_id' => $m[2], 'order_status_id' => $m[3], 'history_id_before' => $m[4], 'order_history_id' => null,
					'date_added' => '2026-12-03 10:00:00', 'stale' => '0');
				$this->affected = 1;
			}
			return true;
		}
		if (preg_match("/^SELECT .* FROM `oc_ocbridge_history_key` WHERE `idempotency_key` = '([^']*)'/", $sql, $m)) {
			return self::result(isset($this->keys[$m[1]]) ? array($this->keys[$m[1]]) : array());
		}
		if (preg_match("/^UPDATE `oc_ocbridge_history_key` SET `order_history_id` = '(\\d+)' WHERE `idempotency_key` = '([^']*)'/", $sql, $m)) {
			$this->keys[$m[2]]['order_history_id'] = $m[1];
			return true;
		}
		if (preg_match("/^UPDATE `oc_ocbridge_history_key` SET `date_added` = NOW\\(\\) WHERE `idempotency_key` = '([^']*)' AND `order_history_id` IS NULL AND `date_added` = '([^']*)'/", $sql, $m)) {
			$row = isset($this->keys[$m[1]]) ? $this->keys[$m[1]] : null;
			if ($row && $row['order_history_id'] === null && $row['date_added'] === $m[2]) {
				$this->keys[$m[1]]['date_added'] = '2026-12-03 10:05:00';
				$this->keys[$m[1]]['stale'] = '0';
				$this->affected = 1;
			}
			return true;
		}
		if (preg_match("/^DELETE FROM `oc_ocbridge_history_key` WHERE `idempotency_key` = '([^']*)' AND `order_history_id` IS NULL/", $sql, $m)) {
			if (isset($this->keys[$m[1]]) && $this->keys[$m[1]]['order_history_id'] === null) {
				unset($this->keys[$m[1]]);
			}
			return true;
		}
		throw new \LogicException('HistoryShopDb does not know ' . $sql);
	}

	private function requireTable($sql) {
		if (strpos($sql, 'oc_ocbridge_history_key') !== false && !$this->tableExists) {
			throw new \RuntimeException("Error: Table 'oc_ocbridge_history_key' doesn't exist");
		}
	}

	private function newest($orderId, $statusId, $afterId, $fn) {
		$ids = array();
		foreach ($this->history as $id => $line) {
			if ($line[0] === $orderId && ($statusId === null || $line[1] === $statusId) && $id > $afterId) {
				$ids[] = $id;
			}
		}
		return $ids ? (string)($fn === 'max' ? max($ids) : min($ids)) : null;
	}

	private static function result(array $rows) {
		$r = new \stdClass();
		$r->rows = $rows;
		$r->row = $rows ? $rows[0] : array();
		$r->num_rows = count($rows);
		return $r;
	}

	public function escape($v) {
		return addslashes($v);
	}

	public function getLastId() {
		return 0;
	}

	public function countAffected() {
		return $this->affected;
	}
}

/** A Service whose addHistory() writes a line into $db (or runs $addHistory instead); $calls counts addHistory calls. */
function historyService(HistoryShopDb $db, &$calls, $addHistory = null) {
	$calls = 0;
	$ctx = new \OcBridge\Context(new \OcBridge\Db($db, 'oc_'), array('timezone' => 'UTC'), null,
		function ($orderId, $statusId) use ($db, &$calls, $addHistory) {
			$calls++;
			if ($addHistory) {
				$addHistory($orderId, $statusId);
			} else {
				$db->addLine((int)$orderId, (int)$statusId);
			}
		});
	return new Service($ctx);
}

t('history_add: the same key twice adds one line; the second answer is the first one, replayed', function () {
	$db = new HistoryShopDb();
	$db->addLine(7, 1);
	$svc = historyService($db, $calls);
	$first = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'ocb-status-42'));
	eq(array('order_id' => 7, 'order_status_id' => 2, 'order_history_id' => 101, 'replayed' => false), $first);
	ok($db->tableExists, 'a shop updated without reinstalling gets the table on demand');
	$second = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'ocb-status-42'));
	eq(array('order_id' => 7, 'order_status_id' => 2, 'order_history_id' => 101, 'replayed' => true), $second);
	eq(1, $calls, 'addHistory calls');
	eq(2, count($db->history));
});

t('history_add without a key applies every time, as before', function () {
	$db = new HistoryShopDb();
	$svc = historyService($db, $calls);
	$a = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2));
	$b = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => null));
	eq(array(100, 101), array($a['order_history_id'], $b['order_history_id']));
	eq(false, $b['replayed']);
	eq(2, $calls);
	ok(!$db->tableExists, 'no key, no table');
});

t('history_add: the same key for another order or status is refused, nothing applied', function () {
	$db = new HistoryShopDb();
	$svc = historyService($db, $calls);
	$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k1'));
	$e = apiError('validation', function () use ($svc) {
		$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 5, 'idempotency_key' => 'k1'));
	});
	eq('Idempotency key already used for another history entry', $e->getMessage());
	eq('already used for order 7 with status 2, this request is for order 7 with status 5', fields($e)['idempotency_key']);
	eq(array('order_id' => 7, 'order_status_id' => 2, 'order_history_id' => 100), $e->getDetails()['used_by']);
	eq('{"code":"validation","message":"Idempotency key already used for another history entry","details":{"fields":{"idempotency_key":'
		. '"already used for order 7 with status 2, this request is for order 7 with status 5"},"used_by":{"order_id":7,"order_status_id":2,"order_history_id":100}}}',
		\OcBridge\Json::encode($e->toArray()));
	eq(1, $calls);
});

t('history_add: a malformed key is a validation error', function () {
	$db = new HistoryShopDb();
	$svc = historyService($db, $calls);
	foreach (array('', str_repeat('a', 65), 'key with space', 'ключ', 42, array('x')) as $bad) {
		$e = apiError('validation', function () use ($svc, $bad) {
			$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => $bad));
		});
		ok(isset(fields($e)['idempotency_key']), json_encode($bad));
	}
	ok(HistoryKeys::valid(str_repeat('a', 64)) && HistoryKeys::valid('ocb-status-1.a_b:C'), 'the allowed characters');
	eq(0, $calls);
});

t('history_add: a claim left without result is finished from the order history when its line is there', function () {
	$db = new HistoryShopDb();
	$db->tableExists = true;
	$db->addLine(7, 1);                    // 100
	$db->keys['k2'] = array('order_id' => '7', 'order_status_id' => '2', 'history_id_before' => '100', 'order_history_id' => null,
		'date_added' => '2026-12-03 10:00:00', 'stale' => '0');
	$db->addLine(7, 2);                    // 101: the dead request's addHistory wrote it, then PHP timed out
	$svc = historyService($db, $calls);
	$r = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k2'));
	eq(array(101, true), array($r['order_history_id'], $r['replayed']));
	eq('101', $db->keys['k2']['order_history_id']);
	eq(0, $calls);
});

t('history_add: a fresh claim without a line answers busy; a stale one is taken over and applied once', function () {
	$db = new HistoryShopDb();
	$db->tableExists = true;
	$db->addLine(7, 1);
	$db->keys['k3'] = array('order_id' => '7', 'order_status_id' => '2', 'history_id_before' => '100', 'order_history_id' => null,
		'date_added' => '2026-12-03 10:00:00', 'stale' => '0');
	$svc = historyService($db, $calls);
	$e = apiError('busy', function () use ($svc) {
		$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k3'));
	});
	eq(503, $e->getHttpStatus());
	$db->keys['k3']['stale'] = '1';
	$r = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k3'));
	eq(array(101, false), array($r['order_history_id'], $r['replayed']));
	eq(1, $calls);
	eq('101', $db->keys['k3']['order_history_id']);
});

t('history_add: addHistory failing before its line gives the key back; failing after it keeps the line', function () {
	$db = new HistoryShopDb();
	$svc = historyService($db, $calls, function () {
		throw new \RuntimeException('SMTP down');
	});
	try {
		$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k4'));
		ok(false, 'expected the failure');
	} catch (\RuntimeException $e) {
		eq('SMTP down', $e->getMessage());
	}
	ok(!isset($db->keys['k4']), 'released');
	$svc = historyService($db, $calls, function ($orderId, $statusId) use ($db) {
		$db->addLine((int)$orderId, (int)$statusId);
		throw new \RuntimeException('SMTP down after the line');
	});
	try {
		$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k4'));
		ok(false, 'expected the failure');
	} catch (\RuntimeException $e) {
		eq('SMTP down after the line', $e->getMessage());
	}
	eq('100', $db->keys['k4']['order_history_id'], 'the line it wrote is the key\'s result');
	$svc = historyService($db, $calls);
	$r = $svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k4'));
	eq(array(100, true), array($r['order_history_id'], $r['replayed']));
	eq(0, $calls);
});

t('history_add: addHistory ignoring the entry releases the key (internal error, nothing applied)', function () {
	$db = new HistoryShopDb();
	$svc = historyService($db, $calls, function () {
	});
	apiError('internal', function () use ($svc) {
		$svc->orderHistoryAdd(array(), array('order_id' => 7, 'order_status_id' => 2, 'idempotency_key' => 'k5'));
	});
	ok(!isset($db->keys['k5']));
});

t('ping announces the idempotency key of order.history_add in features', function () {
	eq(array('order.history_add.idempotency_key'), Router::FEATURES);
	$db = new FakeOcDb();
	$svc = new Service(fakeContext($db));
	$ping = $svc->ping(array(), null);
	eq(array('order.history_add.idempotency_key'), $ping['features']);
	ok(in_array('order.history_add', $ping['capabilities'], true));
});

t('HistoryKeys::createSql: key primary, order id indexed, own table name', function () {
	$sql = HistoryKeys::createSql('oc_');
	contains('CREATE TABLE IF NOT EXISTS `oc_ocbridge_history_key`', $sql);
	contains('PRIMARY KEY (`idempotency_key`)', $sql);
	contains('`order_history_id` INT(11) NULL DEFAULT NULL', $sql);
	eq('DROP TABLE IF EXISTS `oc_ocbridge_history_key`', HistoryKeys::dropSql('oc_'));
});
