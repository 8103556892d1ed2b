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
 * Smelt's own metrics, fed where progress is already reported (the stage heartbeat, the data
 * stage's document counts), where a stage attempt ends (the stage shell) and where checkpoints are
 * written. They go to Micrometer's global registry: free until a worker started
 * with {@code --metrics-port} adds its Prometheus registry there.
 */
public final class StageMetrics {
  private static final MeterRegistry REGISTRY = Metrics.globalRegistry;
  /** The newest progress per stage; the gauges read it (and it keeps them from being collected). */
  private static final Map<String, AtomicReference<TrainingProgress>> LATEST = new ConcurrentHashMap<>();
  /** The newest document counts per document stage, read by the docs gauges. */
  private static final Map<String, AtomicReference<DocCounts>> DOCS = new ConcurrentHashMap<>();

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

  private static <T> void gauge(String name, String help, String stage,
      AtomicReference<T> latest, ToDoubleFunction<T> value) {
    Gauge.builder(name, latest, r -> r.get() == null ? Double.NaN : value.applyAsDouble(r.get()))
        .description(help).tag("stage", stage).register(REGISTRY);
  }

  /**
   * Records a document stage's newest counts (the data stage): documents read and rejected so far
   * and documents read per second since the attempt started. Estimates while the runner runs
   * (see {@code DataProgress}), exact at the end.
   */
  public static void documents(String stage, long read, long rejected, double seconds) {
    DOCS.computeIfAbsent(stage, StageMetrics::docGauges)
        .set(new DocCounts(read, rejected, seconds > 0 ? read / seconds : Double.NaN));
  }

  private record DocCounts(long read, long rejected, double perSecond) {}

  private static AtomicReference<DocCounts> docGauges(String stage) {
    AtomicReference<DocCounts> latest = new AtomicReference<>();
    gauge("smelt_docs_read", "Documents read in the stage's current attempt.", stage, latest,
        DocCounts::read);
    gauge("smelt_docs_rejected", "Documents rejected in the stage's current attempt.", stage,
        latest, DocCounts::rejected);
    gauge("smelt_docs_per_second", "Documents read per second in the stage's current attempt.",
        stage, latest, DocCounts::perSecond);
    return latest;
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
