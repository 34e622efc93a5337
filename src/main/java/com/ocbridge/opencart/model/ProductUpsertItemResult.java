package com.ocbridge.opencart.model;

/**
 * The outcome of one item of a batch upsert; {@code index} is the item's position in the list
 * given to the client. Either {@code productId}/{@code created} or {@code error} is set.
 */
public record ProductUpsertItemResult(int index, Long productId, Boolean created, ItemError error) {

  public boolean succeeded() {
    return error == null;
  }
}
