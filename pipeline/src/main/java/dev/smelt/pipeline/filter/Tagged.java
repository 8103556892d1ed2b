package dev.smelt.pipeline.filter;

import java.io.Serializable;

/** A kept document that a stage tagged: which stage, why. One row of data/tags/. */
public record Tagged(String docId, String source, String stage, RejectReason reason, String detail)
    implements Serializable {}
