package dev.smelt.activities.schedule;

import dev.smelt.activities.fingerprint.FileHashes;
import dev.smelt.activities.fingerprint.RunInputs;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.run.RunId;
import dev.smelt.settings.RunConfig;
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

  /**
   * Starts unless the config and inputs fingerprint as the last good run's did, stage by stage as
   * the stage cache fingerprints them ({@link RunInputs}): the reason names what changed. The
   * inputs decided on wait in {@code @schedules/<schedule>.pending-<fingerprint>.json} until the
   * run succeeds; file contents are hashed through {@code @schedules/<schedule>.file-hashes.json}.
   */
  @Override
  public RunDecision decide(ScheduledRunRequest request) {
    checkName(request.schedule());
    RunConfig cfg = load(Path.of(request.configPath()));
    try {
      FileHashes hashes = FileHashes.open(schedules().resolve(request.schedule() + ".file-hashes.json"));
      RunInputs inputs = RunInputs.of(cfg, hashes);
      hashes.save();
      String now = inputs.fingerprint();
      inputs.write(pending(request.schedule(), now));
      Optional<LastGoodRun> last = LastGoodRun.read(runsRoot, request.schedule());
      if (last.isEmpty()) {
        return RunDecision.start("first run of the schedule", now);
      }
      String since = " since run " + last.get().runId();
      if (!last.get().fingerprint().equals(now)) {
        return RunDecision.start(last.get().inputs() == null
            ? "config or inputs changed" + since + " (it predates stage fingerprints)"
            : "changed" + since + ": " + inputs.changesSince(last.get().inputs()), now);
      }
      return request.always()
          ? RunDecision.start("unchanged" + since + ", started as --always", now)
          : RunDecision.skip("config and inputs unchanged" + since + " (stage fingerprints)", now);
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
      // The fingerprint comes back from the workflow, which anyone may start: only hex names a file.
      Path pending = fingerprint.matches("[0-9a-f]{64}") ? pending(schedule, fingerprint) : null;
      RunInputs inputs = pending != null && Files.isRegularFile(pending) ? RunInputs.read(pending) : null;
      new LastGoodRun(runId, fingerprint, inputs).write(runsRoot, schedule);
      if (pending != null) {
        Files.deleteIfExists(pending);
      }
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

  private Path schedules() {
    return runsRoot.resolve("@schedules");
  }

  /** The inputs a fire decided on, until its run succeeds (a fingerprint is hex: a safe name). */
  private Path pending(String schedule, String fingerprint) {
    return schedules().resolve(schedule + ".pending-" + fingerprint + ".json");
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
