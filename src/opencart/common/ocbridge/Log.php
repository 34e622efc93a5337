<?php
namespace OcBridge;

/**
 * Where the extension reports what went wrong inside the shop: OpenCart's own error log (System › Maintenance ›
 * Error Logs, set up by the controller) and PHP's error log, so that an internal error answered to the bridge
 * always has its cause on the shop's side too.
 */
class Log {
	/** @var callable|null function (string $line): void – OpenCart's $log->write */
	private static $sink = null;

	public static function useSink($fn) {
		self::$sink = $fn;
	}

	public static function error($message) {
		$line = 'OCBridge: ' . preg_replace('/\s+/', ' ', (string)$message);
		if (self::$sink) {
			try {
				call_user_func(self::$sink, $line);
			} catch (\Throwable $ignored) {
			}
		}
		@error_log($line);
	}

	/** An error answered to the bridge: an internal one (the shop's fault) also goes to the log. */
	public static function answered($op, ApiError $e) {
		if ($e->getErrorCode() === 'internal') {
			self::error('internal error in ' . $op . ': ' . $e->getMessage());
		}
	}

	/** One line for an exception: class, message, where it was thrown, and the operation. */
	public static function exception($op, \Throwable $e) {
		$where = basename($e->getFile()) . ':' . $e->getLine();
		$cause = $e->getPrevious() ? '; caused by ' . get_class($e->getPrevious()) . ': ' . self::clean($e->getPrevious()->getMessage()) : '';
		self::error('internal error in ' . $op . ': ' . get_class($e) . ': ' . self::clean($e->getMessage()) . ' @ ' . $where . $cause);
	}

	/** OpenCart's DB errors are HTML ("Error: …<br/>Error No: …<br/>SQL"): keep the text, cap the SQL. */
	public static function clean($text) {
		$text = preg_replace('#<br\s*/?>#i', ' | ', (string)$text);
		return substr(preg_replace('/\s+/', ' ', $text), 0, 2000);
	}
}
