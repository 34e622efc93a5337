<?php
use OcBridge\AdminLanguage;
use OcBridge\AdminStatus;
use OcBridge\AdminView;
use OcBridge\CallLog;
use OcBridge\Db;
use OcBridge\Router;

// ---------------------------------------------------------------- CallLog

/** A fake DB whose oc_ocbridge_call does not exist until it is created. */
function callLogDb(&$created, $failAlways = false) {
	$created = false;
	$db = new FakeOcDb();
	$db->on('/^CREATE TABLE IF NOT EXISTS `oc_ocbridge_call`/', function () use (&$created) {
		$created = true;
		return array();
	});
	$db->on('/^INSERT INTO `oc_ocbridge_call`/', function () use (&$created, $failAlways) {
		if ($failAlways) {
			throw new \Exception('Error: Lock wait timeout exceeded<br />Error No: 1205<br />INSERT …');
		}
		if (!$created) {
			throw new \Exception("Error: Table 'shop.oc_ocbridge_call' doesn't exist<br />Error No: 1146<br />INSERT …");
		}
		return array();
	});
	return $db;
}

t('CallLog: one upsert per call; a missing table is created and the insert runs once more', function () {
	$fake = callLogDb($created);
	(new CallLog(new Db($fake, 'oc_')))->record('ping', 200, 'ok', 7, '127.0.0.1', 12);
	ok($created, 'table created on demand');
	eq(3, count($fake->log), 'insert, create, insert: ' . export($fake->log));
	contains("VALUES ('last', 'ping', 'ok', '200', '7', '127.0.0.1', '12', '1', NOW()) ON DUPLICATE KEY UPDATE", $fake->log[2]);
	contains('`calls` = `calls` + 1, `date_added` = NOW()', $fake->log[2]);
	(new CallLog(new Db($fake, 'oc_')))->record('ping', 200, 'ok', 7, '127.0.0.1', 3);
	eq(4, count($fake->log), 'the table exists now: one statement');
});

t('CallLog: a refusal is its own row without an API user; unknown ops are stored as ?', function () {
	$fake = callLogDb($created);
	$created = true;
	$log = new CallLog(new Db($fake, 'oc_'));
	$log->record('order.list', 403, 'forbidden_ip', 5, '203.0.113.7', 1);
	contains("VALUES ('refused', 'order.list', 'forbidden_ip', '403', '0', '203.0.113.7'", $fake->log[0]);
	$log->record('<script>alert(1)</script>', 404, 'not_found', 5, '127.0.0.1', 1);
	contains("VALUES ('last', '?', 'not_found', '404', '5'", $fake->log[1]);
});

t('CallLog: a failing write is dropped (logged, not thrown, not retried)', function () {
	$fake = callLogDb($created, true);
	$lines = array();
	\OcBridge\Log::useSink(function ($line) use (&$lines) {
		$lines[] = $line;
	});
	try {
		(new CallLog(new Db($fake, 'oc_')))->record('ping', 200, 'ok', 1, '127.0.0.1', 1);
	} finally {
		\OcBridge\Log::useSink(null);
	}
	eq(1, count($fake->log), 'one attempt only');
	eq(1, count($lines));
	contains('could not record the call ping', $lines[0]);
});

/** Records what the router hands to the call log. */
class RecordingCallLog {
	public $calls = array();

	public function record($op, $status, $result, $apiId, $ip, $ms) {
		$this->calls[] = array($op, $status, $result, $apiId, $ip);
	}
}

class AuthService {
	public $fail = null;

	public function authenticate($u, $k, $ip) {
		if ($this->fail) {
			throw $this->fail;
		}
		return 4;
	}

	public function ping() {
		return array('pong' => true);
	}
}

t('Router: every answered call with credentials is recorded; one without credentials is not', function () {
	$svc = new AuthService();
	$calls = new RecordingCallLog();
	$router = new Router($svc, $calls);
	$creds = array('x-api-username' => 'ocbridge', 'x-api-key' => 'k');
	$body = function () {
		return '';
	};
	list($status) = $router->handle('GET', array('op' => 'ping'), $creds, '127.0.0.1', null, $body);
	eq(200, $status);
	$router->handle('POST', array('op' => 'ping'), $creds, '127.0.0.1', null, $body);
	$svc->fail = new \OcBridge\ApiError('forbidden_ip', 'IP not allowed', array('ip' => '203.0.113.7'));
	$router->handle('GET', array('op' => 'ping'), $creds, '203.0.113.7', null, $body);
	$svc->fail = new \OcBridge\ApiError('unauthorized', 'Missing X-Api-Username or X-Api-Key header');
	$router->handle('GET', array('op' => 'ping'), array(), '198.51.100.1', null, $body);
	eq(array(
		array('ping', 200, 'ok', 4, '127.0.0.1'),
		array('ping', 405, 'method_not_allowed', 4, '127.0.0.1'),
		array('ping', 403, 'forbidden_ip', 0, '203.0.113.7'),
	), $calls->calls);
});

// ---------------------------------------------------------------- AdminLanguage

function langDir() {
	$dir = sys_get_temp_dir() . '/ocbridge-lang-' . getmypid();
	foreach (array('en-gb' => "\$_['a'] = 'A'; \$_['b'] = 'B';", 'ru-ru' => "\$_['a'] = 'А (рус)';", 'xx-bad!' => "\$_['a'] = 'bad';") as $code => $php) {
		if (!is_dir($dir . '/' . $code . '/module')) {
			mkdir($dir . '/' . $code . '/module', 0777, true);
		}
		file_put_contents($dir . '/' . $code . '/module/ocbridge.php', "<?php\n" . $php . "\n");
	}
	return $dir;
}

t('AdminLanguage: the page parameter, else the admin language, else English; only languages with a file', function () {
	$dir = langDir();
	$available = AdminLanguage::available($dir, 'module/ocbridge');
	eq(array('en-gb', 'ru-ru'), $available, 'folders that are no language code are ignored');
	eq('ru-ru', AdminLanguage::pick('ru-ru', 'en-gb', $available));
	eq('ru-ru', AdminLanguage::pick('', 'ru-ru', $available));
	eq('ru-ru', AdminLanguage::pick('RU-RU', '', $available));
	eq('en-gb', AdminLanguage::pick('de-de', 'fr-fr', $available), 'no file for either: English');
	eq('ru-ru', AdminLanguage::pick('de-de', 'ru-ru', $available), 'no file for the parameter: the admin language');
	eq('en-gb', AdminLanguage::pick('../../etc', '', $available));
});

t('AdminLanguage: a string missing in a translation falls back to English on its own', function () {
	$dir = langDir();
	eq(array('a' => 'А (рус)', 'b' => 'B'), AdminLanguage::strings($dir, 'module/ocbridge', 'ru-ru'));
	eq(array('a' => 'A', 'b' => 'B'), AdminLanguage::strings($dir, 'module/ocbridge', 'en-gb'));
	eq(array('a' => 'A', 'b' => 'B'), AdminLanguage::strings($dir, 'module/ocbridge', '../x'));
});

t('AdminLanguage: the shipped ru-ru files have every English key, in UTF-8, the same on 3.x and 4.x', function () {
	$root = __DIR__ . '/..';
	$pairs = array(array($root . '/4.x/admin/language', 'module/ocbridge'), array($root . '/3.x/upload/admin/language', 'extension/module/ocbridge'));
	$texts = array();
	foreach ($pairs as $p) {
		eq(array('en-gb', 'ru-ru'), AdminLanguage::available($p[0], $p[1]));
		$en = AdminLanguage::strings($p[0], $p[1], 'en-gb');
		$ru = AdminLanguage::strings($p[0], $p[1], 'ru-ru');
		$ruOnly = (function ($path) {
			$_ = array();
			require $path;
			return $_;
		})($p[0] . '/ru-ru/' . $p[1] . '.php');
		eq(array(), array_values(array_diff(array_keys($en), array_keys($ruOnly))), 'keys missing in ru-ru');
		foreach ($ru as $k => $v) {
			ok(preg_match('//u', $v) === 1, $k . ' is UTF-8');
			eq(substr_count($en[$k], '%s'), substr_count($v, '%s'), 'placeholders of ' . $k);
		}
		eq('Русский', $ru['language_name']);
		contains('Последний вызов от моста', $ru['section_last']);
		$texts[] = array($en, $ru);
	}
	eq($texts[0], $texts[1], '3.x and 4.x have the same strings');
});

// ---------------------------------------------------------------- AdminStatus + AdminView

/** A shop: two API users (keys present in the table, never shown), 3 product links (one to a deleted product). */
function statusDb(array $calls) {
	$db = new FakeOcDb();
	$db->on("/^SHOW TABLES LIKE 'oc\\\\\\\\_ocbridge\\\\\\\\_(link|call)'/", array(array('t' => 'x')));
	$db->on('/^SHOW TABLES/', array());
	$db->on('/SELECT COUNT\(\*\) FROM `oc_ocbridge_link`$/', array(array('n' => '4')));
	$db->on('/SELECT COUNT\(\*\) FROM `oc_ocbridge_call`$/', array(array('n' => (string)count($calls))));
	$db->on('/GROUP BY `entity`/', array(array('entity' => 'category', 'n' => '1'), array('entity' => 'product', 'n' => '3')));
	$db->on('/COUNT\(DISTINCT l.`entity_id`\).*JOIN `oc_product` p/', array(array('n' => '2')));
	$db->on('/FROM `oc_api_ip`/', array(array('api_id' => '2', 'ip' => '127.0.0.1'), array('api_id' => '2', 'ip' => '10.0.0.5')));
	$db->on('/FROM `oc_api`/', array(array('api_id' => '1', 'username' => 'Default', 'status' => '1', 'key' => 'SECRET1'),
		array('api_id' => '2', 'username' => 'o&amp;c', 'status' => '1', 'key' => 'SECRET2')));
	$db->on('/FROM `oc_ocbridge_call`/', $calls);
	return $db;
}

function callRow($kind, $op, $result, $apiId, $ip, $age) {
	return array('kind' => $kind, 'op' => $op, 'result' => $result, 'http_status' => $result === 'ok' ? '200' : '403', 'api_id' => (string)$apiId,
		'ip' => $ip, 'duration_ms' => '15', 'calls' => '42', 'date_added' => '2026-12-03 10:00:00', 'age_seconds' => (string)$age);
}

function strings() {
	return AdminLanguage::strings(__DIR__ . '/../4.x/admin/language', 'module/ocbridge', 'en-gb');
}

t('AdminStatus: versions, tables, linked products from the shop tables, API users without keys', function () {
	$s = (new AdminStatus(new Db(statusDb(array(callRow('last', 'ping', 'ok', 2, '127.0.0.1', 30))), 'oc_')))->collect('4.1.0.4');
	eq('1.0.0', $s['bridge_version']);
	eq('OCBridge v1', $s['contract']);
	eq(2, $s['linked_products'], 'a link whose product is gone does not count');
	eq(array('product' => 3, 'category' => 1), $s['links']);
	eq(array(array('name' => 'oc_ocbridge_link', 'exists' => true, 'rows' => 4), array('name' => 'oc_ocbridge_history_key', 'exists' => false, 'rows' => null),
		array('name' => 'oc_ocbridge_call', 'exists' => true, 'rows' => 1)), $s['tables']);
	eq(false, strpos(json_encode($s), 'SECRET'), 'no API key in the status');
	eq(array(false, true), array_column($s['api_users'], 'used_by_bridge'));
	eq('o&c', $s['api_users'][1]['username'], 'names as OpenCart stores them, decoded (the view escapes)');
	eq(true, $s['api_users'][1]['caller_allowed']);
	eq(array(), (new AdminView(strings()))->build($s)['warnings'], 'a recent good call: nothing to do');
});

t('AdminView: no call yet, an old call, a refusal after it, a failed last call', function () {
	$view = new AdminView(strings());
	$none = $view->build((new AdminStatus(new Db(statusDb(array()), 'oc_')))->collect('3.0.5.1'));
	eq(array('The bridge has not called this shop yet.'), $none['warnings']);
	eq(null, $none['last']);

	$old = $view->build((new AdminStatus(new Db(statusDb(array(callRow('last', 'order.list', 'internal', 2, '10.0.0.9', 7300),
		callRow('refused', 'order.list', 'forbidden_ip', 0, '10.0.0.9', 20))), 'oc_')))->collect('3.0.5.1'));
	eq(3, count($old['warnings']), export($old['warnings']));
	contains('2 h ago', $old['warnings'][0]);
	contains('more than 15 minutes', $old['warnings'][0]);
	contains('"internal"', $old['warnings'][1]);
	contains('a call from 10.0.0.9 is not allowed', $old['warnings'][2]);
	eq(false, $old['api_users'][1]['ok'], 'the last call\'s IP is not on the bridge user\'s list');
	eq('used by the bridge; 10.0.0.9 is NOT in the list', $old['api_users'][1]['bridge']);
	eq('order.list', $old['last']['op']);
	eq('internal error in the shop (internal)', $old['last']['result']);
	eq('IP address not allowed (forbidden_ip)', $old['refused']['result']);
	eq('2026-12-03 10:00:00 (2 h ago)', $old['last']['time']);
	eq('products: 3, categories: 1', $old['links']);
});

t('AdminView: ages and the Russian texts', function () {
	$ru = new AdminView(AdminLanguage::strings(__DIR__ . '/../4.x/admin/language', 'module/ocbridge', 'ru-ru'));
	eq('5 с назад', $ru->age(5));
	eq('3 мин назад', $ru->age(200));
	eq('5 ч назад', $ru->age(18000));
	eq('3 дн. назад', $ru->age(3 * 86400));
	$s = (new AdminStatus(new Db(statusDb(array(callRow('last', 'ping', 'ok', 2, '127.0.0.1', 3))), 'oc_')))->collect('4.1.0.4');
	$v = $ru->build($s);
	eq('успешно', $v['last']['result']);
	eq('товары: 3, категории: 1', $v['links']);
	eq('используется мостом; 127.0.0.1 разрешён', $v['api_users'][1]['bridge']);
});

t('AdminView: the bridge\'s API user disabled, and no usable API user at all', function () {
	$db = new FakeOcDb();
	$db->on("/^SHOW TABLES LIKE 'oc\\\\\\\\_ocbridge\\\\\\\\_(link|call)'/", array(array('t' => 'x')));
	$db->on('/^SHOW TABLES/', array());
	$db->on('/FROM `oc_api_ip`/', array(array('api_id' => '2', 'ip' => '127.0.0.1')));
	$db->on('/FROM `oc_api`/', array(array('api_id' => '2', 'username' => 'ocbridge', 'status' => '0')));
	$db->on('/FROM `oc_ocbridge_call`/', array(callRow('last', 'ping', 'ok', 2, '127.0.0.1', 10)));
	$v = (new AdminView(strings()))->build((new AdminStatus(new Db($db, 'oc_')))->collect('4.1.0.4'));
	eq(array('The API user "ocbridge" the bridge uses is disabled: enable it under System › Users › API.',
		'No API user is enabled with an allowed IP address: the bridge cannot call this shop.'), $v['warnings']);
	eq('disabled', $v['api_users'][0]['status']);
	eq(false, $v['api_users'][0]['ok']);
});
