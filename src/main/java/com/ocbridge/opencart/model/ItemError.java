package com.ocbridge.opencart.model;

import com.ocbridge.opencart.ErrorDetails;
import com.ocbridge.opencart.ErrorKind;

import java.util.List;
import java.util.Map;

/**
 * Why one item of a batch failed, with the same code/message/details that a single call would
 * have failed with.
 */
public record ItemError(ErrorKind kind, String code, String message, Map<String, Object> details) {

  public ItemError {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** For {@link ErrorKind#VALIDATION}: JSON path (relative to the item's product) → message. */
  public Map<String, String> fieldErrors() {
    return ErrorDetails.fieldErrors(details);
  }

  /** For {@link ErrorKind#AMBIGUOUS}: the matching product ids. */
  public List<Long> productIds() {
    return ErrorDetails.productIds(details);
  }
}
