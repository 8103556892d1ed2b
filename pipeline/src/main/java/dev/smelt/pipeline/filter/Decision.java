package dev.smelt.pipeline.filter;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a stage decided about one document: keep it, reject it, keep a rewritten text of it, or
 * keep it with tags. Every variant but {@link Keep} names its reason codes from {@link RejectReason}.
 *
 * <p>Rewrites model line-level rules (C4) and redaction (PII): the document stays, the stage says
 * what it changed and how often, and {@link RouteDecisions} counts that as "modified" — the filter
 * itself never counts. Tags model "keep, but record why it is notable" policies (copyright).
 */
public sealed interface Decision extends Serializable
    permits Decision.Keep, Decision.Reject, Decision.Rewrite, Decision.Tag {

  /** Keeps the document. */
  static Decision keep() {
    return Keep.INSTANCE;
  }

  /** Rejects the document; {@code detail} says what exactly was wrong, for a person. */
  static Decision reject(RejectReason reason, String detail) {
    return new Reject(reason, detail);
  }

  /**
   * Keeps the document with {@code text} in place of its own; {@code edits} counts the changes
   * per reason (e.g. 2 × PII_EMAIL). No edits means nothing changed: that is {@link #keep()}.
   */
  static Decision rewrite(String text, Map<RejectReason, Integer> edits) {
    return edits.values().stream().allMatch(n -> n == 0) ? keep() : new Rewrite(text, edits);
  }

  /** Keeps the document unchanged and records each tag's reason and detail. No tags is {@link #keep()}. */
  static Decision tag(Map<RejectReason, String> tags) {
    return tags.isEmpty() ? keep() : new Tag(tags);
  }

  /** The document goes on to the next stage. */
  record Keep() implements Decision {
    static final Keep INSTANCE = new Keep();
  }

  /** The document leaves the pipeline and is written to the rejects. */
  record Reject(RejectReason reason, String detail) implements Decision {
    public Reject {
      Objects.requireNonNull(reason, "reason");
      detail = detail == null ? "" : detail;
    }
  }

  /** The document goes on with a new text; {@code edits} holds positive counts per reason. */
  record Rewrite(String text, Map<RejectReason, Integer> edits) implements Decision {
    public Rewrite {
      Objects.requireNonNull(text, "text");
      EnumMap<RejectReason, Integer> positive = new EnumMap<>(RejectReason.class);
      edits.forEach((reason, n) -> {
        if (n < 0) {
          throw new IllegalArgumentException("edit count for " + reason + " is negative: " + n);
        }
        if (n > 0) {
          positive.put(reason, n);
        }
      });
      edits = Collections.unmodifiableMap(positive);
    }
  }

  /** The document goes on unchanged; each tag (reason → detail) is counted and recorded. */
  record Tag(Map<RejectReason, String> tags) implements Decision {
    public Tag {
      tags = Collections.unmodifiableMap(new EnumMap<>(tags));
    }
  }
}
