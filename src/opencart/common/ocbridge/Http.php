<?php
namespace OcBridge;

/**
 * Request/response plumbing shared by the 3.x and 4.x controllers: keeps PHP warnings and
 * HTML out of the answer, turns fatals into a JSON 500, reads the raw request.
 */
class Http {
	private static $done = false;
	private static $warnings = array();

	/** Call first in the controller: no error display, warnings collected, fatals → JSON 500. */
	public static function guard() {
		@ini_set('display_errors', '0');
		@ini_set('html_errors', '0');
		set_error_handler(function ($no, $str, $file, $line) {
			if (count(self::$warnings) < 20) {
				self::$warnings[] = $str . ' @ ' . basename($file) . ':' . $line;
			}
			return true; // never printed into the response
		});
		register_shutdown_function(function () {
			if (self::$done) {
				return;
			}
			$e = error_get_last();
			if ($e && in_array($e['type'], array(E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR), true)) {
				Log::error('fatal error during ' . self::op() . ': ' . $e['message'] . ' @ ' . basename($e['file']) . ':' . $e['line']);
				while (ob_get_level() > 0) {
					@ob_end_clean();
				}
				if (!headers_sent()) {
					http_response_code(500);
					header('Content-Type: application/json; charset=utf-8');
				}
				echo Json::encode(array('error' => array('code' => 'internal', 'message' => 'Internal error', 'details' => array(
					'reason' => substr($e['message'], 0, 500) . ' @ ' . basename($e['file']) . ':' . $e['line'],
				))));
			}
		});
		// Drop anything OpenCart printed before us (startup warnings and the like).
		while (ob_get_level() > 0) {
			@ob_end_clean();
		}
		ob_start();
	}

	public static function warnings() {
		return self::$warnings;
	}

	/**
	 * Run the router for the current request.
	 * @param callable $makeService function (): Service (may throw)
	 * @return array [status, json string]
	 */
	public static function run($makeService) {
		try {
			$service = call_user_func($makeService);
			$service->prepareConnection();
			$router = new Router($service, $service->callLog());
			$client = $service->clientAddress(self::peerAddress($_SERVER, getenv('REMOTE_ADDR')),
				isset($_SERVER['HTTP_X_FORWARDED_FOR']) ? (string)$_SERVER['HTTP_X_FORWARDED_FOR'] : '');
			list($status, $body) = $router->handle(
				isset($_SERVER['REQUEST_METHOD']) ? $_SERVER['REQUEST_METHOD'] : 'GET',
				$_GET,
				Router::headersFromServer($_SERVER),
				$client,
				isset($_SERVER['CONTENT_LENGTH']) && $_SERVER['CONTENT_LENGTH'] !== '' ? (int)$_SERVER['CONTENT_LENGTH'] : null,
				function () {
					$in = @fopen('php://input', 'rb');
					if (!$in) {
						return '';
					}
					$raw = stream_get_contents($in, Router::MAX_BODY + 1);
					fclose($in);
					return $raw === false ? '' : $raw;
				},
				Router::iniBytes(ini_get('post_max_size'))
			);
		} catch (\Throwable $e) {
			list($status, $body) = Json::failure(Router::internal($e, self::op()));
		}
		return array($status, Json::encode($body));
	}

	/**
	 * The socket peer: what the IP allow-list checks, unless it is a trusted proxy (Service::clientAddress).
	 * OpenCart 4.0.x's system/startup.php overwrites $_SERVER['REMOTE_ADDR'] with X-Forwarded-For
	 * or Client-IP, so the SAPI's own value (getenv: PHP-FPM, Apache) is preferred. Where that is
	 * unavailable and REMOTE_ADDR equals such a header, the peer is unknown → '' (refused).
	 */
	public static function peerAddress(array $server, $envAddr) {
		if (is_string($envAddr) && $envAddr !== '') {
			return $envAddr;
		}
		$ip = isset($server['REMOTE_ADDR']) ? (string)$server['REMOTE_ADDR'] : '';
		foreach (array('HTTP_X_FORWARDED_FOR', 'HTTP_CLIENT_IP') as $h) {
			if (!empty($server[$h]) && (string)$server[$h] === $ip) {
				return '';
			}
		}
		return $ip;
	}

	/** Discard stray output and mark the request as answered. */
	public static function finish() {
		while (ob_get_level() > 0) {
			@ob_end_clean();
		}
		self::$done = true;
		restore_error_handler();
		// Warnings never reach the response; they go to PHP's error log instead.
		foreach (self::$warnings as $w) {
			@error_log('OCBridge: PHP warning during ' . self::op() . ': ' . $w);
		}
	}

	private static function op() {
		return isset($_GET['op']) && is_string($_GET['op']) ? $_GET['op'] : '?';
	}

	public static function reasonPhrase($status) {
		$p = array(200 => 'OK', 400 => 'Bad Request', 401 => 'Unauthorized', 403 => 'Forbidden', 404 => 'Not Found', 405 => 'Method Not Allowed',
			409 => 'Conflict', 413 => 'Payload Too Large', 422 => 'Unprocessable Entity', 500 => 'Internal Server Error');
		return isset($p[$status]) ? $p[$status] : 'Error';
	}
}
