<?php
namespace OcBridge;

/**
 * Everything an operation needs from the running shop: DB, schema flags, languages, stores,
 * settings, and the two callbacks that must run OpenCart's own code (cache clearing and the
 * checkout model's addHistory()/addOrderHistory()).
 */
class Context {
	/** @var Db */
	public $db;
	/** @var Schema */
	public $schema;
	/** @var array settings: opencart_version, timezone, currency, default_language, store_name, image_dir, stock_status_id, weight_class_id, length_class_id, trusted_proxies */
	public $settings;
	/** @var callable function (string $key): void */
	private $clearCache;
	/** @var callable function (int $orderId, int $statusId, string $comment, bool $notify, bool $override): void */
	private $addHistory;

	private $languages = null;
	private $stores = null;

	public function __construct(Db $db, array $settings, $clearCache, $addHistory) {
		$this->db = $db;
		$this->schema = new Schema($db);
		$this->settings = $settings + array(
			'opencart_version' => '', 'timezone' => 'UTC', 'currency' => '', 'default_language' => '',
			'store_name' => '', 'image_dir' => '', 'stock_status_id' => 0, 'weight_class_id' => 0, 'length_class_id' => 0,
			'trusted_proxies' => '',
		);
		$this->clearCache = $clearCache;
		$this->addHistory = $addHistory;
	}

	public function setting($key) {
		return isset($this->settings[$key]) ? $this->settings[$key] : null;
	}

	public function timezone() {
		return $this->settings['timezone'] ?: 'UTC';
	}

	public function clearCache($key) {
		if ($this->clearCache) {
			call_user_func($this->clearCache, $key);
		}
	}

	public function addHistory($orderId, $statusId, $comment, $notify, $override) {
		call_user_func($this->addHistory, $orderId, $statusId, $comment, $notify, $override);
	}

	/** @return array code => ['language_id' => int, 'code' => string, 'status' => bool] in sort order */
	public function languages() {
		if ($this->languages === null) {
			$this->languages = array();
			foreach ($this->db->rows('SELECT `language_id`, `code`, `status` FROM ' . $this->db->t('language') . ' ORDER BY `sort_order`, `language_id`') as $r) {
				$this->languages[$r['code']] = array('language_id' => (int)$r['language_id'], 'code' => $r['code'], 'status' => (bool)$r['status']);
			}
		}
		return $this->languages;
	}

	public function languageId($code) {
		$l = $this->languages();
		return isset($l[$code]) ? $l[$code]['language_id'] : null;
	}

	public function languageCode($id) {
		foreach ($this->languages() as $code => $l) {
			if ($l['language_id'] == $id) {
				return $code;
			}
		}
		return null;
	}

	public function defaultLanguageId() {
		$id = $this->languageId($this->settings['default_language']);
		if ($id === null) {
			$l = $this->languages();
			$first = reset($l);
			$id = $first ? $first['language_id'] : 1;
		}
		return $id;
	}

	/** @return array store_id => name */
	public function stores() {
		if ($this->stores === null) {
			$this->stores = array(0 => $this->settings['store_name']);
			foreach ($this->db->rows('SELECT `store_id`, `name` FROM ' . $this->db->t('store') . ' ORDER BY `store_id`') as $r) {
				$this->stores[(int)$r['store_id']] = Text::fromDb($r['name']);
			}
		}
		return $this->stores;
	}
}
