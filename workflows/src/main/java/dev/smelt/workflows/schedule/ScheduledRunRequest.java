package dev.smelt.workflows.schedule;

/** The input of one scheduled run: the schedule it belongs to, its config, and {@code --always}. */
public record ScheduledRunRequest(String schedule, String configPath, boolean always) {}
