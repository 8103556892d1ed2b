package dev.smelt.infra.cli;

import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.progress.StageSnapshot;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.workflows.stage.RunSummary;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Commands that act on a run already started: status, watch, cancel. */
final class RunControlCommands {
  private RunControlCommands() {}

  /** `smelt status RUN`: the run's stage and its newest progress, once. */
  @Command(name = "status", description = "Show a run's current stage and progress.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id.", converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        StageSnapshot s = new RunWatcher(conn.client(), System.out, false)
            .snapshot(RunStarter.workflowId(runId));
        if (s == null) {
          System.err.println("smelt: run " + runId + " is not known to this Temporal server");
          return SmeltCli.FAILURE;
        }
        System.out.println(runId + ": " + (s.completed() >= s.stages() ? "done"
            : "stage " + (s.completed() + 1) + "/" + s.stages() + " " + s.stage())
            + (s.heartbeat() != null && s.heartbeat().total() > 0
                ? String.format(", %d/%d %s", s.heartbeat().done(), s.heartbeat().total(),
                    s.heartbeat().unit()) : "")
            + (s.attempt() > 1 ? ", attempt " + s.attempt() : ""));
        return 0;
      }
    }
  }

  /** `smelt watch RUN`: live progress of a running run until it ends. */
  @Command(name = "watch", description = "Follow a run's progress until it ends.")
  static final class Watch implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id.", converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        String id = RunStarter.workflowId(runId);
        RunSummary summary = new RunWatcher(conn.client(), System.out, System.console() != null)
            .watch(id, conn.client().newUntypedWorkflowStub(id).getResultAsync(RunSummary.class));
        SummaryPrinter.print(summary, System.out);
        return 0;
      } catch (ExecutionException e) {
        throw RunFailedException.of(runId, e.getCause());
      }
    }
  }

  /** `smelt cancel RUN`: ask the run to stop; the running activity notices at its next heartbeat. */
  @Command(name = "cancel", description = "Cancel a run.")
  static final class Cancel implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id.", converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        conn.client().newUntypedWorkflowStub(RunStarter.workflowId(runId)).cancel();
        System.out.println("smelt: cancellation of run " + runId + " requested");
        return 0;
      }
    }
  }
}
