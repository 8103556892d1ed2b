package dev.smelt.infra.chaos;

import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * What the interrupted-run tests set up the same way: an embedded Temporal server in {@code dir}
 * (its log beside the workers'), a client of it, and a worker in its own JVM writing only in run
 * folders inside {@code dir}, which a test kills and replaces. Closing it kills the worker, so none
 * outlives a failed test.
 */
public final class ChaosRun implements AutoCloseable {
  private final Path dir;
  private final EmbeddedTemporalServer server;
  private final TemporalConnection conn;
  private WorkerProcess worker;

  private ChaosRun(Path dir, EmbeddedTemporalServer server, TemporalConnection conn) {
    this.dir = dir;
    this.server = server;
    this.conn = conn;
  }

  /** A server and its client, no worker yet ({@link #startWorker}, or an in-process one). */
  public static ChaosRun serverOnly(Path dir) throws IOException {
    EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, dir.resolve("server.log"));
    try {
      return new ChaosRun(dir, server, TemporalConnection.embedded(server.target()));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** A server, its client and a worker process logging to worker-0.log. */
  public static ChaosRun withWorker(Path dir) throws IOException {
    ChaosRun run = serverOnly(dir);
    try {
      run.startWorker("worker-0.log");
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /** Starts a worker process logging to {@code log} in {@code dir}; it becomes {@link #worker}. */
  public WorkerProcess startWorker(String log) throws IOException {
    worker = WorkerProcess.start(server.target(), dir, dir.resolve(log));
    return worker;
  }

  /** kill -9 of the worker, then a fresh one logging to {@code log}. */
  public void replaceWorker(String log) throws IOException, InterruptedException {
    worker.kill();
    startWorker(log);
  }

  public WorkerProcess worker() {
    return worker;
  }

  public WorkflowClient client() {
    return conn.client();
  }

  /** The server's address, for the CLI's --temporal. */
  public String target() {
    return server.target();
  }

  /** A watcher that prints nothing: tests read its snapshots. */
  public RunWatcher probe() {
    return new RunWatcher(conn.client(), new PrintStream(PrintStream.nullOutputStream()), false);
  }

  /** Starts TrainingRun {@code workflowId} of {@code cfg} into {@code runDir}; its result, later. */
  public CompletableFuture<RunSummary> execute(String workflowId, String runId, Path runDir,
      RunConfig cfg) {
    return WorkflowClient.execute(stub(workflowId)::run,
        new StageInput(runId, runDir.toString(), cfg));
  }

  /** Ends the workflow where it stands (a test that needs only its first stages). */
  public void terminate(String workflowId, String reason) {
    conn.client().newUntypedWorkflowStub(workflowId).terminate(reason);
  }

  private TrainingRun stub(String workflowId) {
    return conn.client().newWorkflowStub(TrainingRun.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(TrainingRun.CPU_QUEUE).build());
  }

  @Override
  public void close() {
    try {
      if (worker != null) {
        worker.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        conn.close();
      } finally {
        server.close();
      }
    }
  }
}
