package dev.smelt.activities.schedule;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.run.RunId;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.schedule.RunDecision;
import dev.smelt.workflows.schedule.ScheduleActivities;
import dev.smelt.workflows.schedule.ScheduledRunRequest;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The worker's side of a scheduled run: decide from fingerprints, make the folder, remember. */
public final class ScheduleActivitiesImpl implements ScheduleActivities {
  private final Path runsRoot;
  private final RunConfigFiles configs;

  public ScheduleActivitiesImpl(Path runsRoot, RunConfigFiles configs) {
    this.runsRoot = runsRoot.toAbsolutePath().normalize();
    this.configs = configs;
  }

  @Override
  public RunDecision decide(ScheduledRunRequest request) {
    checkName(request.schedule());
    Path config = Path.of(request.configPath());
    RunConfig cfg = load(config);
    try {
      String now = InputFingerprint.of(config, cfg.data() == null ? java.util.List.of() : cfg.data().inputs());
      Optional<LastGoodRun> last = LastGoodRun.read(runsRoot, request.schedule());
      if (last.isEmpty()) {
        return RunDecision.start("first run of the schedule", now);
      }
      if (!last.get().fingerprint().equals(now)) {
        return RunDecision.start("config or inputs changed since run " + last.get().runId(), now);
      }
      return request.always()
          ? RunDecision.start("unchanged since run " + last.get().runId() + ", started as --always", now)
          : RunDecision.skip("config and inputs unchanged since run " + last.get().runId(), now);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fingerprint the inputs of schedule " + request.schedule(), e);
    }
  }

  @Override
  public StageInput prepare(ScheduledRunRequest request, String runId) {
    RunConfig cfg = load(Path.of(request.configPath()));
    RunFolder folder = RunFolder.confined(runsRoot.resolve(runId).toString(), runsRoot);
    try {
      Files.createDirectories(folder.root()); // a retried attempt finds its own folder
      Files.writeString(folder.root().resolve("config.yaml"), configs.toYaml(cfg), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make run folder " + folder.root(), e);
    }
    return new StageInput(runId, folder.root().toString(), cfg);
  }

  @Override
  public void recordSuccess(String schedule, String runId, String fingerprint) {
    checkName(schedule);
    try {
      new LastGoodRun(runId, fingerprint).write(runsRoot, schedule);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the good run of schedule " + schedule, e);
    }
  }

  @Override
  public void terminate(String workflowId, String reason) {
    try {
      Activity.getExecutionContext().getWorkflowClient().newUntypedWorkflowStub(workflowId)
          .terminate(reason);
    } catch (WorkflowNotFoundException ended) {
      // Ended already (or, on the test server, just now by this call): nothing left to stop.
    }
  }

  private RunConfig load(Path config) {
    try {
      return configs.load(config);
    } catch (RuntimeException e) {
      throw PermanentFailure.of("scheduled run config " + config + ": " + e.getMessage());
    }
  }

  /** A schedule's name becomes a file name under the runs root: it must be a plain run id. */
  private static void checkName(String schedule) {
    RunId.problem(schedule).ifPresent(p -> {
      throw PermanentFailure.of("schedule name '" + schedule + "' is refused: " + p);
    });
  }
}
