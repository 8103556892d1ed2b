package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import java.io.Serializable;

/** A document that left the pipeline: which stage dropped it, and why. One row of rejects/. */
public record Rejected(Doc doc, String stage, RejectReason reason, String detail)
    implements Serializable {}
