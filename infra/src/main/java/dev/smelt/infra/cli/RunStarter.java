package dev.smelt.infra.cli;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.run.RunId;
import dev.smelt.infra.config.ConfigException;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Prepares a run folder and starts its TrainingRun workflow; shared by `run` and `submit`. */
final class RunStarter {
  private RunStarter() {}

  /** A run about to start: its id, folder and resolved config. */
  record Prepared(String runId, Path runDir, RunConfig config) {
    String workflowId() {
      return RunStarter.workflowId(runId);
    }
  }

  static String workflowId(String runId) {
    return "smelt-" + runId;
  }

  /**
   * Loads and validates the config (nothing is written if it is bad), then writes config.yaml into
   * {@code runsRoot}/ID, a new folder directly inside the runs root and nowhere else.
   *
   * @throws UsageException if that folder exists: reusing it would mix its checkpoints and data
   *     with the new run's
   */
  static Prepared prepare(Path configFile, String runId, Path runsRoot) throws IOException {
    RunConfig cfg = ConfigLoader.load(configFile);
    // --run-id was checked as it was parsed; RunFolder.confined checks it once more.
    String id = runId != null ? runId : idFromName(cfg, "-");
    Path runDir = RunFolder.confined(runsRoot.resolve(id).toString(), runsRoot).root();
    Files.createDirectories(runsRoot);
    try {
      Files.createDirectory(runDir); // atomic: two starts with one id cannot both get the folder
    } catch (FileAlreadyExistsException e) {
      throw new UsageException("run folder " + runDir + " already exists; continue it with"
          + " smelt resume " + id + ", or choose another --run-id");
    }
    Files.writeString(runDir.resolve("config.yaml"), ConfigLoader.toYaml(cfg), StandardCharsets.UTF_8);
    return new Prepared(id, runDir, cfg);
  }

  /** {@code <name><infix><timestamp>}, or a config error naming 'name' when that is no run id. */
  static String idFromName(RunConfig cfg, String infix) {
    String id = cfg.name() + infix
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Optional<String> bad = RunId.problem(id);
    if (bad.isPresent()) {
      throw new ConfigException("key 'name' makes a bad " + bad.get());
    }
    return id;
  }

  static CompletableFuture<RunSummary> start(WorkflowClient client, Prepared p) {
    return start(client, p, List.of());
  }

  /** Starts the run, rerunning the {@code rerun} stages even where their fingerprints match. */
  static CompletableFuture<RunSummary> start(WorkflowClient client, Prepared p, List<Stage> rerun) {
    TrainingRun run = client.newWorkflowStub(TrainingRun.class, WorkflowOptions.newBuilder()
        .setWorkflowId(p.workflowId())
        .setTaskQueue(TrainingRun.CPU_QUEUE)
        .build());
    return WorkflowClient.execute(run::run,
        new StageInput(p.runId(), p.runDir().toString(), p.config(), rerun));
  }

  static Path defaultConfig() {
    return SmeltCli.home().resolve("examples/demo.yaml");
  }
}
