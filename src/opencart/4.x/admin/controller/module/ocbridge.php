<?php
namespace Opencart\Admin\Controller\Extension\Ocbridge\Module;
/**
 * OCBridge v1 – admin side for OpenCart 4.x: Extensions › Extensions › Modules › OCBridge.
 * Install creates the link table oc_ocbridge_link, the history key table oc_ocbridge_history_key, the call log
 * oc_ocbridge_call and the indexes the bridge needs; uninstall drops them. The page shows the bridge-facing status
 * and has one setting, trusted proxies (OcBridge\TrustedProxies; the bridge itself is configured on its own host).
 */
class Ocbridge extends \Opencart\System\Engine\Controller {
	public function index(): void {
		require_once __DIR__ . '/../../../system/library/ocbridge/bootstrap.php';
		$this->load->language('extension/ocbridge/module/ocbridge');
		$this->document->setTitle($this->language->get('heading_title'));

		$token = 'user_token=' . $this->session->data['user_token'];
		$data['breadcrumbs'] = [
			['text' => $this->language->get('text_home'), 'href' => $this->url->link('common/dashboard', $token)],
			['text' => $this->language->get('text_extension'), 'href' => $this->url->link('marketplace/extension', $token . '&type=module')],
			['text' => $this->language->get('heading_title'), 'href' => $this->url->link('extension/ocbridge/module/ocbridge', $token)],
		];
		$data['back'] = $this->url->link('marketplace/extension', $token . '&type=module');
		$data['api_users'] = $this->url->link('user/api', $token);
		$data['endpoint'] = HTTP_CATALOG . 'index.php?route=extension/ocbridge/api';
		$data['bridge_version'] = \OcBridge\Router::BRIDGE_VERSION;
		$table = $this->db->query("SHOW TABLES LIKE '" . $this->db->escape(DB_PREFIX . \OcBridge\LinkTable::TABLE) . "'");
		$data['installed'] = (bool)$table->num_rows;
		if ($data['installed']) {
			// a shop that installed an earlier version gets the indexes and tables when the module page is opened
			// (the history key table also comes on demand, with the first order.history_add that carries a key)
			\OcBridge\Indexes::ensure(new \OcBridge\Db($this->db, DB_PREFIX));
			$this->db->query(\OcBridge\HistoryKeys::createSql(DB_PREFIX));
		}
		$data = $this->statusPage($data, $token);
		$data['save'] = $this->url->link('extension/ocbridge/module/ocbridge' . $this->methodSeparator() . 'save', $token . '&language=' . $data['page_language']);
		$data['trusted_proxies'] = \OcBridge\AdminSettings::shown($this->config->get(\OcBridge\TrustedProxies::SETTING_KEY));

		$data['header'] = $this->load->controller('common/header');
		$data['column_left'] = $this->load->controller('common/column_left');
		$data['footer'] = $this->load->controller('common/footer');
		$this->response->setOutput($this->load->view('extension/ocbridge/module/ocbridge', $data));
	}

	/**
	 * The bridge-facing status (OcBridge\AdminStatus) in the page's language: the `language` parameter (the page's
	 * own English | Русский links), else the admin's language, else English (OcBridge\AdminLanguage).
	 */
	private function statusPage(array $data, string $token): array {
		$dir = DIR_EXTENSION . 'ocbridge/admin/language/';
		$available = \OcBridge\AdminLanguage::available($dir, 'module/ocbridge');
		[$code, $strings] = $this->pageLanguage();
		$view = new \OcBridge\AdminView($strings);
		$status = (new \OcBridge\AdminStatus(new \OcBridge\Db($this->db, DB_PREFIX)))->collect(defined('VERSION') ? VERSION : '');
		$data = $strings + $data;
		$data['heading_title'] = $strings['heading_title'];
		$data['breadcrumbs'][1]['text'] = $strings['text_extension'];
		$data['breadcrumbs'][2]['text'] = $strings['heading_title'];
		$data['page_language'] = $code;
		$data['status'] = $view->build($status);
		$data['languages'] = [];
		$names = \OcBridge\AdminLanguage::names($dir, 'module/ocbridge', $available);
		foreach ($available as $lang) {
			$data['languages'][] = ['code' => $lang, 'name' => $names[$lang], 'href' => $this->url->link('extension/ocbridge/module/ocbridge', $token . '&language=' . $lang), 'active' => $lang === $code];
		}
		$this->document->setTitle($strings['heading_title']);
		return $data;
	}

	/** @return array [code, strings] of the page's language (see statusPage) */
	private function pageLanguage(): array {
		$dir = DIR_EXTENSION . 'ocbridge/admin/language/';
		$available = \OcBridge\AdminLanguage::available($dir, 'module/ocbridge');
		$requested = isset($this->request->get['language']) ? (string)$this->request->get['language'] : '';
		$code = \OcBridge\AdminLanguage::pick($requested, (string)$this->config->get('config_language_admin'), $available);
		return [$code, \OcBridge\AdminLanguage::strings($dir, 'module/ocbridge', $code)];
	}

	/** 4.0.2 and later route to a method with ".", 4.0.0/4.0.1 with "|". */
	private function methodSeparator(): string {
		return defined('VERSION') && version_compare(VERSION, '4.0.2.0', '<') ? '|' : '.';
	}

	/**
	 * Saves the trusted proxies (the form's ajax post; OpenCart's admin has already checked user_token against the
	 * session). Needs the Modify permission; every entry must be an IP address or CIDR range, else nothing is saved
	 * and the answer names the bad entries. The answer is HTML (OpenCart's admin script inserts it as such): escaped.
	 */
	public function save(): void {
		require_once __DIR__ . '/../../../system/library/ocbridge/bootstrap.php';
		[, $strings] = $this->pageLanguage();
		$settings = new \OcBridge\AdminSettings($strings);
		$route = 'extension/ocbridge/module/ocbridge';
		$json = [];
		if ($this->request->server['REQUEST_METHOD'] !== 'POST') {
			// no browser does this (the form posts); a link followed by GET must never change a setting
			$json['error'] = ['warning' => 'The settings are saved with POST'];
		} elseif (!$this->user->hasPermission('modify', $route)) {
			$json['error'] = ['warning' => htmlspecialchars($settings->permissionError($route), ENT_QUOTES, 'UTF-8')];
		} else {
			$key = \OcBridge\TrustedProxies::SETTING_KEY;
			// OpenCart's request object HTML-escapes every posted value; an address or range has nothing to escape
			$posted = isset($this->request->post[$key]) ? $this->request->post[$key] : '';
			$result = $settings->trustedProxies(is_string($posted) ? html_entity_decode($posted, ENT_QUOTES, 'UTF-8') : $posted);
			if ($result['error'] !== null) {
				$json['error'] = ['trusted_proxies' => htmlspecialchars($result['error'], ENT_QUOTES, 'UTF-8')];
			} else {
				$this->load->model('setting/setting');
				$current = $this->model_setting_setting->getSetting(\OcBridge\TrustedProxies::SETTING_CODE);
				$this->model_setting_setting->editSetting(\OcBridge\TrustedProxies::SETTING_CODE, \OcBridge\AdminSettings::merged($current, $result['value']));
				$json['success'] = htmlspecialchars($strings['text_saved'], ENT_QUOTES, 'UTF-8');
				$json[$key] = $result['value']; // the form shows the list as stored (normalized)
			}
		}
		$this->response->addHeader('Content-Type: application/json');
		$this->response->setOutput(json_encode($json));
	}

	public function install(): void {
		require_once __DIR__ . '/../../../system/library/ocbridge/bootstrap.php';
		$this->db->query(\OcBridge\LinkTable::createSql(DB_PREFIX));
		$this->db->query(\OcBridge\HistoryKeys::createSql(DB_PREFIX));
		$this->db->query(\OcBridge\CallLog::createSql(DB_PREFIX));
		// indexes the bridge's queries need on stock tables (see OcBridge\Indexes); dropped at uninstall
		\OcBridge\Indexes::ensure(new \OcBridge\Db($this->db, DB_PREFIX));
	}

	public function uninstall(): void {
		require_once __DIR__ . '/../../../system/library/ocbridge/bootstrap.php';
		\OcBridge\Indexes::drop(new \OcBridge\Db($this->db, DB_PREFIX));
		$this->db->query(\OcBridge\CallLog::dropSql(DB_PREFIX));
		$this->db->query(\OcBridge\HistoryKeys::dropSql(DB_PREFIX));
		$this->db->query(\OcBridge\LinkTable::dropSql(DB_PREFIX));
	}
}
