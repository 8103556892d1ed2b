package dev.smelt.pipeline.dedup.minhash;

import java.io.Serializable;
import java.util.List;

/**
 * One component of near-duplicates as the report shows it.
 *
 * @param survivor the kept member (smallest content hash)
 * @param size members, the survivor included
 * @param removedSample the removed members with the smallest content hashes, at most {@link #SAMPLE}
 */
public record NearDuplicateCluster(Member survivor, long size, List<Member> removedSample)
    implements Serializable {
  public static final int SAMPLE = 3;
  static final int SNIPPET_CHARS = 160;

  public NearDuplicateCluster {
    removedSample = List.copyOf(removedSample);
  }

  /** A member: its doc_id, source and the start of its text with whitespace runs collapsed. */
  public record Member(String docId, String source, String snippet) implements Serializable {
    static Member of(dev.smelt.pipeline.doc.Doc doc) {
      String flat = doc.text().replaceAll("\\s+", " ").strip();
      return new Member(doc.docId(), doc.source(),
          flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + "…");
    }
  }
}
