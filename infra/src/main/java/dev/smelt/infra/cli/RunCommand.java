package dev.smelt.infra.cli;

import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.workflows.stage.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
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

  @Option(names = "--run-id", paramLabel = "ID", converter = RunIdConverter.class, description =
      "Run id: letters, digits, '-', '_', '.', at most 100 (default: <name>-<timestamp>).")
  String runId;

  @Mixin RunsDirOption runs;

  @Option(names = "--no-worker",
      description = "Start no worker in this process; workers elsewhere do the work.")
  boolean noWorker;

  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    RunStarter.Prepared p = RunStarter.prepare(
        config != null ? config : RunStarter.defaultConfig(), runId, runs.root());
    out.println("smelt: run " + p.runId() + " → " + p.runDir());
    // The embedded server unless a flag or Temporal's environment configuration names one.
    boolean embedded = temporal.address == null && TemporalConnection.environmentAddress().isEmpty();

    try (EmbeddedTemporalServer server = embedded
            ? EmbeddedTemporalServer.start(0, p.runDir().resolve("temporal-server.log")) : null;
        TemporalConnection conn = server != null ? TemporalConnection.embedded(server.target())
            : TemporalConnection.open(temporal.address, temporal.namespace);
        SmeltWorker worker = noWorker ? null : SmeltWorker.startDefault(conn.client(), runs.root())) {
      out.println(server != null
          ? "smelt: embedded Temporal server on " + server.target() + " (pid " + server.pid() + ")"
          : "smelt: Temporal server " + conn.stubs().getOptions().getTarget());
      CompletableFuture<RunSummary> result = RunStarter.start(conn.client(), p);
      RunSummary summary;
      try {
        summary = new RunWatcher(conn.client(), out, System.console() != null)
            .watch(p.workflowId(), result);
      } catch (ExecutionException e) {
        throw RunFailedException.of(p.runId(), e.getCause());
      }
      SummaryPrinter.print(summary, out);
      return 0;
    }
  }
}
