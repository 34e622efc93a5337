package com.ocbridge.opencart.model;

/** One picture for {@code images.put}: where it goes under the shop's {@code image/}, and its bytes as they are. */
public record ImageUpload(String path, byte[] content) {
}
