package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.ClassifierIndex;
import com.ocbridge.commerceml.DocumentKind;
import com.ocbridge.commerceml.model.CmlRecord;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/** What the nodes share while mapping one document: where records go, the dictionaries, summary facts. */
public final class DocState {
  final Consumer<CmlRecord> emitter;
  final ClassifierIndex index;
  final Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
  String schemaVersion;
  LocalDateTime generatedAt;
  Boolean onlyChanges;

  public DocState(Consumer<CmlRecord> emitter, ClassifierIndex index) {
    this.emitter = emitter;
    this.index = index;
  }

  /** Hands a finished record on (the index learns dictionary records first). */
  void emit(CmlRecord record) {
    index.add(record);
    emitter.accept(record);
  }

  public Set<DocumentKind> kinds() {
    return kinds;
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  public LocalDateTime generatedAt() {
    return generatedAt;
  }

  public Boolean onlyChanges() {
    return onlyChanges;
  }
}
