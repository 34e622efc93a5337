<?php
/**
 * OCBridge v1 – admin side for OpenCart 3.0.x: Extensions › Extensions › Modules › OCBridge.
 * Install creates the link table oc_ocbridge_link, the history key table oc_ocbridge_history_key, the call log
 * oc_ocbridge_call and the indexes the bridge needs; uninstall drops them. The page shows the bridge-facing status
 * and has one setting, trusted proxies (OcBridge\TrustedProxies; the bridge itself is configured on its own host).
 */
class ControllerExtensionModuleOcbridge extends Controller {
	public function index() {
		require_once DIR_SYSTEM . 'library/ocbridge/bootstrap.php';
		$this->load->language('extension/module/ocbridge');
		$this->document->setTitle($this->language->get('heading_title'));

		$data['breadcrumbs'] = array(
			array('text' => $this->language->get('text_home'), 'href' => $this->url->link('common/dashboard', 'user_token=' . $this->session->data['user_token'], true)),
			array('text' => $this->language->get('text_extension'), 'href' => $this->url->link('marketplace/extension', 'user_token=' . $this->session->data['user_token'] . '&type=module', true)),
			array('text' => $this->language->get('heading_title'), 'href' => $this->url->link('extension/module/ocbridge', 'user_token=' . $this->session->data['user_token'], true)),
		);
		$data['back'] = $this->url->link('marketplace/extension', 'user_token=' . $this->session->data['user_token'] . '&type=module', true);
		$data['api_users'] = $this->url->link('user/api', 'user_token=' . $this->session->data['user_token'], true);
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
		$data = $this->settingsForm($data);
		$data = $this->statusPage($data);

		$data['header'] = $this->load->controller('common/header');
		$data['column_left'] = $this->load->controller('common/column_left');
		$data['footer'] = $this->load->controller('common/footer');
		$this->response->setOutput($this->load->view('extension/module/ocbridge', $data));
	}

	/**
	 * The bridge-facing status (OcBridge\AdminStatus) in the page's language: the `language` parameter (the page's
	 * own English | Русский links), else the admin's language, else English (OcBridge\AdminLanguage).
	 */
	private function statusPage(array $data) {
		$available = \OcBridge\AdminLanguage::available(DIR_LANGUAGE, 'extension/module/ocbridge');
		list($code, $strings) = $this->pageLanguage();
		$view = new \OcBridge\AdminView($strings);
		$status = new \OcBridge\AdminStatus(new \OcBridge\Db($this->db, DB_PREFIX));
		$data = $strings + $data;
		$data['heading_title'] = $strings['heading_title'];
		$data['breadcrumbs'][1]['text'] = $strings['text_extension'];
		$data['breadcrumbs'][2]['text'] = $strings['heading_title'];
		$data['page_language'] = $code;
		$data['status'] = $view->build($status->collect(defined('VERSION') ? VERSION : ''));
		$data['languages'] = array();
		$names = \OcBridge\AdminLanguage::names(DIR_LANGUAGE, 'extension/module/ocbridge', $available);
		foreach ($available as $lang) {
			$data['languages'][] = array('code' => $lang, 'name' => $names[$lang], 'active' => $lang === $code,
				'href' => $this->url->link('extension/module/ocbridge', 'user_token=' . $this->session->data['user_token'] . '&language=' . $lang, true));
		}
		$this->document->setTitle($strings['heading_title']);
		return $data;
	}

	/** @return array [code, strings] of the page's language (see statusPage) */
	private function pageLanguage() {
		$available = \OcBridge\AdminLanguage::available(DIR_LANGUAGE, 'extension/module/ocbridge');
		$requested = isset($this->request->get['language']) ? (string)$this->request->get['language'] : '';
		$code = \OcBridge\AdminLanguage::pick($requested, (string)$this->config->get('config_admin_language'), $available);
		return array($code, \OcBridge\AdminLanguage::strings(DIR_LANGUAGE, 'extension/module/ocbridge', $code));
	}

	/**
	 * The trusted-proxies form. A POST (OpenCart's admin has already checked user_token against the session) needs the
	 * Modify permission and every entry an IP address or CIDR range; it is saved and the page reloaded (so a reload
	 * does not post again), or it is shown again as typed with the error naming the bad entries and nothing saved.
	 */
	private function settingsForm(array $data) {
		list($code, $strings) = $this->pageLanguage();
		$route = 'extension/module/ocbridge';
		$key = \OcBridge\TrustedProxies::SETTING_KEY;
		$query = 'user_token=' . $this->session->data['user_token'] . '&language=' . $code;
		$data['save'] = $this->url->link($route, $query, true);
		$data['trusted_proxies'] = \OcBridge\AdminSettings::shown($this->config->get($key));
		$data['success'] = isset($this->session->data['ocbridge_success']) ? (string)$this->session->data['ocbridge_success'] : '';
		unset($this->session->data['ocbridge_success']);
		$data['error_warning'] = '';
		$data['trusted_proxies_error'] = '';
		if ($this->request->server['REQUEST_METHOD'] !== 'POST') {
			return $data;
		}
		$settings = new \OcBridge\AdminSettings($strings);
		// OpenCart's request object HTML-escapes every posted value; an address or range has nothing to escape
		$posted = isset($this->request->post[$key]) ? $this->request->post[$key] : '';
		$posted = is_string($posted) ? html_entity_decode($posted, ENT_QUOTES, 'UTF-8') : $posted;
		if (!$this->user->hasPermission('modify', $route)) {
			$data['error_warning'] = $settings->permissionError($route);
			$data['trusted_proxies'] = is_string($posted) ? $posted : '';
			return $data;
		}
		$result = $settings->trustedProxies($posted);
		if ($result['error'] !== null) {
			$data['trusted_proxies_error'] = $result['error'];
			$data['trusted_proxies'] = is_string($posted) ? $posted : '';
			return $data;
		}
		$this->load->model('setting/setting');
		$current = $this->model_setting_setting->getSetting(\OcBridge\TrustedProxies::SETTING_CODE);
		$this->model_setting_setting->editSetting(\OcBridge\TrustedProxies::SETTING_CODE, \OcBridge\AdminSettings::merged($current, $result['value']));
		$this->session->data['ocbridge_success'] = $strings['text_saved'];
		$this->response->redirect($this->url->link($route, $query, true));
	}

	public function install() {
		require_once DIR_SYSTEM . 'library/ocbridge/bootstrap.php';
		$this->db->query(\OcBridge\LinkTable::createSql(DB_PREFIX));
		$this->db->query(\OcBridge\HistoryKeys::createSql(DB_PREFIX));
		$this->db->query(\OcBridge\CallLog::createSql(DB_PREFIX));
		// indexes the bridge's queries need on stock tables (see OcBridge\Indexes); dropped at uninstall
		\OcBridge\Indexes::ensure(new \OcBridge\Db($this->db, DB_PREFIX));
	}

	public function uninstall() {
		require_once DIR_SYSTEM . 'library/ocbridge/bootstrap.php';
		\OcBridge\Indexes::drop(new \OcBridge\Db($this->db, DB_PREFIX));
		$this->db->query(\OcBridge\CallLog::dropSql(DB_PREFIX));
		$this->db->query(\OcBridge\HistoryKeys::dropSql(DB_PREFIX));
		$this->db->query(\OcBridge\LinkTable::dropSql(DB_PREFIX));
	}
}
