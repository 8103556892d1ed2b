package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.RejectReason;

/** How many documents (and UTF-8 bytes of their text) one stage rejected for one reason. */
public record StageReasonCount(String stage, RejectReason reason, long documents, long bytes) {}
