package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.CommerceMlException;
import com.ocbridge.commerceml.CommerceMlException.Reason;
import com.ocbridge.commerceml.ReaderLimits;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import java.util.IdentityHashMap;

/**
 * Turns parser events into records: keeps the element stack, dispatches each element to the {@link Node} its
 * parent chooses, and collects text only for elements whose value is wanted (unknown elements cost nothing
 * beyond parsing).
 */
public final class CmlMapper {
  private final XMLStreamReader reader;
  private final Attrs attrs;
  private final TextBuffer text;
  private final ReaderLimits limits;
  private final Node[] nodes;
  private final Tag[] tags;
  /**
   * Local name → tag by identity. aalto returns one String instance per distinct name, so this avoids hashing
   * the name on every element (measured: ~5% of the reader's time). Capped against documents with endless names.
   */
  private final IdentityHashMap<String, Tag> tagCache = new IdentityHashMap<>(256);
  private int depth;
  /** Depth of the element whose text is being collected, -1 when none. */
  private int textDepth = -1;

  public CmlMapper(XMLStreamReader reader, DocState st, ReaderLimits limits) {
    this.reader = reader;
    this.attrs = new Attrs(reader);
    this.text = new TextBuffer(limits.maxFieldChars());
    this.limits = limits;
    this.nodes = new Node[limits.maxDepth() + 2];
    this.tags = new Tag[limits.maxDepth() + 2];
    this.nodes[0] = new RootNodes.DocumentNode(st);
  }

  /** Handles one parser event (the reader is positioned on it). */
  public void onEvent(int event) {
    switch (event) {
      case XMLStreamConstants.START_ELEMENT -> start();
      case XMLStreamConstants.END_ELEMENT -> end();
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
        if (textDepth == depth
            && !text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength())) {
          throw TextBuffer.tooLong(tags[depth].xmlName(), limits.maxFieldChars(), -1, -1);
        }
      }
      case XMLStreamConstants.DTD ->
          throw new CommerceMlException(Reason.DOCTYPE_NOT_ALLOWED, "DOCTYPE is not allowed in CommerceML", -1, -1);
      case XMLStreamConstants.ENTITY_REFERENCE ->
          throw new CommerceMlException(Reason.ENTITY_NOT_ALLOWED, "Entity reference &" + reader.getLocalName()
              + "; is not allowed in CommerceML (only &lt; &gt; &amp; &quot; &apos; and &#...;)", -1, -1);
      default -> {
        // comments, processing instructions, start/end of document: nothing to do
      }
    }
  }

  /** Depth of the current element (0 outside the root). */
  public int depth() {
    return depth;
  }

  private void start() {
    if (depth + 1 > limits.maxDepth()) {
      throw new CommerceMlException(Reason.LIMIT_EXCEEDED,
          "Elements are nested deeper than " + limits.maxDepth() + " levels", -1, -1);
    }
    Node parent = nodes[depth];
    Tag tag;
    Node node;
    if (parent == Node.SKIP || parent == Node.LEAF) {
      tag = Tag.OTHER; // inside an ignored subtree: not even the name is looked up
      node = Node.SKIP;
    } else {
      tag = tag(reader.getLocalName());
      node = parent.child(tag, attrs);
    }
    depth++;
    nodes[depth] = node;
    tags[depth] = tag;
    if (node == Node.LEAF || (node != Node.SKIP && node.wantsOwnText())) {
      text.reset();
      textDepth = depth;
    }
  }

  private Tag tag(String localName) {
    Tag t = tagCache.get(localName);
    if (t == null) {
      t = Tag.of(localName);
      if (tagCache.size() < 1024) {
        tagCache.put(localName, t);
      }
    }
    return t;
  }

  private void end() {
    Node node = nodes[depth];
    boolean hasText = textDepth == depth;
    if (node == Node.LEAF) {
      nodes[depth - 1].leaf(tags[depth], hasText ? text.trimmed() : null);
    } else if (node != Node.SKIP) {
      if (node.wantsOwnText()) {
        node.ownText(hasText ? text.trimmed() : null);
      }
      node.end();
    }
    if (hasText) {
      textDepth = -1;
    }
    nodes[depth] = null;
    depth--;
  }
}
