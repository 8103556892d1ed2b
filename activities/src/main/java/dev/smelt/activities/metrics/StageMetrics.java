package dev.smelt.activities.metrics;

import dev.smelt.workflows.stage.TrainingProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Smelt's own metrics, fed where progress is already reported (the stage heartbeat) and where
 * checkpoints are written. They go to Micrometer's global registry: free until a worker started
 * with {@code --metrics-port} adds its Prometheus registry there.
 */
public final class StageMetrics {
  private static final MeterRegistry REGISTRY = Metrics.globalRegistry;
  /** The newest progress per stage; the gauges read it (and it keeps them from being collected). */
  private static final Map<String, AtomicReference<TrainingProgress>> LATEST = new ConcurrentHashMap<>();

  private StageMetrics() {}

  /** Records a stage's newest progress: step (done of total), loss or metric, tokens/s. */
  public static void progress(TrainingProgress p) {
    LATEST.computeIfAbsent(p.stage(), StageMetrics::gauges).set(p);
  }

  private static AtomicReference<TrainingProgress> gauges(String stage) {
    AtomicReference<TrainingProgress> latest = new AtomicReference<>();
    gauge("smelt_stage_done", "Units done in the stage's current attempt (steps, files).", stage,
        latest, TrainingProgress::done);
    gauge("smelt_stage_total", "Units the stage will do.", stage, latest, TrainingProgress::total);
    gauge("smelt_step", "Training step (pre-training, fine-tuning).", stage, latest,
        p -> "steps".equals(p.unit()) ? p.done() : Double.NaN);
    gauge("smelt_loss", "The stage's reported metric: training loss while training.", stage,
        latest, TrainingProgress::metric);
    gauge("smelt_tokens_per_second", "Training throughput.", stage, latest,
        TrainingProgress::tokensPerSecond);
    return latest;
  }

  private static void gauge(String name, String help, String stage,
      AtomicReference<TrainingProgress> latest, ToDoubleFunction<TrainingProgress> value) {
    Gauge.builder(name, latest, r -> r.get() == null ? Double.NaN : value.applyAsDouble(r.get()))
        .description(help).tag("stage", stage).register(REGISTRY);
  }

  /** Records how long one attempt of {@code stage} ran (ended well or not). */
  public static void stageAttempt(String stage, Duration took) {
    Timer.builder("smelt_stage_duration").description("Wall time of stage attempts.")
        .tag("stage", stage).register(REGISTRY).record(took);
  }

  /** Runs one checkpoint write and records its seconds. */
  public static <T> T checkpointWrite(Callable<T> write) throws Exception {
    return Timer.builder("smelt_checkpoint_write").description("Wall time of checkpoint writes.")
        .register(REGISTRY).recordCallable(write);
  }
}
