<?php
/**
 * OCBridge v1 – admin side for OpenCart 3.0.x: Extensions › Extensions › Modules › OCBridge.
 * Install creates the link table oc_ocbridge_link, the history key table oc_ocbridge_history_key, the call log
 * oc_ocbridge_call and the indexes the bridge needs; uninstall drops them. The page shows the bridge-facing status
 * (no settings: the bridge is configured on its own host).
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
		$requested = isset($this->request->get['language']) ? (string)$this->request->get['language'] : '';
		$code = \OcBridge\AdminLanguage::pick($requested, (string)$this->config->get('config_admin_language'), $available);
		$strings = \OcBridge\AdminLanguage::strings(DIR_LANGUAGE, 'extension/module/ocbridge', $code);
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
