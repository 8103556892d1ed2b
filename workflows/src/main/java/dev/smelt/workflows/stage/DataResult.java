package dev.smelt.workflows.stage;

import java.util.List;

/** Outcome of the data stage; read = kept + rejected always holds. */
public record DataResult(
    long read, long kept, long rejected, long keptBytes, List<ReasonCount> rejects, double seconds) {}
