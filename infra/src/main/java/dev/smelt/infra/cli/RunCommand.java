package dev.smelt.infra.cli;

import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `smelt run [CONFIG]`: one TrainingRun end to end, with live progress. */
@Command(name = "run", description = "Run data → tokenizer → pre-train → fine-tune → evaluate → report.")
final class RunCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "CONFIG",
      description = "Run config (default: examples/demo.yaml).")
  Path config;

  @Option(names = "--run-id", description = "Run id (default: <name>-<timestamp>).")
  String runId;

  @Option(names = "--runs-dir", description = "Where run folders go (default: ./runs).")
  Path runsDir = Path.of("runs");

  @Option(names = "--no-worker",
      description = "Start no worker in this process; workers elsewhere do the work.")
  boolean noWorker;

  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path configFile = config != null ? config : SmeltCli.home().resolve("examples/demo.yaml");
    RunConfig cfg = ConfigLoader.load(configFile);
    String id = runId != null ? runId
        : cfg.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = runsDir.resolve(id).toAbsolutePath().normalize();
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("config.yaml"), ConfigLoader.toYaml(cfg), StandardCharsets.UTF_8);
    out.println("smelt: run " + id + " → " + runDir);

    try (EmbeddedTemporalServer server = temporal.address == null
            ? EmbeddedTemporalServer.start(0, runDir.resolve("temporal-server.log")) : null;
        TemporalConnection conn = TemporalConnection.open(
            server != null ? server.target() : temporal.address, temporal.namespace);
        SmeltWorker worker = noWorker ? null : SmeltWorker.startDefault(conn.client())) {
      out.println(server != null
          ? "smelt: embedded Temporal server on " + server.target() + " (pid " + server.pid() + ")"
          : "smelt: Temporal server " + temporal.address);
      String workflowId = "smelt-" + id;
      TrainingRun run = conn.client().newWorkflowStub(TrainingRun.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(workflowId)
              .setTaskQueue(TrainingRun.CPU_QUEUE)
              .build());
      CompletableFuture<RunSummary> result =
          WorkflowClient.execute(run::run, new StageInput(id, runDir.toString(), cfg));
      RunSummary summary;
      try {
        summary = new RunWatcher(conn.client(), out, System.console() != null)
            .watch(workflowId, result);
      } catch (ExecutionException e) {
        System.err.println("smelt: run " + id + " failed: " + SmeltCli.oneLine(e.getCause()));
        return SmeltCli.FAILURE;
      }
      SummaryPrinter.print(summary, out);
      return 0;
    }
  }
}
