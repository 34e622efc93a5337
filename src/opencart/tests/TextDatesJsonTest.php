<?php
use OcBridge\Text;
use OcBridge\Dates;
use OcBridge\Json;
use OcBridge\ApiError;

t('Text::toDb escapes like OpenCart request cleaning', function () {
	eq('Tom &amp; Jerry &quot;XL&quot; &lt;b&gt;', Text::toDb('  Tom & Jerry "XL" <b> '));
	eq("O'Neil", Text::toDb("O'Neil"), 'single quote untouched (ENT_COMPAT)');
	eq('', Text::toDb(null));
});

t('Text::fromDb decodes stored entities', function () {
	eq('Tom & Jerry "XL" <b>', Text::fromDb('Tom &amp; Jerry &quot;XL&quot; &lt;b&gt;'));
	eq("Ноутбук X", Text::fromDb(Text::toDb('Ноутбук X')));
	eq(null, Text::fromDb(null));
});

t('Text::decimal normalizes money strings', function () {
	eq('1234.5000', Text::decimal('1234.5'));
	eq('1234.5000', Text::decimal(1234.5));
	eq('7.0000', Text::decimal(7));
	eq('0.0000', Text::decimal('0'));
	eq('0.1235', Text::decimal('0.12345'), 'half up');
	eq('1.0000', Text::decimal('0.99999'), 'carry');
	eq('100.0000', Text::decimal('99.99995'), 'carry into integer part');
	eq('12.0000', Text::decimal('0012'));
	eq(null, Text::decimal('-1'));
	eq(null, Text::decimal('1,5'));
	eq(null, Text::decimal('abc'));
	eq(null, Text::decimal(true));
	eq('-1.5000', Text::decimal('-1.5', 4, true));
	eq('0.250', Text::decimal('0.25', 3));
});

t('Text::money formats stored decimals', function () {
	eq('101.0000', Text::money('101.0000'));
	eq('1.00000000', Text::money('1.00000000', 8));
	eq('0.0000', Text::money(''));
});

t('Text::length counts characters, not bytes', function () {
	eq(7, Text::length('Ноутбук'));
});

t('Dates::toIso adds the store offset', function () {
	eq('2026-11-28T21:56:12+03:00', Dates::toIso('2026-11-28 21:56:12', 'Europe/Moscow'));
	eq('2026-07-01T10:00:00+00:00', Dates::toIso('2026-07-01 10:00:00', 'UTC'));
	eq(null, Dates::toIso('0000-00-00 00:00:00', 'UTC'));
	eq(null, Dates::toIso(null, 'UTC'));
});

t('Dates::fromIso converts to store local time', function () {
	eq('2026-11-28 21:56:12', Dates::fromIso('2026-11-28T21:56:12+03:00', 'Europe/Moscow'));
	eq('2026-11-28 21:56:12', Dates::fromIso('2026-11-28T18:56:12Z', 'Europe/Moscow'));
	eq('2026-11-28 21:56:12', Dates::fromIso('2026-11-28T18:56:12.123Z', 'Europe/Moscow'));
	eq('2026-11-28 18:56:12', Dates::fromIso('2026-11-28T21:56:12+0300', 'UTC'));
	eq('2026-11-28 21:56:12', Dates::fromIso('2026-11-28T21:56:12', 'Europe/Moscow'), 'no offset = local');
	eq('2026-11-28 00:00:00', Dates::fromIso('2026-11-28', 'UTC'));
	eq(null, Dates::fromIso('2026-02-30', 'UTC'));
	eq(null, Dates::fromIso('yesterday', 'UTC'));
	eq(null, Dates::fromIso('2026-11-28T25:00:00Z', 'UTC'));
});

t('Dates::dateOnly', function () {
	eq('2026-01-31', Dates::dateOnly('2026-01-31'));
	eq(null, Dates::dateOnly(null));
	eq(false, Dates::dateOnly('2026-13-01'));
});

t('Json::decodeBody rejects non-objects with bad_request', function () {
	apiError('bad_request', function () { Json::decodeBody(''); });
	apiError('bad_request', function () { Json::decodeBody('{"a":'); });
	apiError('bad_request', function () { Json::decodeBody('[1,2]'); });
	apiError('bad_request', function () { Json::decodeBody('"x"'); });
	eq(array('a' => 1), Json::decodeBody('{"a":1}'));
	eq(array(), Json::decodeBody('{}'));
});

t('Json::encode keeps unicode and slashes, empty details is an object', function () {
	$e = new ApiError('unauthorized', 'Unknown API user or wrong key');
	list($status, $body) = Json::failure($e);
	eq(401, $status);
	eq('{"error":{"code":"unauthorized","message":"Unknown API user or wrong key","details":{}}}', Json::encode($body));
	eq('{"path":"catalog/1c/Ноутбук.jpg"}', Json::encode(array('path' => 'catalog/1c/Ноутбук.jpg')));
});

t('ApiError maps every contract code to its HTTP status', function () {
	$map = array('bad_request' => 400, 'unauthorized' => 401, 'forbidden_ip' => 403, 'not_found' => 404, 'method_not_allowed' => 405,
		'ambiguous' => 409, 'payload_too_large' => 413, 'validation' => 422, 'internal' => 500);
	foreach ($map as $code => $status) {
		$e = new ApiError($code, 'x');
		eq($status, $e->getHttpStatus(), $code);
	}
	eq('internal', (new ApiError('nonsense', 'x'))->getErrorCode());
});

t('ApiError::ambiguous and validation details', function () {
	$e = ApiError::ambiguous(array('51', 77), '2 products have sku ART-200');
	eq('{"code":"ambiguous","message":"2 products have sku ART-200","details":{"product_ids":[51,77]}}', Json::encode($e->toArray()));
	$e = ApiError::validation(array('descriptions.ru-ru.name' => '1 to 255 characters'), 'Invalid product');
	eq('{"code":"validation","message":"Invalid product","details":{"fields":{"descriptions.ru-ru.name":"1 to 255 characters"}}}', Json::encode($e->toArray()));
});
