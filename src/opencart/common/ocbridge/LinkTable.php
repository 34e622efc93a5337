<?php
namespace OcBridge;

/**
 * The bridge's own table oc_ocbridge_link(entity, external_id, entity_id, sku):
 * 1C ids (external_id) ↔ OpenCart ids. Unique (entity, external_id).
 * Pure SQL builders, so they can be unit-tested without a database.
 */
class LinkTable {
	const TABLE = 'ocbridge_link';
	const ENTITIES = array('product', 'category', 'manufacturer', 'option', 'option_value', 'attribute', 'attribute_group', 'product_option_value');

	public static function createSql($prefix) {
		return 'CREATE TABLE IF NOT EXISTS `' . $prefix . self::TABLE . '` ('
			. '`link_id` INT(11) NOT NULL AUTO_INCREMENT, '
			. '`entity` VARCHAR(32) NOT NULL, '
			. '`external_id` VARCHAR(64) NOT NULL, '
			. '`entity_id` INT(11) NOT NULL, '
			. '`sku` VARCHAR(64) NULL DEFAULT NULL, '
			. '`date_modified` DATETIME NOT NULL, '
			. 'PRIMARY KEY (`link_id`), '
			. 'UNIQUE KEY `entity_external` (`entity`, `external_id`), '
			. 'KEY `entity_id` (`entity`, `entity_id`), '
			. 'KEY `entity_sku` (`entity`, `sku`)'
			. ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';
	}

	public static function dropSql($prefix) {
		return 'DROP TABLE IF EXISTS `' . $prefix . self::TABLE . '`';
	}

	public static function checkEntity($entity) {
		if (!in_array($entity, self::ENTITIES, true)) {
			throw new \InvalidArgumentException('Unknown link entity ' . $entity);
		}
	}

	/** SELECT entity_id by external id. $esc = escaping callable. */
	public static function findIdSql($prefix, $entity, $externalId, $esc) {
		self::checkEntity($entity);
		return 'SELECT `entity_id` FROM `' . $prefix . self::TABLE . "` WHERE `entity` = '" . $entity . "' AND `external_id` = '" . $esc($externalId) . "'";
	}

	/** SELECT external ids of several OpenCart ids. */
	public static function findExternalSql($prefix, $entity, array $ids) {
		self::checkEntity($entity);
		$ids = array_map('intval', $ids);
		if (!$ids) {
			$ids = array(0);
		}
		return 'SELECT `entity_id`, `external_id`, `sku` FROM `' . $prefix . self::TABLE . "` WHERE `entity` = '" . $entity . "' AND `entity_id` IN (" . implode(',', $ids) . ') ORDER BY `link_id`';
	}

	/** Insert or re-point a link (one external id → one OpenCart id). */
	public static function upsertSql($prefix, $entity, $externalId, $entityId, $sku, $esc) {
		self::checkEntity($entity);
		$skuSql = $sku === null ? 'NULL' : "'" . $esc($sku) . "'";
		return 'INSERT INTO `' . $prefix . self::TABLE . '` (`entity`, `external_id`, `entity_id`, `sku`, `date_modified`) VALUES ('
			. "'" . $entity . "', '" . $esc($externalId) . "', " . (int)$entityId . ', ' . $skuSql . ', NOW()) '
			. 'ON DUPLICATE KEY UPDATE `entity_id` = VALUES(`entity_id`), `sku` = VALUES(`sku`), `date_modified` = NOW()';
	}

	/** Insert or re-point several links in one statement: $links = [[external_id, entity_id, sku|null], …]. */
	public static function upsertManySql($prefix, $entity, array $links, $esc) {
		self::checkEntity($entity);
		$values = array();
		foreach ($links as $l) {
			$values[] = "('" . $entity . "', '" . $esc($l[0]) . "', " . (int)$l[1] . ', ' . ($l[2] === null ? 'NULL' : "'" . $esc($l[2]) . "'") . ', NOW())';
		}
		return 'INSERT INTO `' . $prefix . self::TABLE . '` (`entity`, `external_id`, `entity_id`, `sku`, `date_modified`) VALUES ' . implode(', ', $values)
			. ' ON DUPLICATE KEY UPDATE `entity_id` = VALUES(`entity_id`), `sku` = VALUES(`sku`), `date_modified` = NOW()';
	}

	/** Remove links of one OpenCart id (optionally all but one external id). */
	public static function deleteForIdSql($prefix, $entity, $entityId, $exceptExternalId = null, $esc = null) {
		self::checkEntity($entity);
		$sql = 'DELETE FROM `' . $prefix . self::TABLE . "` WHERE `entity` = '" . $entity . "' AND `entity_id` = " . (int)$entityId;
		if ($exceptExternalId !== null) {
			$sql .= " AND `external_id` <> '" . $esc($exceptExternalId) . "'";
		}
		return $sql;
	}

	/** SELECT the link rows of several OpenCart ids (a plain read: see Service::linkDeleteForIds). */
	public static function linkIdsForIdsSql($prefix, $entity, array $entityIds) {
		self::checkEntity($entity);
		$ids = array_map('intval', $entityIds);
		if (!$ids) {
			$ids = array(0);
		}
		return 'SELECT `link_id` FROM `' . $prefix . self::TABLE . "` WHERE `entity` = '" . $entity . "' AND `entity_id` IN (" . implode(',', $ids) . ')';
	}

	public static function deleteByLinkIdsSql($prefix, array $linkIds) {
		return 'DELETE FROM `' . $prefix . self::TABLE . '` WHERE `link_id` IN (' . implode(',', array_map('intval', $linkIds)) . ')';
	}
}
