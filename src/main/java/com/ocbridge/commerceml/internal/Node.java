package com.ocbridge.commerceml.internal;

/**
 * Handles one element of a known shape (a product, a price, a requisite...). The mapper keeps a stack of nodes
 * parallel to the element stack: when a child element starts, the current node decides what handles it, by
 * returning
 * <ul>
 *   <li>{@link #LEAF}: a simple value; its trimmed text is passed to {@link #leaf} when it ends,</li>
 *   <li>{@link #SKIP}: not interesting; the whole subtree is ignored (unknown elements end up here),</li>
 *   <li>another node, which then receives the child's own children.</li>
 * </ul>
 * Nodes that build records are reused from one element to the next ({@code reset}) to keep allocation per
 * record to the record itself.
 */
public abstract class Node {

  /** Marker: capture the text of this child and hand it to the parent's {@link #leaf}. */
  public static final Node LEAF = new Node() {
  };

  /** Marker: ignore this child and everything inside it. */
  public static final Node SKIP = new Node() {
  };

  /** A child element starts; {@code attrs} are only valid during this call. */
  public Node child(Tag tag, Attrs attrs) {
    return SKIP;
  }

  /** A {@link #LEAF} child ended; {@code text} is trimmed, null when empty. */
  public void leaf(Tag tag, String text) {
  }

  /**
   * Whether this (non-leaf) node also wants its own text content, e.g.
   * {@code <БазоваяЕдиница Код="796">шт</БазоваяЕдиница>}.
   */
  public boolean wantsOwnText() {
    return false;
  }

  /** Its own text (see {@link #wantsOwnText}), called just before {@link #end}; null when empty. */
  public void ownText(String text) {
  }

  /** This node's element ended. */
  public void end() {
  }
}
