package dev.smelt.workflows.stage;

import dev.smelt.workflows.config.RunConfig;

/** What every stage activity receives: which run, where its folder is, and its config. */
public record StageInput(String runId, String runDir, RunConfig config) {}
