package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StageOutputHash;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs each stage through the stage cache: open it (fingerprint), then either take its recorded
 * result or run it and record it finished. Only hashes pass through here, so the workflow stays
 * deterministic and its history small.
 */
final class CachedStages {
  private final StageInput in;
  private final StageCache cache;
  private final ActivityStub cachedResults;
  private final Map<Stage, String> outputs = new EnumMap<>(Stage.class);
  private final List<String> cached = new ArrayList<>();

  CachedStages(StageInput in, ActivityOptions options) {
    this.in = in;
    this.cache = Workflow.newActivityStub(StageCache.class, options);
    this.cachedResults = Workflow.newUntypedActivityStub(options);
  }

  /** {@code stage}'s result: recorded when its fingerprint matches a finished run, else {@code body}'s. */
  <T> T run(Stage stage, Class<T> type, Supplier<T> body) {
    List<StageOutputHash> upstream = stage.upstream().stream()
        .map(s -> new StageOutputHash(s, outputs.get(s)))
        .toList();
    StageCheck check = uncancellable(() -> cache.open(in, stage, upstream));
    if (check.cached()) {
      T result = uncancellable(
          () -> cachedResults.execute(StageCache.CACHED_RESULT, type, in, stage));
      outputs.put(stage, check.outputHash());
      cached.add(stage.id());
      return result;
    }
    T result = body.get();
    outputs.put(stage, uncancellable(() -> cache.finish(in, check, result)));
    return result;
  }

  /**
   * A short cache activity, never cancelled by a run's cancel (the next stage start sees that):
   * a cancel racing its completion makes the Java test server reject the workflow task
   * (ACTIVITY_UNKNOWN) and leave the run stuck. The command sequence is the same either way.
   */
  private static <T> T uncancellable(Supplier<T> activity) {
    List<T> out = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> out.add(activity.get())).run();
    return out.get(0);
  }

  /** Ids of the stages served from the cache so far, in run order. */
  List<String> cached() {
    return List.copyOf(cached);
  }
}
