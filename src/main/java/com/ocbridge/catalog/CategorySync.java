package com.ocbridge.catalog;

import com.ocbridge.commerceml.model.Group;
import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.CategoryDescription;
import com.ocbridge.opencart.model.CategoryRef;
import com.ocbridge.opencart.model.CategoryUpsert;
import com.ocbridge.opencart.model.CategoryWrite;
import com.ocbridge.opencart.model.EntityMatch;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 1C groups → OpenCart categories, parents first (the reader emits a parent before its children, and a write
 * references its parent by external id, so the shop must know the parent already). A group whose name, parent
 * and deletion mark are unchanged since the last write costs no call.
 */
final class CategorySync {
  private final OpenCartClient shop;
  private final CatalogStore store;
  private final CatalogSettings settings;
  private final Map<String, CatalogStore.Link> links;

  /** {@code links}: the category links of the shop, kept current as categories are written. */
  CategorySync(OpenCartClient shop, CatalogStore store, CatalogSettings settings, Map<String, CatalogStore.Link> links) {
    this.shop = shop;
    this.store = store;
    this.settings = settings;
    this.links = links;
  }

  /** The shop's category id for a 1C group, or null when the group never reached the shop. */
  Long categoryId(String groupId) {
    CatalogStore.Link link = links.get(groupId);
    return link == null ? null : link.ocId();
  }

  /**
   * Writes the groups that changed, one after another in the given (document) order. A group the shop refuses
   * is recorded and skipped together with its descendants (their parent reference could not resolve); an
   * outage fails the future.
   */
  Future<Void> sync(List<Group> groups, ImportStats stats) {
    List<String> refused = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Group group : groups) {
      chain = chain.compose(v -> {
        if (group.parentId() != null && refused.contains(group.parentId())) {
          refused.add(group.id());
          stats.error("category", group.id(), group.name(), "parent group " + group.parentId() + " was not written");
          return Future.succeededFuture();
        }
        return syncOne(group, stats).recover(e -> {
          if (!ShopErrors.refusesThisItem(e)) return Future.failedFuture(e);
          refused.add(group.id());
          stats.error("category", group.id(), group.name(), ShopErrors.describe(e));
          return Future.succeededFuture();
        });
      });
    }
    return chain;
  }

  private Future<Void> syncOne(Group group, ImportStats stats) {
    CatalogStore.Link link = links.get(group.id());
    if (group.deleted() && link == null) return Future.succeededFuture(); // never in the shop: nothing to hide
    String name = ProductMapper.clip(group.name() == null ? group.id() : group.name(), 255);
    CategoryRef parent = group.parentId() == null || !links.containsKey(group.parentId())
        ? CategoryRef.root() : CategoryRef.externalId(group.parentId());
    // name and meta title only: descriptions and SEO texts written in the shop are the shop's
    CategoryWrite write = new CategoryWrite(parent, !group.deleted(), null, null, settings.storeIds(),
        Map.of(settings.language(), new CategoryDescription(name, null, name, null, null)), null);
    String hash = Hashes.ofJson(write);
    if (link != null && hash.equals(link.hash())) return Future.succeededFuture();
    return shop.upsertCategory(new CategoryUpsert(EntityMatch.externalId(group.id()), true, write))
        .compose(result -> store.saveLink("category", group.id(), result.id(), hash).map(v -> {
          links.put(group.id(), new CatalogStore.Link(result.id(), hash));
          stats.inc(ImportStats.CATEGORIES);
          return null;
        }));
  }
}
