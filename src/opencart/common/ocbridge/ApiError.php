<?php
namespace OcBridge;

/**
 * An error that becomes the contract's error envelope:
 * {"error":{"code":…,"message":…,"details":{…}}} with the matching HTTP status.
 */
class ApiError extends \Exception {
	const STATUS = array(
		'bad_request'        => 400,
		'unauthorized'       => 401,
		'forbidden_ip'       => 403,
		'not_found'          => 404,
		'method_not_allowed' => 405,
		'ambiguous'          => 409,
		'payload_too_large'  => 413,
		'validation'         => 422,
		'internal'           => 500,
		'busy'               => 503,
	);

	/** @var string */
	private $errorCode;
	/** @var array */
	private $details;

	public function __construct($code, $message, array $details = array()) {
		if (!array_key_exists($code, self::STATUS)) {
			$code = 'internal';
		}
		parent::__construct($message);
		$this->errorCode = $code;
		$this->details = $details;
	}

	public function getErrorCode() {
		return $this->errorCode;
	}

	public function getHttpStatus() {
		return self::STATUS[$this->errorCode];
	}

	public function getDetails() {
		return $this->details;
	}

	/** The inner error object: {"code","message","details"} (details always a JSON object). */
	public function toArray() {
		return array(
			'code'    => $this->errorCode,
			'message' => $this->getMessage(),
			'details' => Json::obj($this->details),
		);
	}

	public static function validation(array $fields, $message = 'Invalid request') {
		return new self('validation', $message, array('fields' => Json::obj($fields)));
	}

	public static function ambiguous(array $ids, $message, $idField = 'product_ids') {
		return new self('ambiguous', $message, array($idField => array_values(array_map('intval', $ids))));
	}
}
