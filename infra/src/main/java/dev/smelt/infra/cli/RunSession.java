package dev.smelt.infra.cli;

import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What `run` and `resume` share once the run folder is ready: a Temporal server (the embedded one
 * unless one is named), a worker in this process unless told otherwise, the workflow started
 * (or, on a server where it still runs, followed), live progress and the summary.
 */
final class RunSession {
  private RunSession() {}

  static int run(RunStarter.Prepared p, List<Stage> rerun, RunSessionOptions options,
      PrintStream out) throws Exception {
    TemporalOptions temporal = options.temporal;
    // The embedded server unless a flag or Temporal's environment configuration names one.
    boolean embedded = temporal.address == null && TemporalConnection.environmentAddress().isEmpty();
    try (EmbeddedTemporalServer server = embedded
            ? EmbeddedTemporalServer.start(0, p.runDir().resolve("temporal-server.log")) : null;
        TemporalConnection conn = server != null ? TemporalConnection.embedded(server.target())
            : TemporalConnection.open(temporal.address, temporal.namespace);
        SmeltWorker worker = options.noWorker ? null
            : SmeltWorker.startDefault(conn.client(), options.runsRoot(), p.config())) {
      out.println(server != null
          ? "smelt: embedded Temporal server on " + server.target() + " (pid " + server.pid() + ")"
          : "smelt: Temporal server " + conn.stubs().getOptions().getTarget());
      CompletableFuture<RunSummary> result;
      try {
        result = RunStarter.start(conn.client(), p, rerun);
      } catch (WorkflowExecutionAlreadyStarted running) {
        out.println("smelt: run " + p.runId() + " is still running on that server; following it");
        result = conn.client().newUntypedWorkflowStub(p.workflowId())
            .getResultAsync(RunSummary.class);
      }
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
