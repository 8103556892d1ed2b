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
    StageCheck check = cache.open(in, stage, upstream);
    if (check.cached()) {
      T result = cachedResults.execute(StageCache.CACHED_RESULT, type, in, stage);
      outputs.put(stage, check.outputHash());
      cached.add(stage.id());
      return result;
    }
    T result = body.get();
    outputs.put(stage, cache.finish(in, check, result));
    return result;
  }

  /** Ids of the stages served from the cache so far, in run order. */
  List<String> cached() {
    return List.copyOf(cached);
  }
}
