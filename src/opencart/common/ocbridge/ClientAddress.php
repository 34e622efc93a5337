<?php
namespace OcBridge;

/**
 * The caller's address as the IP allow-list sees it (TrustedProxies::resolve): the socket peer, or, when the peer
 * is a trusted proxy, the address X-Forwarded-For names. Immutable.
 */
class ClientAddress {
	/** @var string the address checked against oc_api_ip, reported by forbidden_ip and recorded by CallLog; '' = unknown */
	public $ip;
	/** @var string|null the trusted proxy the call came through (the socket peer); null for a direct call */
	public $proxy;
	/** @var string|null why the address cannot be believed (a malformed X-Forwarded-For): the call is refused */
	public $problem;

	public function __construct($ip, $proxy = null, $problem = null) {
		$this->ip = (string)$ip;
		$this->proxy = $proxy === null ? null : (string)$proxy;
		$this->problem = $problem === null ? null : (string)$problem;
	}

	/** A call straight from the socket peer (no proxy trusted, or the peer is not one). */
	public static function direct($peer) {
		return new ClientAddress($peer);
	}

	/** $value as given to Router::handle: a ClientAddress, or a plain address string (the socket peer). */
	public static function of($value) {
		return $value instanceof ClientAddress ? $value : self::direct((string)$value);
	}
}
