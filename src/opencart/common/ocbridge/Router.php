<?php
namespace OcBridge;

/**
 * HTTP level of the contract: auth, op table, methods, body size, JSON decoding,
 * and turning results/exceptions into [status, body]. Independent of OpenCart.
 */
class Router {
	const BRIDGE_VERSION = '1.0.0';
	const MAX_BODY = 8388608; // 8 MiB

	/** op => [HTTP method, service method] */
	const OPS = array(
		'ping'                 => array('GET', 'ping'),
		'product.get'          => array('GET', 'productGet'),
		'product.list'         => array('GET', 'productList'),
		'product.upsert'       => array('POST', 'productUpsert'),
		'products.upsert'      => array('POST', 'productsUpsert'),
		'products.stock_price' => array('POST', 'productsStockPrice'),
		'image.put'            => array('POST', 'imagePut'),
		'images.put'           => array('POST', 'imagesPut'),
		'category.list'        => array('GET', 'categoryList'),
		'category.upsert'      => array('POST', 'categoryUpsert'),
		'manufacturer.list'    => array('GET', 'manufacturerList'),
		'manufacturer.upsert'  => array('POST', 'manufacturerUpsert'),
		'option.upsert'        => array('POST', 'optionUpsert'),
		'attribute.upsert'     => array('POST', 'attributeUpsert'),
		'order.list'           => array('GET', 'orderList'),
		'order.get'            => array('GET', 'orderGet'),
		'order.history_add'    => array('POST', 'orderHistoryAdd'),
		'order_status.list'    => array('GET', 'orderStatusList'),
	);

	/**
	 * Additions to operations that a client may rely on only when announced (ping's `features`), e.g. the
	 * idempotency key of order.history_add, which makes repeating that write after a lost answer safe.
	 */
	const FEATURES = array('order.history_add.idempotency_key');

	public static function capabilities() {
		$out = array();
		foreach (array_keys(self::OPS) as $op) {
			if ($op !== 'ping') {
				$out[] = $op;
			}
		}
		return $out;
	}

	/** @var object service with authenticate() and one method per op */
	private $service;
	/** @var CallLog|null where each answered call is recorded for the admin page */
	private $calls;

	public function __construct($service, $calls = null) {
		$this->service = $service;
		$this->calls = $calls;
	}

	/**
	 * @param string   $method        HTTP method
	 * @param array    $query         raw query parameters ($_GET)
	 * @param array    $headers       lower-case header name => value
	 * @param string|ClientAddress $remoteAddr the caller: the socket peer, or as TrustedProxies::resolve told it
	 * @param int|null $contentLength declared Content-Length
	 * @param callable $readBody      returns the raw body (called only for POST within limits)
	 * @return array [int status, array body]
	 */
	public function handle($method, array $query, array $headers, $remoteAddr, $contentLength, $readBody, $phpPostMax = 0) {
		$started = microtime(true);
		$op = isset($query['op']) && is_string($query['op']) ? $query['op'] : '';
		$apiId = 0;
		$client = ClientAddress::of($remoteAddr);
		list($status, $body) = $this->answer($method, $query, $headers, $client, $contentLength, $readBody, $phpPostMax, $apiId);
		$this->record($op, $status, $body, $apiId, $headers, $client->ip, $started);
		return array($status, $body);
	}

	/**
	 * After the answer is made: the call goes into the call log (CallLog never throws). A refusal is recorded only
	 * when the caller sent credentials, so a scanner hitting the URL without them writes nothing.
	 */
	private function record($op, $status, array $body, $apiId, array $headers, $remoteAddr, $started) {
		if (!$this->calls) {
			return;
		}
		$result = isset($body['error']['code']) ? (string)$body['error']['code'] : 'ok';
		if ($apiId === 0 && empty($headers['x-api-username']) && empty($headers['x-api-key'])) {
			return;
		}
		$this->calls->record($op, $status, $result, $apiId, (string)$remoteAddr, (int)round((microtime(true) - $started) * 1000));
	}

	private function answer($method, array $query, array $headers, ClientAddress $client, $contentLength, $readBody, $phpPostMax, &$apiId) {
		$op = '';
		try {
			$method = strtoupper((string)$method);
			$op = isset($query['op']) && is_string($query['op']) ? $query['op'] : '';
			$username = isset($headers['x-api-username']) ? (string)$headers['x-api-username'] : '';
			$key = isset($headers['x-api-key']) ? (string)$headers['x-api-key'] : '';
			$apiId = (int)$this->service->authenticate($username, $key, $client->ip, $client);

			if ($op === '') {
				throw new ApiError('bad_request', 'Missing query parameter op');
			}
			if (!array_key_exists($op, self::OPS)) {
				throw new ApiError('not_found', 'Unknown operation ' . $op);
			}
			list($allowed, $fn) = self::OPS[$op];
			if ($method !== $allowed) {
				throw new ApiError('method_not_allowed', 'Operation ' . $op . ' requires ' . $allowed, array('allow' => $allowed));
			}
			$body = null;
			if ($allowed === 'POST') {
				if ($contentLength !== null && (int)$contentLength > self::MAX_BODY) {
					throw new ApiError('payload_too_large', 'Request body exceeds 8 MiB', array('max_bytes' => self::MAX_BODY));
				}
				if ($phpPostMax > 0 && $contentLength !== null && (int)$contentLength > $phpPostMax) {
					// PHP has already discarded a body over post_max_size; say so instead of "not JSON".
					throw new ApiError('payload_too_large', 'Request body exceeds this shop\'s PHP post_max_size (' . $phpPostMax . ' bytes); raise it to 8M or send smaller batches', array('max_bytes' => $phpPostMax));
				}
				$raw = call_user_func($readBody);
				if (is_string($raw) && strlen($raw) > self::MAX_BODY) {
					throw new ApiError('payload_too_large', 'Request body exceeds 8 MiB', array('max_bytes' => self::MAX_BODY));
				}
				$body = Json::decodeBody($raw);
			}
			$data = $this->service->$fn($query, $body);
			return Json::success($data);
		} catch (ApiError $e) {
			Log::answered($op !== '' ? $op : '?', $e);
			return Json::failure($e);
		} catch (\Throwable $e) {
			return Json::failure(self::internal($e, ($op !== '' ? $op : '?')));
		}
	}

	/**
	 * Any unexpected error → the contract's error: "busy" (503, retryable) for a lock conflict the database did
	 * not resolve, "internal" (500) otherwise, with the cause in the message and in the shop's error log.
	 */
	public static function internal(\Throwable $e, $op = '?') {
		$errno = LockConflict::errnoOf($e);
		if ($errno !== null) {
			Log::error('lock conflict in ' . $op . ' not resolved after ' . Db::LOCK_ATTEMPTS . ' attempts (MySQL error ' . $errno . '); answered busy, the bridge retries');
			return new ApiError('busy', 'The shop database is busy (' . ($errno === 1213 ? 'deadlock' : 'lock wait timeout') . ', MySQL error ' . $errno . '); send the request again',
				array('retryable' => true, 'mysql_errno' => $errno));
		}
		Log::exception($op, $e);
		$reason = substr(Log::clean($e->getMessage()), 0, 500);
		return new ApiError('internal', 'Internal error: ' . ($reason === '' ? get_class($e) : $reason), array(
			'exception' => get_class($e),
			'reason'    => $reason,
			'where'     => basename($e->getFile()) . ':' . $e->getLine(),
		));
	}

	/** php.ini size ("8M", "512K", "1G", "0") → bytes (0 = unlimited). */
	public static function iniBytes($value) {
		$value = trim((string)$value);
		if ($value === '' || !preg_match('/^(\d+)\s*([kmg]?)/i', $value, $m)) {
			return 0;
		}
		$n = (int)$m[1];
		switch (strtolower($m[2])) {
			case 'g':
				$n *= 1024;
				// fall through
			case 'm':
				$n *= 1024;
				// fall through
			case 'k':
				$n *= 1024;
		}
		return $n;
	}

	/** Lower-case header map from $_SERVER. */
	public static function headersFromServer(array $server) {
		$out = array();
		foreach ($server as $k => $v) {
			if (strpos($k, 'HTTP_') === 0) {
				$out[strtolower(str_replace('_', '-', substr($k, 5)))] = $v;
			}
		}
		if (isset($server['CONTENT_TYPE'])) {
			$out['content-type'] = $server['CONTENT_TYPE'];
		}
		return $out;
	}
}
