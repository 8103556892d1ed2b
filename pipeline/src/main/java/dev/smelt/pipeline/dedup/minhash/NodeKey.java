package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.pipeline.dedup.TextHash;
import dev.smelt.pipeline.doc.Doc;

/**
 * A document's name in the near-duplicate graph: its content hash (SHA-256 hex of the text), a
 * space, its doc_id. Strings order by content hash first, so the smallest key of a component is
 * the survivor the issue asks for, whatever order Beam delivers in; doc_id breaks ties between
 * byte-identical texts.
 */
public final class NodeKey {
  private static final int HASH_CHARS = 64;

  private NodeKey() {}

  public static String of(Doc doc) {
    return TextHash.sha256(doc.text()) + " " + doc.docId();
  }

  public static String docId(String nodeKey) {
    return nodeKey.substring(HASH_CHARS + 1);
  }
}
