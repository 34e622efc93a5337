<?php
namespace OcBridge;

/**
 * The extension's one setting, "trusted proxies" (TrustedProxies), as the admin page saves it: the posted text is
 * checked (each entry an IP address or CIDR range, else an error naming the entry and nothing is saved) and turned
 * into the value stored in oc_setting. The same on 3.x and 4.x; the controllers do OpenCart's permission check and
 * the write. Messages are plain text in the page's language ($strings of AdminLanguage::strings).
 */
class AdminSettings {
	/** @var array */
	private $t;

	public function __construct(array $strings) {
		$this->t = $strings;
	}

	/**
	 * @param mixed $posted what the form sent for TrustedProxies::SETTING_KEY
	 * @return array ['value' => string to store (entries one a line, normalized), 'error' => null] or
	 *               ['value' => null, 'error' => message naming every bad entry]
	 */
	public function trustedProxies($posted) {
		if (!is_string($posted) && $posted !== null) {
			return array('value' => null, 'error' => $this->f('error_trusted_proxies', $this->f('error_proxy_invalid', '[]')));
		}
		$checked = TrustedProxies::check((string)$posted);
		if ($checked['errors']) {
			$parts = array();
			foreach ($checked['errors'] as $e) {
				$parts[] = $this->f('error_proxy_' . $e[1], $e[0], TrustedProxies::MAX_ENTRIES);
			}
			return array('value' => null, 'error' => $this->f('error_trusted_proxies', implode(' ', $parts)));
		}
		return array('value' => implode("\n", $checked['entries']), 'error' => null);
	}

	/** The refusal when the admin user may not modify the module ($route: the permission OpenCart checks). */
	public function permissionError($route) {
		return $this->f('error_permission', $route);
	}

	/**
	 * The module's settings with the new value, for OpenCart's editSetting() (which deletes every key of the code
	 * first, so the other keys of module_ocbridge, if a later version adds some, are passed on as they were).
	 */
	public static function merged(array $current, $value) {
		$out = array();
		foreach ($current as $key => $v) {
			if (strpos((string)$key, TrustedProxies::SETTING_CODE . '_') === 0) {
				$out[$key] = $v;
			}
		}
		$out[TrustedProxies::SETTING_KEY] = (string)$value;
		return $out;
	}

	/** The stored value for the form's text area: one entry a line. */
	public static function shown($stored) {
		return implode("\n", TrustedProxies::split($stored));
	}

	private function f($key) {
		$args = func_get_args();
		$args[0] = isset($this->t[$key]) ? (string)$this->t[$key] : $key;
		return call_user_func_array('sprintf', $args);
	}
}
