<?php
namespace OcBridge;

/** JSON helpers: encoding the envelope, decoding request bodies, telling lists from objects. */
class Json {
	/** An array that must be encoded as a JSON object even when empty. */
	public static function obj($value) {
		// (object) also keeps numeric keys such as store ids as object members: {"0": …}
		return is_array($value) ? (object)$value : $value;
	}

	public static function isList($value) {
		if (!is_array($value)) {
			return false;
		}
		$i = 0;
		foreach ($value as $k => $unused) {
			if ($k !== $i++) {
				return false;
			}
		}
		return true;
	}

	public static function isObject($value) {
		return is_array($value) && (!$value || !self::isList($value));
	}

	public static function encode($value) {
		$flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES;
		if (defined('JSON_INVALID_UTF8_SUBSTITUTE')) {
			$flags |= JSON_INVALID_UTF8_SUBSTITUTE;
		}
		$json = json_encode($value, $flags);
		if ($json === false) {
			$json = '{"error":{"code":"internal","message":"Could not encode the answer as JSON","details":{}}}';
		}
		return $json;
	}

	/**
	 * Decode a request body into an associative array.
	 * @throws ApiError bad_request when the body is empty, not JSON or not a JSON object.
	 */
	public static function decodeBody($body) {
		if (!is_string($body) || trim($body) === '') {
			throw new ApiError('bad_request', 'Request body must be a JSON object');
		}
		$data = json_decode($body, true, 64);
		if (json_last_error() !== JSON_ERROR_NONE) {
			throw new ApiError('bad_request', 'Request body is not valid JSON: ' . json_last_error_msg());
		}
		if (!is_array($data) || ($data && self::isList($data))) {
			throw new ApiError('bad_request', 'Request body must be a JSON object');
		}
		return $data;
	}

	/** [status, body] for a success answer. */
	public static function success($data) {
		return array(200, array('data' => $data));
	}

	/** [status, body] for an error answer. */
	public static function failure(ApiError $e) {
		return array($e->getHttpStatus(), array('error' => $e->toArray()));
	}
}
