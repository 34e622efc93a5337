<?php
namespace OcBridge;

/**
 * OpenCart stores DATETIMEs as local time of the store time zone (config_timezone).
 * The contract speaks ISO-8601 with an explicit offset.
 */
class Dates {
	/** DB "Y-m-d H:i:s" (store local time) → "2026-11-28T21:56:12+03:00"; zero dates → null. */
	public static function toIso($dbValue, $timezone) {
		if ($dbValue === null || $dbValue === '' || strpos((string)$dbValue, '0000-00-00') === 0) {
			return null;
		}
		try {
			$dt = new \DateTime((string)$dbValue, new \DateTimeZone($timezone));
		} catch (\Exception $e) {
			return null;
		}
		return $dt->format('Y-m-d\TH:i:sP');
	}

	/**
	 * ISO-8601 from a request → DB local "Y-m-d H:i:s" in $timezone, or null when invalid.
	 * Accepts "2026-11-28T21:56:12+03:00", "…Z", "…+0300", "2026-11-28T21:56:12" and "2026-11-28"
	 * (the last two are taken as store local time).
	 */
	public static function fromIso($value, $timezone) {
		if (!is_string($value)) {
			return null;
		}
		$value = trim($value);
		$re = '/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/';
		if (!preg_match($re, $value, $m)) {
			return null;
		}
		if (!checkdate((int)$m[2], (int)$m[3], (int)$m[1])) {
			return null;
		}
		$h = isset($m[4]) && $m[4] !== '' ? (int)$m[4] : 0;
		$i = isset($m[5]) && $m[5] !== '' ? (int)$m[5] : 0;
		$s = isset($m[6]) && $m[6] !== '' ? (int)$m[6] : 0;
		if ($h > 23 || $i > 59 || $s > 59) {
			return null;
		}
		$local = sprintf('%04d-%02d-%02d %02d:%02d:%02d', $m[1], $m[2], $m[3], $h, $i, $s);
		try {
			$tz = new \DateTimeZone($timezone);
			if (isset($m[7]) && $m[7] !== '') {
				$offset = $m[7] === 'Z' ? '+00:00' : $m[7];
				$dt = new \DateTime($local . ' ' . $offset);
				$dt->setTimezone($tz);
			} else {
				$dt = new \DateTime($local, $tz);
			}
		} catch (\Exception $e) {
			return null;
		}
		return $dt->format('Y-m-d H:i:s');
	}

	/** "Y-m-d" or null (null / "" clear the date); false when invalid. */
	public static function dateOnly($value) {
		if ($value === null || $value === '') {
			return null;
		}
		if (!is_string($value) || !preg_match('/^(\d{4})-(\d{2})-(\d{2})$/', $value, $m) || !checkdate((int)$m[2], (int)$m[3], (int)$m[1])) {
			return false;
		}
		return $value;
	}
}
