package dev.smelt.infra.cli;

import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.worker.MetricsEndpoint;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.workflows.run.TrainingRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `smelt worker`: a worker process polling Smelt's task queue until killed. */
@Command(name = "worker", description = "Run a worker: the TrainingRun workflow and every stage activity.")
final class WorkerCommand implements Callable<Integer> {
  @Mixin TemporalOptions temporal;

  @Option(names = "--queue", description = "Task queue (default: " + TrainingRun.CPU_QUEUE + ").")
  String queue = TrainingRun.CPU_QUEUE;

  @Option(names = "--activity-slots", description = "Activities run at once (default: 1).")
  int slots = 1;

  @Option(names = "--metrics-port", paramLabel = "N", description =
      "Serve Prometheus metrics (Temporal SDK and Smelt's) at http://0.0.0.0:N/metrics.")
  Integer metricsPort;

  /** Run folders a workflow names outside this root are refused, non-retryably. */
  @Mixin RunsDirOption runs;

  @Override
  public Integer call() {
    try (MetricsEndpoint metrics = metricsPort == null ? null : MetricsEndpoint.start(metricsPort);
        TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace,
            metrics == null ? null : metrics.temporalScope());
        SmeltWorker worker = SmeltWorker.start(conn.client(), queue, slots, runs.root())) {
      if (metrics != null) {
        System.out.println("smelt: metrics at http://0.0.0.0:" + metrics.port() + "/metrics");
      }
      System.out.println("smelt: worker polling '" + queue + "' on "
          + conn.stubs().getOptions().getTarget() + ", writing only in run folders inside "
          + runs.root() + " (pid " + ProcessHandle.current().pid() + ")");
      // SIGTERM (docker stop, systemd, kill): checkpoint the running training, then exit.
      Runtime.getRuntime().addShutdownHook(new Thread(
          () -> System.out.println(worker.shutDownCheckpointing()), "smelt-worker-stop"));
      worker.awaitTermination();
      return 0;
    }
  }
}
