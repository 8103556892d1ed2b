package dev.smelt.pipeline.filter;

import java.io.Serializable;
import java.util.Objects;

/** What a stage decided about one document: keep it, or reject it with a reason code and detail. */
public sealed interface Decision extends Serializable permits Decision.Keep, Decision.Reject {

  /** Keeps the document. */
  static Decision keep() {
    return Keep.INSTANCE;
  }

  /** Rejects the document; {@code detail} says what exactly was wrong, for a person. */
  static Decision reject(RejectReason reason, String detail) {
    return new Reject(reason, detail);
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
}
