package dev.smelt.infra.cli;

import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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

  /** Loads and validates the config (nothing is written if it is bad), then writes config.yaml. */
  static Prepared prepare(Path configFile, String runId, Path runsDir) throws IOException {
    RunConfig cfg = ConfigLoader.load(configFile);
    String id = runId != null ? runId : cfg.name() + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = runsDir.resolve(id).toAbsolutePath().normalize();
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("config.yaml"), ConfigLoader.toYaml(cfg), StandardCharsets.UTF_8);
    return new Prepared(id, runDir, cfg);
  }

  static CompletableFuture<RunSummary> start(WorkflowClient client, Prepared p) {
    TrainingRun run = client.newWorkflowStub(TrainingRun.class, WorkflowOptions.newBuilder()
        .setWorkflowId(p.workflowId())
        .setTaskQueue(TrainingRun.CPU_QUEUE)
        .build());
    return WorkflowClient.execute(run::run, new StageInput(p.runId(), p.runDir().toString(), p.config()));
  }

  static Path defaultConfig() {
    return SmeltCli.home().resolve("examples/demo.yaml");
  }
}
