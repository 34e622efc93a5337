<?php
/**
 * Minimal test harness for the OCBridge shared library (no OpenCart, no PHPUnit needed).
 * Usage: php src/opencart/tests/run.php [filter]
 * Every tests/*Test.php file registers closures with t('name', function () { … }).
 * Last line of output: "N passed, M failed" (read by CI).
 */
error_reporting(E_ALL);
ini_set('display_errors', '1');
set_error_handler(function ($no, $str, $file, $line) {
	throw new ErrorException($str, 0, $no, $file, $line);
});
require __DIR__ . '/../common/ocbridge/bootstrap.php';
require __DIR__ . '/lib.php';

$filter = isset($argv[1]) ? $argv[1] : null;
foreach (glob(__DIR__ . '/*Test.php') as $file) {
	require $file;
}
$passed = 0;
$failed = 0;
foreach (TestReg::$tests as $name => $fn) {
	if ($filter !== null && stripos($name, $filter) === false) {
		continue;
	}
	try {
		$fn();
		$passed++;
		echo "ok   $name\n";
	} catch (\Throwable $e) {
		$failed++;
		echo "FAIL $name\n     " . get_class($e) . ': ' . $e->getMessage() . "\n     at " . basename($e->getFile()) . ':' . $e->getLine() . "\n";
	}
}
echo "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);
