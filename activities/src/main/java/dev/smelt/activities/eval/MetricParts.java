package dev.smelt.activities.eval;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.smelt.activities.checkpoint.KeyedResult;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The finished metrics of an evaluation, one file each ({@code eval/parts/<metric>.json}, written
 * atomically with the key of the model and inputs it measured), so a retried evaluation redoes
 * only the metrics it had not finished. Each metric done, computed or reused, is progress.
 */
public final class MetricParts {
  /** Computes one metric. */
  @FunctionalInterface
  public interface Metric<T> {
    T compute() throws IOException;
  }

  private final Path dir;
  private final int total;
  private final Consumer<TrainingProgress> progress;
  private final List<String> reused = new ArrayList<>();
  private int done;

  /** {@code total}: the metrics this evaluation will ask for, for the progress line. */
  public MetricParts(Path dir, int total, Consumer<TrainingProgress> progress) {
    this.dir = dir;
    this.total = total;
    this.progress = progress;
  }

  /** The metric's value kept under {@code key}, or computed now and kept. */
  public <T> T get(String metric, String key, Class<T> type, Metric<T> compute) throws IOException {
    return get(metric, key, TypeFactory.defaultInstance().constructType(type), compute);
  }

  /** As {@link #get} for a metric whose value is a list of {@code element}. */
  public <T> List<T> list(String metric, String key, Class<T> element, Metric<List<T>> compute)
      throws IOException {
    return get(metric, key,
        TypeFactory.defaultInstance().constructCollectionType(List.class, element), compute);
  }

  private <T> T get(String metric, String key, JavaType type, Metric<T> compute)
      throws IOException {
    Path file = dir.resolve(metric + ".json");
    Optional<T> kept = KeyedResult.read(file, key, type);
    T value;
    if (kept.isPresent()) {
      reused.add(metric);
      value = kept.get();
    } else {
      value = compute.compute();
      KeyedResult.write(file, key, value);
    }
    progress.accept(Stage.EVALUATE.progress(++done, Math.max(total, done)));
    return value;
  }

  /** The metrics read back from an earlier attempt instead of computed, in order. */
  public List<String> reused() {
    return List.copyOf(reused);
  }
}
