<?php
use OcBridge\Db;
use OcBridge\Indexes;
use OcBridge\LockConflict;
use OcBridge\Router;

/** A fake whose product table is InnoDB (4.x) or MyISAM (3.x), and whose $failures first statements matching $regex deadlock. */
function lockingDb($engine, $regex, $failures) {
	$db = new FakeOcDb();
	$db->on('/SHOW TABLE STATUS/', array(array('Name' => 'oc_product', 'Engine' => $engine)));
	$left = $failures;
	$db->on($regex, function ($sql) use (&$left) {
		if ($left-- > 0) {
			throw new \Exception('Error: Deadlock found when trying to get lock; try restarting transaction<br/>Error No: 1213<br/>' . $sql);
		}
		return array();
	});
	return $db;
}

t('LockConflict::errnoOf reads OpenCart driver messages and exception codes', function () {
	eq(1213, LockConflict::errnoOf(new \Exception('Error: Deadlock found<br/>Error No: 1213<br/>INSERT …')));
	eq(1205, LockConflict::errnoOf(new \Exception('Error: Lock wait timeout exceeded<br />Error No: 1205<br />UPDATE …')));
	eq(1213, LockConflict::errnoOf(new \RuntimeException('wrapped', 0, new \Exception('x', 1213))));
	eq(null, LockConflict::errnoOf(new \Exception('Error: Duplicate entry<br/>Error No: 1062<br/>INSERT …')));
});

t('Db::transaction runs the whole transaction again after a deadlock (InnoDB)', function () {
	$fake = lockingDb('InnoDB', '/^INSERT INTO `oc_product_code`/', 2);
	$db = new Db($fake, 'oc_');
	$runs = 0;
	$result = $db->transaction(function () use ($db, &$runs) {
		$runs++;
		$db->exec("INSERT INTO `oc_product` SET `model` = 'A'");
		$db->exec("INSERT INTO `oc_product_code` SET `code` = 'SKU'");
		return 'done';
	});
	eq('done', $result);
	eq(3, $runs, 'the closure ran once per attempt');
	eq(3, count(array_filter($fake->log, function ($q) { return $q === 'START TRANSACTION'; })));
	eq(2, count(array_filter($fake->log, function ($q) { return $q === 'ROLLBACK'; })));
	eq('COMMIT', end($fake->log));
});

t('Db::transaction gives up after LOCK_ATTEMPTS and Router answers busy (503, retryable)', function () {
	$fake = lockingDb('InnoDB', '/^INSERT/', 100);
	$db = new Db($fake, 'oc_');
	try {
		$db->transaction(function () use ($db) {
			$db->exec("INSERT INTO `oc_product` SET `model` = 'A'");
		});
		throw new AssertionFailed('expected LockConflict');
	} catch (LockConflict $e) {
		eq(1213, $e->errno);
	}
	$error = Router::internal($e, 'products.upsert');
	eq('busy', $error->getErrorCode());
	eq(503, $error->getHttpStatus());
	$details = $error->getDetails();
	eq(true, $details['retryable']);
});

t('Db on MyISAM (3.x): no transaction, each statement retried on its own, earlier ones not repeated', function () {
	$fake = lockingDb('MyISAM', '/^INSERT INTO `oc_ocbridge_link`/', 2);
	$db = new Db($fake, 'oc_');
	$runs = 0;
	$db->transaction(function () use ($db, &$runs) {
		$runs++;
		$db->exec("INSERT INTO `oc_product` SET `model` = 'A'");
		$db->exec("INSERT INTO `oc_ocbridge_link` SET `entity` = 'product'");
	});
	eq(1, $runs);
	eq(1, count(array_filter($fake->log, function ($q) { return strpos($q, 'INSERT INTO `oc_product` ') === 0; })), 'the product row is written once');
	eq(3, count(array_filter($fake->log, function ($q) { return strpos($q, 'INSERT INTO `oc_ocbridge_link`') === 0; })));
	eq(0, count(array_filter($fake->log, function ($q) { return $q === 'START TRANSACTION'; })));
});

t('Router::internal keeps the cause in the message', function () {
	$e = Router::internal(new \Exception("Error: Unknown column 'x'<br/>Error No: 1054<br/>SELECT x"), 'product.get');
	eq('internal', $e->getErrorCode());
	contains("Unknown column 'x'", $e->getMessage());
	contains('Error No: 1054', $e->getMessage());
});

t('Indexes::covered matches leading columns only', function () {
	$existing = array('PRIMARY' => array('product_option_id'), 'code' => array('code'), 'pc' => array('product_id', 'code', 'value'));
	ok(Indexes::covered($existing, array('product_id')));
	ok(Indexes::covered($existing, array('product_id', 'code')));
	ok(!Indexes::covered($existing, array('code', 'value')));
	ok(!Indexes::covered($existing, array('option_id')));
});

t('Indexes::ensure adds only what is missing, named ocbridge_*', function () {
	$fake = new FakeOcDb();
	$fake->on("/SHOW TABLES LIKE 'oc\\\\\\\\_product\\\\\\\\_option'/", array(array('t' => 'oc_product_option')));
	$fake->on('/SHOW COLUMNS FROM `oc_product_option`/', array(array('Field' => 'product_option_id', 'Null' => 'NO', 'Default' => null, 'Type' => 'int(11)', 'Extra' => 'auto_increment'),
		array('Field' => 'product_id', 'Null' => 'NO', 'Default' => null, 'Type' => 'int(11)', 'Extra' => '')));
	$fake->on('/SHOW INDEX FROM `oc_product_option`/', array(array('Key_name' => 'PRIMARY', 'Seq_in_index' => 1, 'Column_name' => 'product_option_id')));
	$created = Indexes::ensure(new Db($fake, 'oc_'));
	eq(array('product_option(product_id)'), $created);
	ok(in_array('ALTER TABLE `oc_product_option` ADD INDEX `ocbridge_product_id` (`product_id`)', $fake->log, true));
});
