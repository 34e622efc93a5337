<?php
use OcBridge\ClientAddress;
use OcBridge\Router;
use OcBridge\Service;
use OcBridge\TrustedProxies;

// ---------------------------------------------------------------- the setting's entries

t('TrustedProxies::check: addresses and ranges of both families are normalized, duplicates dropped', function () {
	$r = TrustedProxies::check(" 203.0.113.7\r\n10.1.2.3/8, 2001:DB8:0:0::1 ; 2001:db8::/32\n\n172.16.0.0/12 203.0.113.7 ::ffff:192.0.2.0/120 198.51.100.9/32 2001:db8::5/128");
	eq(array(), $r['errors']);
	eq(array('203.0.113.7', '10.0.0.0/8', '2001:db8::1', '2001:db8::/32', '172.16.0.0/12', '192.0.2.0/24', '198.51.100.9', '2001:db8::5'), $r['entries']);
	eq(array('entries' => array(), 'errors' => array()), TrustedProxies::check(''), 'empty: nothing trusted');
	eq(array('entries' => array(), 'errors' => array()), TrustedProxies::check(" \n "));
});

t('TrustedProxies::check: every bad entry is named with its reason', function () {
	$r = TrustedProxies::check("10.0.0.1\nproxy.example.com\n10.0.0.0/33\n2001:db8::/129\n10.0.0.0/-1\n10.0.0.0/8/9\n0.0.0.0/0\n::/0\n1.2.3.4:80\n[2001:db8::1]\n256.1.1.1\nfe80::1%eth0\n10.0.0.0/\n010.0.0.1");
	eq(array(
		array('proxy.example.com', 'invalid'),
		array('10.0.0.0/33', 'prefix'),
		array('2001:db8::/129', 'prefix'),
		array('10.0.0.0/-1', 'prefix'),
		array('10.0.0.0/8/9', 'invalid'),
		array('0.0.0.0/0', 'everything'),
		array('::/0', 'everything'),
		array('1.2.3.4:80', 'invalid'),
		array('[2001:db8::1]', 'invalid'),
		array('256.1.1.1', 'invalid'),
		array('fe80::1%eth0', 'invalid'),
		array('10.0.0.0/', 'prefix'),
		array('010.0.0.1', 'invalid'),
	), $r['errors']);
	eq(array('10.0.0.1'), $r['entries']);
	$many = TrustedProxies::check(implode("\n", array_fill(0, TrustedProxies::MAX_ENTRIES + 1, '10.0.0.1')));
	eq(array(array((string)(TrustedProxies::MAX_ENTRIES + 1), 'too_many')), $many['errors']);
});

t('TrustedProxies::contains: CIDR edges, IPv6, IPv4-mapped peers', function () {
	$p = TrustedProxies::fromSetting("10.0.0.0/8\n192.168.1.128/25\n2001:db8:abcd::/48\n203.0.113.7");
	ok($p->contains('10.0.0.0') && $p->contains('10.255.255.255'), 'both ends of 10/8');
	ok(!$p->contains('9.255.255.255') && !$p->contains('11.0.0.0'), 'just outside 10/8');
	ok($p->contains('192.168.1.128') && $p->contains('192.168.1.255'), 'both ends of a /25');
	ok(!$p->contains('192.168.1.127'), 'just below the /25');
	ok($p->contains('2001:db8:abcd::') && $p->contains('2001:db8:abcd:ffff:ffff:ffff:ffff:ffff'), 'both ends of a /48');
	ok($p->contains('2001:DB8:ABCD:0:0:0:0:1'), 'IPv6 in any spelling');
	ok(!$p->contains('2001:db8:abce::') && !$p->contains('2001:db8:abcc:ffff::1'), 'just outside the /48');
	ok($p->contains('203.0.113.7') && !$p->contains('203.0.113.8') && !$p->contains('203.0.113.6'), 'a single address is /32');
	ok($p->contains('::ffff:10.1.2.3'), 'a dual-stack socket shows an IPv4 peer as ::ffff:a.b.c.d');
	ok(!$p->contains('::a01:203'), 'an IPv4-compatible (not mapped) address is IPv6');
	ok(!$p->contains('') && !$p->contains('10.0.0.1:80') && !$p->contains('unknown'), 'no address is never trusted');
	ok(TrustedProxies::fromSetting('')->isEmpty());
	ok(!TrustedProxies::fromSetting(array('10.0.0.1'))->isEmpty(), 'a serialized (array) setting is read too');
});

t('TrustedProxies::fromSetting: an entry edited into oc_setting by hand that does not parse is skipped and logged', function () {
	$lines = array();
	\OcBridge\Log::useSink(function ($line) use (&$lines) {
		$lines[] = $line;
	});
	try {
		$p = TrustedProxies::fromSetting("0.0.0.0/0\n10.0.0.0/8\nbad\x01entry");
	} finally {
		\OcBridge\Log::useSink(null);
	}
	ok(!$p->contains('8.8.8.8'), '0.0.0.0/0 never trusts everyone');
	ok($p->contains('10.9.9.9'));
	eq(2, count($lines), export($lines));
	contains('entry "0.0.0.0/0" of module_ocbridge_trusted_proxies is not an IP address or CIDR range (everything); ignored', $lines[0]);
	contains('"bad?entry"', $lines[1]);
});

// ---------------------------------------------------------------- the address rule

function resolved(ClientAddress $c) {
	return array($c->ip, $c->proxy, $c->problem);
}

t('TrustedProxies::resolve: empty setting or untrusted peer → the peer, the header ignored (a spoofed X-Forwarded-For)', function () {
	eq(array('198.51.100.20', null, null), resolved(TrustedProxies::fromSetting('')->resolve('198.51.100.20', '127.0.0.1')));
	$p = TrustedProxies::fromSetting('10.0.0.5');
	eq(array('198.51.100.20', null, null), resolved($p->resolve('198.51.100.20', '127.0.0.1, 10.0.0.5')), 'spoofed header from an untrusted peer');
	eq(array('198.51.100.20', null, null), resolved($p->resolve('198.51.100.20', 'garbage')), 'not even read');
	eq(array('', null, null), resolved($p->resolve('', '203.0.113.9')), 'peer unknown (OpenCart 4.0.x overwrote REMOTE_ADDR): stays unknown');
});

t('TrustedProxies::resolve: through one trusted proxy, IPv4 and IPv6', function () {
	$p = TrustedProxies::fromSetting("10.0.0.5\n2001:db8:1::/64");
	eq(array('203.0.113.9', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', '203.0.113.9')));
	eq(array('2001:db8:ff::7', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', ' 2001:DB8:FF:0::7 ')), 'IPv6 caller, normalized');
	eq(array('203.0.113.9', '2001:db8:1::2', null), resolved($p->resolve('2001:db8:1::2', '203.0.113.9')), 'IPv6 proxy');
	eq(array('203.0.113.9', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', '::ffff:203.0.113.9')), 'an IPv4-mapped hop is the IPv4 address');
	eq(array('10.0.0.5', null, null), resolved($p->resolve('10.0.0.5', '')), 'no header: the proxy\'s host itself');
	eq(array('10.0.0.5', null, null), resolved($p->resolve('10.0.0.5', null)));
});

t('TrustedProxies::resolve: a chain of proxies is walked from the right; what the caller wrote on the left is not believed', function () {
	$p = TrustedProxies::fromSetting("10.0.0.0/8\n198.51.100.0/24");
	// caller 203.0.113.9 → CDN 198.51.100.3 → nginx 10.0.0.5 → PHP; the caller forged "127.0.0.1" in front
	eq(array('203.0.113.9', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', '127.0.0.1, 203.0.113.9, 198.51.100.3')));
	eq(array('203.0.113.9', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', '127.0.0.1,203.0.113.9,198.51.100.3,10.0.0.9')));
	eq(array('203.0.113.9', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', 'not-an-ip, 203.0.113.9')), 'junk left of the first untrusted hop is never read');
	eq(array('10.1.1.1', '10.0.0.5', null), resolved($p->resolve('10.0.0.5', '10.1.1.1, 198.51.100.3')), 'every hop trusted: the leftmost');
});

t('TrustedProxies::resolve: a malformed hop the walk reaches is refused, naming the proxy and the hop', function () {
	$p = TrustedProxies::fromSetting('10.0.0.0/8');
	foreach (array('unknown', '203.0.113.9:4711', '203.0.113.9, ', '203.0.113.9,,10.0.0.7', '[2001:db8::1]', "203.0.113.9\x00", str_repeat('9', 100)) as $header) {
		$c = $p->resolve('10.0.0.5', $header);
		eq('10.0.0.5', $c->ip, $header);
		eq('10.0.0.5', $c->proxy, $header);
		ok($c->problem !== null, 'refused: ' . $header);
		contains('X-Forwarded-For sent through the trusted proxy 10.0.0.5 holds "', $c->problem);
		contains('which is not an IP address', $c->problem);
	}
	contains('holds "203.0.113.9:4711"', $p->resolve('10.0.0.5', '203.0.113.9:4711')->problem);
	contains('holds "203.0.113.9?"', $p->resolve('10.0.0.5', "203.0.113.9\x00")->problem, 'control characters never reach the message');
	ok(strlen($p->resolve('10.0.0.5', str_repeat('9', 1000))->problem) < 200, 'a long hop is cut short');
});

// ---------------------------------------------------------------- through Service and Router

function proxiedAuthDb() {
	$db = new FakeOcDb();
	$db->on('/FROM `oc_api` WHERE `username` = \'Default\'/', array(array('api_id' => '1', 'key' => 'secret')));
	$db->on('/FROM `oc_api_ip` WHERE `api_id` = \'1\' AND `ip` = \'203\.0\.113\.9\'/', array(array('n' => '1')));
	$db->on('/FROM `oc_api_ip`/', array(array('n' => '0')));
	$db->on('/SHOW TABLES LIKE \'oc\\\\\\\\_ocbridge\\\\\\\\_link\'/', array(array('t' => 'oc_ocbridge_link')));
	return $db;
}

t('Service: the allow-list checks the forwarded address only when the setting trusts the peer', function () {
	$trusting = new Service(fakeContext(proxiedAuthDb(), array('trusted_proxies' => "10.0.0.0/8\n")));
	$plain = new Service(fakeContext(proxiedAuthDb()));
	$c = $trusting->clientAddress('10.0.0.5', '203.0.113.9');
	eq(1, $trusting->authenticate('Default', 'secret', $c->ip, $c));
	$c = $plain->clientAddress('10.0.0.5', '203.0.113.9');
	eq('10.0.0.5', $c->ip, 'no setting: today\'s behaviour');
	$e = apiError('forbidden_ip', function () use ($plain, $c) { $plain->authenticate('Default', 'secret', $c->ip, $c); });
	eq(array('ip' => '10.0.0.5'), $e->getDetails());
	eq('IP not allowed', $e->getMessage());
	$c = $trusting->clientAddress('10.0.0.5', '198.51.100.1');
	$e = apiError('forbidden_ip', function () use ($trusting, $c) { $trusting->authenticate('Default', 'secret', $c->ip, $c); });
	eq(array('ip' => '198.51.100.1', 'proxy' => '10.0.0.5'), $e->getDetails());
	contains('sent through the trusted proxy 10.0.0.5', $e->getMessage());
	$c = $trusting->clientAddress('10.0.0.5', 'unknown');
	$e = apiError('forbidden_ip', function () use ($trusting, $c) { $trusting->authenticate('Default', 'secret', $c->ip, $c); });
	eq(array('ip' => '10.0.0.5', 'proxy' => '10.0.0.5'), $e->getDetails());
	contains('holds "unknown", which is not an IP address', $e->getMessage());
	// the key is checked first, as before: a wrong key is unauthorized whatever the header says
	apiError('unauthorized', function () use ($trusting, $c) { $trusting->authenticate('Default', 'wrong', $c->ip, $c); });
});

t('Router: the forwarded address is what forbidden_ip reports and what the call log records', function () {
	$svc = new Service(fakeContext(proxiedAuthDb(), array('trusted_proxies' => '10.0.0.0/8')));
	$calls = new RecordingCallLog();
	$router = new Router($svc, $calls);
	$creds = array('x-api-username' => 'Default', 'x-api-key' => 'secret');
	$noBody = function () {
		return '';
	};
	list($status, $body) = $router->handle('GET', array('op' => 'ping'), $creds, $svc->clientAddress('10.0.0.5', '198.51.100.1'), null, $noBody);
	eq(403, $status);
	eq('forbidden_ip', $body['error']['code']);
	eq('198.51.100.1', $body['error']['details']->ip);
	list($status, $body) = $router->handle('GET', array('op' => 'ping'), $creds, $svc->clientAddress('10.0.0.5', '1.2.3.4, bogus'), null, $noBody);
	eq(403, $status);
	eq('10.0.0.5', $body['error']['details']->ip);
	list($status) = $router->handle('GET', array('op' => 'nonsense'), $creds, $svc->clientAddress('10.0.0.5', '127.0.0.1, 203.0.113.9'), null, $noBody);
	eq(404, $status, 'let in (then the op is unknown)');
	eq(array(
		array('ping', 403, 'forbidden_ip', 0, '198.51.100.1'),
		array('ping', 403, 'forbidden_ip', 0, '10.0.0.5'),
		array('nonsense', 404, 'not_found', 1, '203.0.113.9'),
	), $calls->calls);
});

t('Http::run: the socket peer from the SAPI (OpenCart 4.0.x overwrote REMOTE_ADDR), then the trusted-proxy rule', function () {
	$saved = array($_SERVER, $_GET, getenv('REMOTE_ADDR'));
	$run = function ($setting, $peerEnv, array $server) {
		putenv($peerEnv === null ? 'REMOTE_ADDR' : 'REMOTE_ADDR=' . $peerEnv);
		$_SERVER = $server + array('REQUEST_METHOD' => 'GET', 'HTTP_X_API_USERNAME' => 'Default', 'HTTP_X_API_KEY' => 'secret');
		$_GET = array('op' => 'nonsense');
		list($status, $json) = \OcBridge\Http::run(function () use ($setting) {
			return new Service(fakeContext(proxiedAuthDb(), array('trusted_proxies' => $setting)));
		});
		return array($status, json_decode($json, true));
	};
	try {
		// 4.0.x's startup.php copied X-Forwarded-For into REMOTE_ADDR; the SAPI's own value is the proxy
		$overwritten = array('REMOTE_ADDR' => '203.0.113.9', 'HTTP_X_FORWARDED_FOR' => '203.0.113.9');
		list($status) = $run('10.0.0.5', '10.0.0.5', $overwritten);
		eq(404, $status, 'let in: the proxy is trusted, the caller allowed');
		list($status, $body) = $run('', '10.0.0.5', $overwritten);
		eq(403, $status, 'no setting: the proxy is the caller, as before');
		eq('10.0.0.5', $body['error']['details']['ip']);
		list($status, $body) = $run('10.0.0.5', null, $overwritten);
		eq(403, $status, 'no SAPI value and REMOTE_ADDR is the header: the peer is unknown, refused as before');
		contains('Caller IP unknown', $body['error']['message']);
		list($status, $body) = $run('10.0.0.5', '198.51.100.1', array('REMOTE_ADDR' => '198.51.100.1', 'HTTP_X_FORWARDED_FOR' => '203.0.113.9'));
		eq(403, $status, 'an untrusted peer\'s header is ignored');
		eq('198.51.100.1', $body['error']['details']['ip']);
	} finally {
		list($_SERVER, $_GET, $env) = $saved;
		putenv($env === false ? 'REMOTE_ADDR' : 'REMOTE_ADDR=' . $env);
	}
});

// ---------------------------------------------------------------- the admin form's check (AdminSettings)

function pageStrings($code) {
	return \OcBridge\AdminLanguage::strings(__DIR__ . '/../4.x/admin/language', 'module/ocbridge', $code);
}

t('AdminSettings: a valid list is stored normalized, one entry a line; empty stores empty (= off)', function () {
	$s = new \OcBridge\AdminSettings(pageStrings('en-gb'));
	eq(array('value' => "10.0.0.5\n2001:db8::/64\n172.16.0.0/12", 'error' => null), $s->trustedProxies("10.0.0.5, 2001:DB8::1/64\r\n172.16.9.9/12\n10.0.0.5"));
	eq(array('value' => '', 'error' => null), $s->trustedProxies(''));
	eq(array('value' => '', 'error' => null), $s->trustedProxies(null), 'a form without the field clears it');
	eq("10.0.0.5\n2001:db8::/64", \OcBridge\AdminSettings::shown("10.0.0.5\n2001:db8::/64"));
	eq('', \OcBridge\AdminSettings::shown(null), 'never saved: an empty field');
});

t('AdminSettings: bad entries → nothing to store, a message naming each, in the page\'s language', function () {
	$en = (new \OcBridge\AdminSettings(pageStrings('en-gb')))->trustedProxies("10.0.0.5\nproxy.local\n10.0.0.0/40\n0.0.0.0/0");
	eq(null, $en['value']);
	eq('Trusted proxies were not saved: "proxy.local" is not an IP address or CIDR range (for example 203.0.113.7, 10.0.0.0/8, 2001:db8::/32).'
		. ' "10.0.0.0/40": the prefix length after / must be 1–32 for IPv4 or 1–128 for IPv6.'
		. ' "0.0.0.0/0" would trust every address: any caller could then claim any IP in X-Forwarded-For.', $en['error']);
	$ru = (new \OcBridge\AdminSettings(pageStrings('ru-ru')))->trustedProxies('::/0');
	eq(null, $ru['value']);
	contains('Доверенные прокси не сохранены: «::/0» означает доверие любому адресу', $ru['error']);
	$many = (new \OcBridge\AdminSettings(pageStrings('en-gb')))->trustedProxies(str_repeat("10.0.0.1\n", 201));
	contains('201 entries; at most 200 are allowed.', $many['error']);
	$arr = (new \OcBridge\AdminSettings(pageStrings('en-gb')))->trustedProxies(array('10.0.0.1'));
	eq(null, $arr['value'], 'a posted array (name[]=…) is refused, not stored');
	contains('Trusted proxies were not saved', $arr['error']);
	contains('Modify permission for extension/ocbridge/module/ocbridge', (new \OcBridge\AdminSettings(pageStrings('en-gb')))->permissionError('extension/ocbridge/module/ocbridge'));
});

t('AdminSettings::merged: the module\'s other keys kept (editSetting replaces the whole code), other codes never written', function () {
	eq(array('module_ocbridge_future' => '1', 'module_ocbridge_trusted_proxies' => '10.0.0.5'),
		\OcBridge\AdminSettings::merged(array('module_ocbridge_future' => '1', 'module_ocbridge_trusted_proxies' => 'old', 'config_name' => 'x'), '10.0.0.5'));
	eq(array('module_ocbridge_trusted_proxies' => ''), \OcBridge\AdminSettings::merged(array(), ''));
});
