<?php
namespace OcBridge;

/**
 * The extension's "trusted proxies" setting (oc_setting module_ocbridge / module_ocbridge_trusted_proxies): IPv4 and
 * IPv6 addresses and CIDR ranges of the reverse proxies, load balancers or CDN in front of the shop. Only a call whose
 * socket peer is one of them has its X-Forwarded-For believed, walked from the right (the hop the trusted proxy
 * appended) to the first address that is not itself trusted: everything left of that was written by the caller and
 * may be forged. Empty (the default): X-Forwarded-For is never read, exactly as before the setting existed.
 */
class TrustedProxies {
	const SETTING_CODE = 'module_ocbridge';
	const SETTING_KEY = 'module_ocbridge_trusted_proxies';
	/** More entries than any real set-up needs (Cloudflare publishes 22 ranges); keeps the oc_setting value small. */
	const MAX_ENTRIES = 200;

	/** @var array of [network bytes (4 or 16), prefix bits] */
	private $ranges;

	private function __construct(array $ranges) {
		$this->ranges = $ranges;
	}

	/**
	 * The setting as stored (entries one a line; an array as OpenCart's serialized settings come is taken too). An
	 * entry that does not parse (only possible by editing oc_setting by hand: the admin form refuses it) is skipped
	 * with a log line, so a typo can never make more addresses trusted.
	 */
	public static function fromSetting($value) {
		$ranges = array();
		foreach (self::split($value) as $entry) {
			$r = self::parseEntry($entry);
			if (is_array($r)) {
				$ranges[] = array($r[0], $r[1]);
			} else {
				Log::error('trusted proxies: entry "' . self::printable($entry) . '" of ' . self::SETTING_KEY . ' is not an IP address or CIDR range (' . $r . '); ignored');
			}
		}
		return new TrustedProxies($ranges);
	}

	/**
	 * The admin form's check of what was typed.
	 * @return array ['entries' => normalized entries (network address, no host bits; duplicates dropped),
	 *                'errors' => list of [entry, reason]] with reason 'invalid' | 'prefix' | 'everything' | 'too_many'
	 */
	public static function check($text) {
		$entries = array();
		$errors = array();
		$all = self::split($text);
		foreach ($all as $entry) {
			$r = self::parseEntry($entry);
			if (is_array($r)) {
				$entries[$r[2]] = true;
			} else {
				$errors[] = array($entry, $r);
			}
		}
		if (count($all) > self::MAX_ENTRIES) {
			$errors[] = array((string)count($all), 'too_many');
		}
		return array('entries' => array_keys($entries), 'errors' => $errors);
	}

	/** Entries are separated by line breaks, spaces, commas or semicolons. @return string[] */
	public static function split($value) {
		if (is_array($value)) {
			$value = implode("\n", array_map('strval', $value));
		}
		$parts = preg_split('/[\s,;]+/', trim((string)$value));
		return array_values(array_filter($parts, 'strlen'));
	}

	/**
	 * "203.0.113.7", "10.0.0.0/8", "2001:db8::/32" → [network bytes, prefix bits, normalized text]; else the reason
	 * ('invalid': not an address, 'prefix': the length is not 1–32 / 1–128, 'everything': /0 would trust any caller).
	 */
	public static function parseEntry($entry) {
		$parts = explode('/', (string)$entry);
		if (count($parts) > 2) {
			return 'invalid';
		}
		$raw = self::raw($parts[0]);
		if ($raw === null) {
			return 'invalid';
		}
		$max = strlen($raw) * 8;
		$bits = $max;
		if (count($parts) === 2) {
			if (!preg_match('/^[0-9]{1,3}$/', $parts[1]) || (int)$parts[1] > $max) {
				return 'prefix';
			}
			$bits = (int)$parts[1];
		}
		// an IPv4-mapped IPv6 range (::ffff:10.0.0.0/104) is the IPv4 range it maps
		if ($max === 128 && $bits >= 96 && self::unmap($raw) !== $raw) {
			$raw = self::unmap($raw);
			$bits -= 96;
			$max = 32;
		}
		if ($bits === 0) {
			return 'everything';
		}
		$network = self::network($raw, $bits);
		return array($network, $bits, inet_ntop($network) . ($bits < $max ? '/' . $bits : ''));
	}

	public function isEmpty() {
		return !$this->ranges;
	}

	/** Is $ip (an address string) inside one of the trusted ranges? */
	public function contains($ip) {
		$raw = self::raw($ip);
		return $raw !== null && $this->containsRaw(self::unmap($raw));
	}

	/**
	 * The address the allow-list checks. The peer is not trusted (or nothing is): the peer, headers ignored. The peer
	 * is trusted: X-Forwarded-For from the right, the first hop that is not trusted; all trusted: the leftmost; no
	 * header: the peer (the proxy's host called itself). A hop reached that is not an IP address → refused: the
	 * caller cannot be told, and guessing would hand the check to whoever wrote the header.
	 */
	public function resolve($peer, $forwardedFor) {
		$peer = (string)$peer;
		if ($peer === '' || !$this->contains($peer)) {
			return ClientAddress::direct($peer);
		}
		$header = trim((string)$forwardedFor, " \t"); // HTTP's optional white space only: a NUL is not an address
		if ($header === '') {
			return ClientAddress::direct($peer);
		}
		$hops = explode(',', $header);
		$address = '';
		for ($i = count($hops) - 1; $i >= 0; $i--) {
			$hop = trim($hops[$i], " \t");
			$raw = self::raw($hop);
			if ($raw === null) {
				return new ClientAddress($peer, $peer, 'X-Forwarded-For sent through the trusted proxy ' . $peer . ' holds "'
					. self::printable($hop) . '", which is not an IP address; the caller\'s address cannot be told');
			}
			$address = inet_ntop(self::unmap($raw));
			if (!$this->containsRaw(self::unmap($raw))) {
				break;
			}
		}
		return new ClientAddress($address, $peer);
	}

	private function containsRaw($raw) {
		foreach ($this->ranges as $range) {
			if (strlen($range[0]) === strlen($raw) && self::network($raw, $range[1]) === $range[0]) {
				return true;
			}
		}
		return false;
	}

	/** inet_pton of a plain address (no port, brackets, zone or prefix), or null. */
	private static function raw($text) {
		$text = (string)$text;
		if ($text === '' || strlen($text) > 45 || !preg_match('/^[0-9A-Fa-f:.]+$/', $text)) {
			return null;
		}
		$raw = @inet_pton($text);
		return is_string($raw) && (strlen($raw) === 4 || strlen($raw) === 16) ? $raw : null;
	}

	/** ::ffff:a.b.c.d (how a dual-stack socket shows an IPv4 peer) → the 4 bytes of a.b.c.d; anything else as it is. */
	private static function unmap($raw) {
		if (strlen($raw) === 16 && substr($raw, 0, 12) === str_repeat("\0", 10) . "\xff\xff") {
			return substr($raw, 12);
		}
		return $raw;
	}

	/** $raw with every bit after the first $bits cleared. */
	private static function network($raw, $bits) {
		$full = intdiv($bits, 8);
		$out = substr($raw, 0, $full);
		if ($full < strlen($raw)) {
			$rest = $bits % 8;
			$out .= chr(ord($raw[$full]) & ((0xff << (8 - $rest)) & 0xff));
			$out .= str_repeat("\0", strlen($raw) - $full - 1);
		}
		return $out;
	}

	/** A header or setting value cut short, printable ASCII only (it may be anything a caller sent), for a message or log line. */
	private static function printable($text) {
		$text = preg_replace('/[^\x20-\x7e]/', '?', (string)$text);
		return strlen($text) > 60 ? substr($text, 0, 60) . '...' : $text;
	}
}
