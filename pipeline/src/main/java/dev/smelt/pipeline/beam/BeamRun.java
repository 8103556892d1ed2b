package dev.smelt.pipeline.beam;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Duration;
import org.slf4j.MDC;

/**
 * Runs a Beam pipeline to its end and shows its metrics to a progress callback about once a
 * second. A runner whose {@code run()} returns at once (the DirectRunner under {@link BeamOptions})
 * is polled through its result; one whose {@code run()} blocks until the job ends (Flink, attached)
 * runs on its own thread, and until it returns the callback sees {@link #NO_METRICS_YET}.
 */
public final class BeamRun {
  /** What the callback sees while a blocking runner has not handed back a result yet. */
  public static final MetricResults NO_METRICS_YET = new MetricResults() {
    @Override
    public MetricQueryResults queryMetrics(MetricsFilter filter) {
      return MetricQueryResults.create(List.of(), List.of(), List.of(), List.of());
    }
  };

  private static final long POLL_SECONDS = 1;

  private BeamRun() {}

  /**
   * @return the result of a run that ended {@link PipelineResult.State#DONE}, its metrics final
   * @throws IllegalStateException if the run ended in another state (failed, cancelled, …)
   * @throws RuntimeException what the runner threw, e.g. a transform's failure
   */
  public static PipelineResult run(
      Pipeline pipeline, PipelineOptions options, Consumer<MetricResults> progress) {
    CompletableFuture<PipelineResult> started =
        CompletableFuture.supplyAsync(() -> pipeline.run(options), BeamRun::startThread);
    PipelineResult result = awaitStart(started, progress);
    PipelineResult.State state = null;
    try {
      while (state == null || !state.isTerminal()) {
        state = result.waitUntilFinish(Duration.standardSeconds(POLL_SECONDS));
        progress.accept(result.metrics());
      }
    } catch (RuntimeException | Error e) {
      cancelQuietly(result, e);
      throw e;
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the Beam pipeline ended " + state + ", not DONE");
    }
    return result;
  }

  private static PipelineResult awaitStart(
      CompletableFuture<PipelineResult> started, Consumer<MetricResults> progress) {
    while (true) {
      try {
        return started.get(POLL_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        try {
          progress.accept(NO_METRICS_YET);
        } catch (RuntimeException | Error e) {
          // A blocking run() cannot be cancelled through a result it has not returned.
          started.cancel(true);
          throw e;
        }
      } catch (ExecutionException e) {
        throw rethrow(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        started.cancel(true);
        throw new IllegalStateException("interrupted while the Beam pipeline ran", e);
      }
    }
  }

  private static void startThread(Runnable run) {
    // The launching stage's log tags (MDC run, stage) go with it; the runner's own pools do not
    // copy them.
    Map<String, String> tags = MDC.getCopyOfContextMap();
    Thread t = new Thread(() -> {
      if (tags != null) {
        MDC.setContextMap(tags);
      }
      run.run();
    }, "beam-run");
    t.setDaemon(true); // a run abandoned after a failed progress callback must not keep the JVM up
    t.start();
  }

  private static void cancelQuietly(PipelineResult result, Throwable cause) {
    try {
      result.cancel();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException("the Beam pipeline failed: " + cause, cause);
  }
}
