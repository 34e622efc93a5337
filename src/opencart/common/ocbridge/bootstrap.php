<?php
// OCBridge shared library: version-independent logic used by the 3.x and 4.x extensions.
// Loaded with require_once from the extension controllers (no autoloader needed).
if (!class_exists('OcBridge\\Router', false)) {
	foreach (array('Log', 'ApiError', 'Json', 'Text', 'Dates', 'Validator', 'Db', 'LinkTable', 'HistoryKeys', 'CallLog', 'ClientAddress', 'TrustedProxies', 'AdminStatus', 'AdminView', 'AdminLanguage', 'AdminSettings', 'Schema', 'Indexes', 'Mapper', 'Context', 'Preload', 'ProductOps', 'ProductBatchOps', 'StockPriceOps', 'CatalogOps', 'OrderOps', 'Service', 'Router', 'Http') as $ocbridge_file) {
		require_once __DIR__ . '/' . $ocbridge_file . '.php';
	}
	unset($ocbridge_file);
}
