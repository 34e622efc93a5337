<?php
namespace OcBridge;

/**
 * Turns AdminStatus::collect() into the texts of the admin page in one language ($t: the strings of
 * AdminLanguage::strings). Plain text only: the views escape every value (OpenCart's Twig does not autoescape).
 * The warnings come first on the page: what needs a person.
 */
class AdminView {
	/** @var array */
	private $t;

	public function __construct(array $strings) {
		$this->t = $strings;
	}

	public function build(array $s) {
		return array(
			'versions'        => array(
				array($this->t('label_extension_version'), $s['bridge_version']),
				array($this->t('label_contract'), $s['contract']),
				array($this->t('label_opencart_version'), $s['opencart_version']),
			),
			'tables'          => $this->tables($s['tables']),
			'linked_products' => $s['linked_products'],
			'links'           => $this->links($s['links']),
			'api_users'       => $this->apiUsers($s['api_users']),
			'last'            => $s['last'] ? $this->call($s['last']) : null,
			'refused'         => $s['refused'] ? $this->call($s['refused']) : null,
			'warnings'        => $this->warnings($s),
		);
	}

	public function t($key) {
		return isset($this->t[$key]) ? (string)$this->t[$key] : $key;
	}

	private function f($key) {
		$args = func_get_args();
		$args[0] = $this->t($key);
		return call_user_func_array('sprintf', $args);
	}

	private function tables(array $tables) {
		$out = array();
		foreach ($tables as $table) {
			$out[] = array('name' => $table['name'], 'ok' => $table['exists'],
				'text' => $table['exists'] ? $this->f('text_table_rows', $table['rows']) : $this->t('text_table_missing'));
		}
		return $out;
	}

	private function links(array $links) {
		if (!$links) {
			return $this->t('text_no_links');
		}
		$parts = array();
		foreach ($links as $entity => $n) {
			$parts[] = $this->t('entity_' . $entity) . ': ' . $n;
		}
		return implode(', ', $parts);
	}

	private function apiUsers(array $users) {
		$out = array();
		foreach ($users as $u) {
			$ok = $u['enabled'] && $u['ips'] && $u['caller_allowed'] !== false;
			if (!$u['used_by_bridge']) {
				$bridge = '';
			} elseif ($u['caller_allowed']) {
				$bridge = $this->f('text_ip_allowed', $u['caller_ip']);
			} else {
				$bridge = $this->f('text_ip_blocked', $u['caller_ip']);
			}
			$out[] = array(
				'username' => $u['username'],
				'status'   => $this->t($u['enabled'] ? 'text_enabled' : 'text_disabled'),
				'ips'      => $u['ips'] ? implode(', ', $u['ips']) : $this->t('text_ip_none'),
				'bridge'   => $bridge,
				'used'     => $u['used_by_bridge'],
				'ok'       => $ok,
			);
		}
		return $out;
	}

	private function call(array $c) {
		return array(
			'op'       => $c['op'],
			'ok'       => $c['result'] === 'ok',
			'result'   => $this->result($c['result']),
			'status'   => 'HTTP ' . $c['http_status'] . ', ' . $this->f('text_duration', $c['duration_ms']),
			'time'     => $c['date_added'] . ' (' . $this->age($c['age_seconds']) . ')',
			'ip'       => $c['ip'],
			'calls'    => $c['calls'],
		);
	}

	/** "success", or the error code with what it means where the language file says it ("IP address not allowed (forbidden_ip)"). */
	private function result($code) {
		if ($code === 'ok') {
			return $this->t('result_ok');
		}
		return isset($this->t['result_' . $code]) ? $this->t['result_' . $code] . ' (' . $code . ')' : $code;
	}

	public function age($seconds) {
		if ($seconds < 120) {
			return $this->f('text_ago_seconds', $seconds);
		}
		if ($seconds < 7200) {
			return $this->f('text_ago_minutes', intdiv($seconds, 60));
		}
		if ($seconds < 172800) {
			return $this->f('text_ago_hours', intdiv($seconds, 3600));
		}
		return $this->f('text_ago_days', intdiv($seconds, 86400));
	}

	/** What needs a person, most basic first. */
	private function warnings(array $s) {
		$out = array();
		if (!$s['link_table']) {
			$out[] = $this->t('warn_not_installed');
		}
		$last = $s['last'];
		$refused = $s['refused'];
		if ($last === null) {
			$out[] = $this->t('warn_no_call');
		} elseif ($last['age_seconds'] > $s['stale_seconds']) {
			$out[] = $this->f('warn_stale', $this->age($last['age_seconds']), intdiv($s['stale_seconds'], 60));
		}
		if ($last !== null && $last['result'] !== 'ok') {
			$out[] = $this->f('warn_last_failed', $last['op'], $last['result']);
		}
		// a refusal after the last call that was let in: the bridge is being turned away now
		if ($refused !== null && ($last === null || $refused['age_seconds'] < $last['age_seconds'])) {
			$out[] = $refused['result'] === 'forbidden_ip' ? $this->f('warn_refused_ip', $refused['ip'])
				: $this->f('warn_refused_key', $refused['ip']);
		}
		foreach ($s['api_users'] as $u) {
			if ($u['used_by_bridge'] && !$u['enabled']) {
				$out[] = $this->f('warn_user_disabled', $u['username']);
			}
		}
		$usable = array_filter($s['api_users'], function ($u) {
			return $u['enabled'] && $u['ips'];
		});
		if (!$usable) {
			$out[] = $this->t('warn_no_api_user');
		}
		return $out;
	}
}
