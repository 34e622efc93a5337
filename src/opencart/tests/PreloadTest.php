<?php
use OcBridge\Db;
use OcBridge\Preload;

t('Preload: one query per kind for the whole batch, by 1C id and by id', function () {
	$fake = new FakeOcDb();
	$fake->on("/FROM `oc_ocbridge_link` l LEFT JOIN `oc_product` t .* IN \\('p-1', 'p-2', 'p-3'\\)/", array(
		array('external_id' => 'p-1', 'entity_id' => '51', 'present' => '51'),
		array('external_id' => 'p-2', 'entity_id' => '52', 'present' => null), // linked, the row deleted by hand
	));
	$fake->on("/FROM `oc_ocbridge_link` l LEFT JOIN `oc_category` t .* IN \\('g-1'\\)/", array(
		array('external_id' => 'g-1', 'entity_id' => '20', 'present' => '20'),
	));
	$fake->on("/SELECT `category_id` FROM `oc_category` WHERE `category_id` IN \\('7', '8'\\)/", array(array('category_id' => '7')));
	$fake->on("/SELECT `option_value_id`, `option_id` FROM `oc_option_value`/", array(array('option_value_id' => '40', 'option_id' => '13')));
	$fake->on("/FROM `oc_product_description` WHERE `product_id` IN \\('51', '52'\\)/", array(array('product_id' => '51', 'language_id' => '1')));
	$fake->on("/FROM `oc_product_option` WHERE `product_id` IN/", array(array('product_id' => '52')));
	$items = array(
		array('match' => array('by' => 'external_id', 'value' => 'p-1'), 'product' => array('categories' => array(array('external_id' => 'g-1'), array('category_id' => 7)))),
		array('match' => array('by' => 'external_id', 'value' => 'p-2'), 'product' => array('categories' => array(array('category_id' => 8)),
			'options' => array(array('option' => array('option_id' => 13), 'values' => array(array('option_value' => array('option_value_id' => 40)), array('option_value' => array('option_value_id' => 41))))))),
		array('match' => array('by' => 'external_id', 'value' => 'p-3'), 'product' => 'not an object'),
	);
	$p = Preload::forProducts(new Db($fake, 'oc_'), $items);
	eq(array(true, 51), $p->link('product', 'p-1'));
	eq(array(true, 52), $p->link('product', 'p-2'));
	eq(array(true, null), $p->link('product', 'p-3'), 'asked for and not linked');
	eq(array(false, null), $p->link('product', 'p-9'), 'never asked: the caller queries');
	eq(array(true, true), $p->exists('product', 51));
	eq(array(true, false), $p->exists('product', 52));
	eq(array(true, 20), $p->link('category', 'g-1'));
	eq(array(true, true), $p->exists('category', 7));
	eq(array(true, false), $p->exists('category', 8));
	eq(array(true, 13), $p->optionOf(40));
	eq(array(true, 0), $p->optionOf(41), 'no such value');
	eq(array(true, array(1)), $p->descriptionLanguages(51));
	eq(false, $p->hasOptions(51));
	eq(true, $p->hasOptions(52));
	eq(null, $p->hasOptions(99));
	eq(array(true, true), $p->exists('option_value', 40));
	eq(array(true, false), $p->exists('option_value', 41));
	// products and categories by 1C id, categories and options by id, option values with their option, descriptions, options
	eq(7, count($fake->log), implode("\n", $fake->log));
});
