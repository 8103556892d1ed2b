package dev.smelt.infra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.progress.StageSnapshot;
import dev.smelt.infra.progress.StatusLine;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that act on a run already started: status, watch, pause, unpause, cancel. */
final class RunControlCommands {
  /** How long pause and cancel wait for the stage to stop (training: a step and a checkpoint). */
  private static final Duration STOP_WAIT = Duration.ofMinutes(5);
  /** Between the two looks `status` takes to measure a rate, hence an ETA. */
  private static final Duration RATE_WINDOW = Duration.ofSeconds(1);
  /** The longest `status` waits for a second heartbeat to measure that rate. */
  private static final Duration RATE_LIMIT = Duration.ofSeconds(5);

  private RunControlCommands() {}

  /** `smelt status [RUN]`: one run's state, stage, step, loss and ETA; or every run's state. */
  @Command(name = "status", description = "Show a run's state, stage, step, loss and ETA; "
      + "without RUN, the state of every run in the runs folder.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "0..1", description = "Run id.",
        converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;
    @Mixin RunsDirOption runs;

    @Override
    public Integer call() throws IOException, InterruptedException {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        RunWatcher watcher = new RunWatcher(conn.client(), System.out, false);
        if (runId != null) {
          StageSnapshot s = watcher.snapshot(RunStarter.workflowId(runId));
          Path dir = runs.root().resolve(runId);
          if (s == null && Files.isDirectory(dir)) { // ended and forgotten, or never started here
            System.out.println(runId + ": " + folderState(dir));
            return 0;
          }
          if (s == null) {
            System.err.println("smelt: run " + runId + " is not known to this Temporal server");
            return SmeltCli.FAILURE;
          }
          System.out.println(StatusLine.render(runId, s, rate(watcher, runId, s)));
          return 0;
        }
        for (Path dir : runFolders(runs.root())) {
          String id = dir.getFileName().toString();
          StageSnapshot s = watcher.snapshot(RunStarter.workflowId(id));
          System.out.println(s != null ? StatusLine.render(id, s, Double.NaN)
              : id + ": " + folderState(dir));
        }
        return 0;
      }
    }

    /**
     * Steps (or units) per second between two looks at least {@link #RATE_WINDOW} apart; the
     * second look is repeated (heartbeats reach the server about once a second) until the count
     * moved or {@link #RATE_LIMIT} passed. NaN when the stage shows no progress.
     */
    private static double rate(RunWatcher watcher, String runId, StageSnapshot first)
        throws InterruptedException {
      if (!first.running() || first.heartbeat() == null || first.heartbeat().total() <= 0) {
        return Double.NaN;
      }
      long t0 = System.nanoTime();
      Thread.sleep(RATE_WINDOW.toMillis()); // the interval the rate is measured over
      while (true) {
        StageSnapshot second = watcher.snapshot(RunStarter.workflowId(runId));
        if (second == null || second.heartbeat() == null
            || !second.heartbeat().stage().equals(first.heartbeat().stage())) {
          return Double.NaN;
        }
        long done = second.heartbeat().done() - first.heartbeat().done();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (done > 0) {
          return done / seconds;
        }
        if (seconds >= RATE_LIMIT.toSeconds()) {
          return Double.NaN;
        }
        Thread.sleep(250); // polling the server for the next heartbeat
      }
    }

    private static List<Path> runFolders(Path root) throws IOException {
      if (!Files.isDirectory(root)) {
        return List.of();
      }
      try (Stream<Path> listing = Files.list(root)) {
        return listing.filter(Files::isDirectory).sorted().toList();
      }
    }

    /** What the folder tells of a run this Temporal server does not know. */
    private static String folderState(Path dir) throws IOException {
      Path state = dir.resolve("state.json");
      if (Files.isRegularFile(state)) {
        return new ObjectMapper().readTree(state.toFile()).path("state").asText("unknown")
            + " (" + state + ")";
      }
      return Files.isRegularFile(dir.resolve("report.html")) ? "done"
          : "not running (continue it with: smelt resume " + dir.getFileName() + ")";
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

  /** `smelt pause RUN`: stop the running stage at its next step, with a checkpoint; hold the run. */
  @Command(name = "pause", description = "Pause a run: training checkpoints the step it is at and "
      + "stops, freeing its worker, until `smelt unpause`.")
  static final class Pause implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id.", converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() throws InterruptedException {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        running(conn.client(), runId).pause();
        StageSnapshot s = awaitState(conn.client(), runId, snap -> snap.state().startsWith("paused ")
            || !snap.running() && !"pausing".equals(snap.state()));
        System.out.println(s == null ? "smelt: pause of run " + runId + " requested; its stage "
            + "is still stopping (see smelt status " + runId + ")"
            : "smelt: run " + runId + " " + s.state() + " (smelt unpause " + runId + " resumes it)");
        return 0;
      }
    }
  }

  /** `smelt unpause RUN`: run the paused stage again, from its checkpoint. */
  @Command(name = "unpause", description = "Resume a paused run from the checkpoint its pause wrote.")
  static final class Unpause implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id.", converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        running(conn.client(), runId).unpause();
        System.out.println("smelt: run " + runId + " unpaused");
        return 0;
      }
    }
  }

  /**
   * `smelt cancel RUN`: the running stage stops at its next heartbeat (training checkpoints, a
   * Beam job is cancelled), the run folder is marked cancelled; checkpoints are kept.
   */
  @Command(name = "cancel", description = "Cancel a run: its stage stops (training checkpoints, "
      + "a Beam job is cancelled) and the run folder is marked cancelled.")
  static final class Cancel implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "Run id.", converter = RunIdConverter.class)
    String runId;
    @Mixin TemporalOptions temporal;

    @Option(names = "--no-wait", description = "Return once the cancel is requested.")
    boolean noWait;

    @Override
    public Integer call() throws InterruptedException {
      try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
        String id = RunStarter.workflowId(runId);
        running(conn.client(), runId);
        conn.client().newUntypedWorkflowStub(id).cancel();
        if (noWait) {
          System.out.println("smelt: cancellation of run " + runId + " requested");
          return 0;
        }
        try {
          conn.client().newUntypedWorkflowStub(id).getResultAsync(RunSummary.class)
              .get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
          System.out.println("smelt: run " + runId + " finished before the cancel reached it");
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof WorkflowFailedException f
              && f.getCause() instanceof CanceledFailure)) {
            throw RunFailedException.of(runId, e.getCause());
          }
          System.out.println("smelt: run " + runId + " cancelled; its checkpoints are kept");
        } catch (TimeoutException e) {
          System.out.println("smelt: cancellation of run " + runId + " requested; its stage is "
              + "still stopping (see smelt status " + runId + ")");
        }
        return 0;
      }
    }
  }

  /** The run's workflow, when this server has it running; a one-line error otherwise. */
  private static TrainingRun running(WorkflowClient client, String runId) {
    StageSnapshot s = new RunWatcher(client, new PrintStream(PrintStream.nullOutputStream()), false)
        .snapshot(RunStarter.workflowId(runId));
    if (s == null) {
      throw new UsageException("run " + runId + " is not known to this Temporal server");
    }
    if (!s.running() && !s.state().startsWith("paus")) {
      throw new UsageException("run " + runId + " is not running: " + s.state());
    }
    return client.newWorkflowStub(TrainingRun.class, RunStarter.workflowId(runId));
  }

  /** The run's first snapshot that meets {@code done}, or null after {@link #STOP_WAIT}. */
  private static StageSnapshot awaitState(WorkflowClient client, String runId,
      Predicate<StageSnapshot> done) throws InterruptedException {
    RunWatcher watcher = new RunWatcher(client, new PrintStream(PrintStream.nullOutputStream()),
        false);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      StageSnapshot s = watcher.snapshot(RunStarter.workflowId(runId));
      if (s != null && done.test(s)) {
        return s;
      }
      Thread.sleep(100); // polling the server's query
    }
    return null;
  }
}
