package dev.smelt.infra.cli;

import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.worker.MetricsEndpoint;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.settings.WorkerQueue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** `smelt worker`: a worker process polling Smelt's task queues until killed. */
@Command(name = "worker", description = "Run a worker: the TrainingRun workflow and every stage activity.")
final class WorkerCommand implements Callable<Integer> {
  @Mixin TemporalOptions temporal;

  /** Either the queues by kind (the usual) or one task queue by name (tests, odd deployments). */
  @ArgGroup(exclusive = true)
  Queues queues;

  static final class Queues {
    @Option(names = "--queues", split = ",", paramLabel = "cpu|gpu",
        converter = QueueConverter.class, description = "Queues to poll (default: cpu). cpu: the "
        + "workflows and every stage; gpu: pre-training, fine-tuning and the baselines of runs "
        + "with pretrain.queue: gpu.")
    List<WorkerQueue> kinds;

    @Option(names = "--queue", paramLabel = "NAME",
        description = "One task queue by name, serving the workflows and every stage there.")
    String name;
  }

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
        SmeltWorker worker = queues != null && queues.name != null
            ? SmeltWorker.start(conn.client(), queues.name, slots, runs.root())
            : SmeltWorker.start(conn.client(), kinds(), slots, runs.root())) {
      if (metrics != null) {
        System.out.println("smelt: metrics at http://0.0.0.0:" + metrics.port() + "/metrics");
      }
      String polled = queues != null && queues.name != null ? queues.name
          : String.join("', '", worker.taskQueues());
      System.out.println("smelt: worker polling '" + polled + "' on "
          + conn.stubs().getOptions().getTarget() + ", writing only in run folders inside "
          + runs.root() + " (pid " + ProcessHandle.current().pid() + ")");
      // SIGTERM (docker stop, systemd, kill): checkpoint the running training, then exit.
      Runtime.getRuntime().addShutdownHook(new Thread(
          () -> System.out.println(worker.shutDownCheckpointing()), "smelt-worker-stop"));
      worker.awaitTermination();
      return 0;
    }
  }

  /** The queue kinds given, cpu when none. */
  EnumSet<WorkerQueue> kinds() {
    return queues == null || queues.kinds == null || queues.kinds.isEmpty()
        ? EnumSet.of(WorkerQueue.CPU) : EnumSet.copyOf(queues.kinds);
  }

  /** "cpu" or "gpu"; anything else is a usage error naming the flag's values. */
  static final class QueueConverter implements ITypeConverter<WorkerQueue> {
    @Override
    public WorkerQueue convert(String value) {
      return WorkerQueue.ofId(value.trim()).orElseThrow(() -> new TypeConversionException(
          "'" + value + "' is no queue; --queues takes " + Arrays.stream(WorkerQueue.values())
              .map(WorkerQueue::id).collect(Collectors.joining(", "))));
    }
  }
}
