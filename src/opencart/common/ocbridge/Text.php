<?php
namespace OcBridge;

/**
 * Text as OpenCart stores it. The admin (through OpenCart's Request cleaning) stores every text
 * field trimmed and HTML-escaped with ENT_COMPAT (`&` `"` `<` `>`), and the storefront decodes
 * descriptions with html_entity_decode(). The bridge writes the same form and decodes on read,
 * so data written by the bridge and by the admin look the same.
 */
class Text {
	public static function toDb($value) {
		if ($value === null) {
			return '';
		}
		return htmlspecialchars(trim((string)$value), ENT_COMPAT, 'UTF-8');
	}

	public static function fromDb($value) {
		if ($value === null) {
			return null;
		}
		return html_entity_decode((string)$value, ENT_QUOTES, 'UTF-8');
	}

	public static function length($value) {
		if (function_exists('mb_strlen')) {
			return mb_strlen((string)$value, 'UTF-8');
		}
		// No mbstring (e.g. Debian's bare php-cli): count UTF-8 code points with PCRE.
		$n = preg_match_all('/./us', (string)$value);
		return $n === false ? strlen((string)$value) : $n;
	}

	/** Money/decimal as a string with $scale decimals, or null when not a non-negative number. */
	public static function decimal($value, $scale = 4, $allowNegative = false) {
		if (is_int($value) || is_float($value)) {
			if (is_float($value) && !is_finite($value)) {
				return null;
			}
			$value = is_int($value) ? (string)$value : sprintf('%.' . ($scale + 2) . 'F', $value);
		}
		if (!is_string($value)) {
			return null;
		}
		$value = trim($value);
		if (!preg_match('/^(-?)(\d{1,11})(?:\.(\d+))?$/', $value, $m)) {
			return null;
		}
		if ($m[1] === '-' && !$allowNegative) {
			if (preg_match('/^-0+(\.0*)?$/', $value)) {
				$m[1] = '';
			} else {
				return null;
			}
		}
		$frac = isset($m[3]) ? $m[3] : '';
		if (strlen($frac) > $scale) {
			// Round half up on the decimal string, without floats.
			$keep = substr($frac, 0, $scale);
			$next = (int)$frac[$scale];
			$digits = ltrim($m[2], '0') . $keep;
			if ($digits === '') {
				$digits = '0';
			}
			if ($next >= 5) {
				$digits = self::incrementDigits($digits);
			}
			$digits = str_pad($digits, $scale + 1, '0', STR_PAD_LEFT);
			$int = substr($digits, 0, strlen($digits) - $scale);
			$frac = $scale ? substr($digits, -$scale) : '';
		} else {
			$int = ltrim($m[2], '0');
			$frac = str_pad($frac, $scale, '0');
		}
		if ($int === '') {
			$int = '0';
		}
		$out = $scale ? $int . '.' . $frac : $int;
		if ($m[1] === '-' && preg_match('/[1-9]/', $out)) {
			$out = '-' . $out;
		}
		return $out;
	}

	private static function incrementDigits($digits) {
		$i = strlen($digits) - 1;
		while ($i >= 0) {
			if ($digits[$i] === '9') {
				$digits[$i] = '0';
				$i--;
			} else {
				$digits[$i] = (string)((int)$digits[$i] + 1);
				return $digits;
			}
		}
		return '1' . $digits;
	}

	/** Money as stored (decimal(15,4)) → contract string "1234.5000". */
	public static function money($dbValue, $scale = 4) {
		$d = self::decimal((string)$dbValue, $scale, true);
		return $d === null ? number_format(0, $scale, '.', '') : $d;
	}
}
