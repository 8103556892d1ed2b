package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import java.io.Serializable;

/** A document together with what a stage decided about it, on its way to {@link RouteDecisions}. */
public record DocDecision(Doc doc, Decision decision) implements Serializable {
  public static DocDecision keep(Doc doc) {
    return new DocDecision(doc, Decision.keep());
  }

  public static DocDecision reject(Doc doc, RejectReason reason, String detail) {
    return new DocDecision(doc, Decision.reject(reason, detail));
  }
}
