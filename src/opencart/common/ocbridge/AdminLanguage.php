<?php
namespace OcBridge;

/**
 * The language of the extension's admin page. OpenCart ships English only; a Russian admin is a shop with a ru-ru
 * language installed, and its admin language (or the admin's language switch) says ru-ru. The page follows, in
 * this order: the page's own `language` parameter (its English | Русский links), the admin's language, English.
 * Only languages the extension has a file for are chosen; every string falls back to English on its own, so a
 * partial translation never shows a bare key.
 */
class AdminLanguage {
	const FALLBACK = 'en-gb';
	const CODE_PATTERN = '/^[a-z]{2,3}(-[a-z]{2,4})?$/';

	/**
	 * @param string $dir      the folder holding <code>/<file>.php (OpenCart's admin/language/ on 3.x, the
	 *                         extension's admin/language/ on 4.x)
	 * @param string $file     the language file below each code folder, without .php
	 */
	public static function available($dir, $file) {
		$out = array();
		foreach ((array)glob(rtrim($dir, '/') . '/*/' . $file . '.php') as $path) {
			$code = self::codeOf($path, $dir);
			if ($code !== null) {
				$out[] = $code;
			}
		}
		sort($out);
		return $out;
	}

	/** The code folder a language file lies in, directly below $dir. */
	private static function codeOf($path, $dir) {
		$rest = substr($path, strlen(rtrim($dir, '/')) + 1);
		$code = strtolower(substr($rest, 0, (int)strpos($rest, '/')));
		return preg_match(self::CODE_PATTERN, $code) ? $code : null;
	}

	/** The code the page is shown in: requested, else the admin's, else English (see the class comment). */
	public static function pick($requested, $adminCode, array $available) {
		foreach (array($requested, $adminCode) as $code) {
			$code = strtolower(trim((string)$code));
			if ($code !== '' && preg_match(self::CODE_PATTERN, $code) && in_array($code, $available, true)) {
				return $code;
			}
		}
		return self::FALLBACK;
	}

	/** English strings overlaid with those of $code (a file defines $_['key'] = 'text', as OpenCart's do). */
	public static function strings($dir, $file, $code) {
		$strings = self::read(rtrim($dir, '/') . '/' . self::FALLBACK . '/' . $file . '.php');
		if ($code !== self::FALLBACK && preg_match(self::CODE_PATTERN, (string)$code)) {
			$strings = self::read(rtrim($dir, '/') . '/' . $code . '/' . $file . '.php') + $strings;
		}
		return $strings;
	}

	/** @return array code => the language's own name (its file's `language_name`), for the page's language links */
	public static function names($dir, $file, array $available) {
		$out = array();
		foreach ($available as $code) {
			$strings = self::read(rtrim($dir, '/') . '/' . $code . '/' . $file . '.php');
			$out[$code] = isset($strings['language_name']) ? (string)$strings['language_name'] : $code;
		}
		return $out;
	}

	private static function read($path) {
		if (!is_file($path)) {
			return array();
		}
		$_ = array();
		require $path;
		return $_;
	}
}
