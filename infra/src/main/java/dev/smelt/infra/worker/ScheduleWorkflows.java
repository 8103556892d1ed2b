package dev.smelt.infra.worker;

import dev.smelt.activities.schedule.ScheduleActivitiesImpl;
import dev.smelt.infra.config.RunConfigLoader;
import dev.smelt.workflows.schedule.RetrainScheduleImpl;
import dev.smelt.workflows.schedule.ScheduleRegistryImpl;
import dev.smelt.workflows.schedule.ScheduledRunImpl;
import io.temporal.worker.Worker;
import java.nio.file.Path;

/** The scheduling side of a worker: scheduler, registry and scheduled-run workflows, and their activities. */
final class ScheduleWorkflows {
  private ScheduleWorkflows() {}

  static void register(Worker worker, Path runsRoot) {
    worker.registerWorkflowImplementationTypes(
        RetrainScheduleImpl.class, ScheduledRunImpl.class, ScheduleRegistryImpl.class);
    worker.registerActivitiesImplementations(
        new ScheduleActivitiesImpl(runsRoot, new RunConfigLoader()));
  }
}
