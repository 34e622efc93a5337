package com.ocbridge.commerceml.model;

/**
 * {@code <Группа>} of the classifier. Groups form a tree: {@code parentId} is null for a top-level group and
 * {@code level} is 0 for it. A parent is always emitted before its children.
 */
public record Group(String id, String parentId, String name, int level, boolean deleted) implements CmlRecord {
  @Override
  public RecordKind kind() {
    return RecordKind.GROUP;
  }
}
