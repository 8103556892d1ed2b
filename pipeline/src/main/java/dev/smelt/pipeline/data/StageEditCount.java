package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.RejectReason;

/**
 * Kept documents one stage changed or tagged for one reason: how many documents, and how many
 * edits (e.g. redactions or removed lines; for tags, equal to documents).
 */
public record StageEditCount(String stage, RejectReason reason, long documents, long edits) {}
