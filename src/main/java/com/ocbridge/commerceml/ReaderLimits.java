package com.ocbridge.commerceml;

/**
 * Guard rails against hostile or broken input. aalto has no limits of its own, so without these a single
 * gigantic text node or attribute, or a deeply nested document, could exhaust the heap.
 *
 * @param maxDepth         deepest element nesting accepted (real CommerceML needs about 12)
 * @param maxFieldChars    longest text of one field the reader keeps (e.g. an {@code Описание})
 * @param maxTokenBytes    most bytes the parser may consume without producing an event (one huge tag,
 *                         attribute, comment or unfragmented text)
 * @param maxDocumentBytes the largest document accepted, or -1 for no limit
 */
public record ReaderLimits(int maxDepth, int maxFieldChars, long maxTokenBytes, long maxDocumentBytes) {

  /**
   * aalto hands text over in pieces, so the token limit only binds tags, attributes, comments and processing
   * instructions, which it must hold whole: 4 MB is far above any real CommerceML tag, and low enough that a hostile
   * 50 MB attribute is refused before it is held (and its copies exhaust a small heap).
   */
  public static final ReaderLimits DEFAULT = new ReaderLimits(64, 10 * 1024 * 1024, 4L * 1024 * 1024, -1);

  public ReaderLimits {
    if (maxDepth < 4 || maxFieldChars < 1 || maxTokenBytes < 1024) {
      throw new IllegalArgumentException("limits too small: " + maxDepth + "/" + maxFieldChars + "/" + maxTokenBytes);
    }
  }

  public ReaderLimits withMaxDepth(int v) {
    return new ReaderLimits(v, maxFieldChars, maxTokenBytes, maxDocumentBytes);
  }

  public ReaderLimits withMaxFieldChars(int v) {
    return new ReaderLimits(maxDepth, v, maxTokenBytes, maxDocumentBytes);
  }

  public ReaderLimits withMaxTokenBytes(long v) {
    return new ReaderLimits(maxDepth, maxFieldChars, v, maxDocumentBytes);
  }

  public ReaderLimits withMaxDocumentBytes(long v) {
    return new ReaderLimits(maxDepth, maxFieldChars, maxTokenBytes, v);
  }
}
