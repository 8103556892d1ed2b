package dev.smelt.workflows.schedule;

/**
 * A schedule as `smelt schedule create` defines it.
 *
 * @param name the schedule's name (a run id's characters); its runs are named {@code <name>-<time>}
 * @param configPath the run config, an absolute path the workers can read; re-read at every fire
 * @param spec when it fires
 * @param overlap what a fire does while an earlier run is still going
 * @param always start a run even when config and inputs are unchanged since the last good run
 */
public record ScheduleDefinition(
    String name, String configPath, FireSpec spec, Overlap overlap, boolean always) {

  /** What one fire asks a scheduled run to do. */
  public ScheduledRunRequest request() {
    return new ScheduledRunRequest(name, configPath, always);
  }
}
