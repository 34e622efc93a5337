package com.ocbridge.opencart.model;

/**
 * The outcome of one picture of {@link ImageUpload}s sent together; {@code index} is its position in the list given
 * to the client. Either {@code stored} or {@code failure} (an {@code OpenCartException} naming the shop's reason) is set.
 */
public record ImagePutResult(int index, StoredImage stored, Throwable failure) {

  public boolean succeeded() {
    return failure == null;
  }
}
