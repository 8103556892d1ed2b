package dev.smelt.workflows.stage;

/** How many documents one stage dropped for one reason. */
public record ReasonCount(String stage, String reason, long documents, long bytes) {}
