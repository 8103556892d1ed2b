package dev.smelt.activities.stage;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.workflows.config.DataConfig;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.ReasonCount;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import java.nio.file.Path;
import java.util.List;

/** Runs the Beam data pipeline: raw corpora → data/clean, data/rejects, data/stats.json. */
public class DataActivity implements StageActivities.Data {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public DataActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public DataResult prepare(StageInput in) {
    RunFolder run = RunFolder.confined(in.runDir(), runsRoot);
    DataConfig d = in.config().data();
    long t0 = System.nanoTime();
    // A retried attempt starts over: the outputs of a half-finished attempt are replaced.
    RunFiles.deleteRecursively(run, run.data());
    DataStats stats;
    try (StageHeartbeat hb = StageHeartbeat.start("data", "docs")) {
      stats = DataStage.run(d, run.data(), List.of(),
          p -> hb.progress(new TrainingProgress("data", p.documentsRead(), 0, "docs", Double.NaN, null, Double.NaN)));
    }
    List<ReasonCount> rejects = stats.rejects().stream()
        .map(r -> new ReasonCount(r.stage(), r.reason().name(), r.documents(), r.bytes()))
        .toList();
    return new DataResult(stats.read(), stats.kept(), stats.rejected(), stats.keptBytes(), rejects,
        (System.nanoTime() - t0) / 1e9);
  }
}
