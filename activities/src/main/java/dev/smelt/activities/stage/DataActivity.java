package dev.smelt.activities.stage;

import dev.smelt.activities.metrics.StageMetrics;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.data.DataProgress;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.StageReasonCount;
import dev.smelt.pipeline.data.StatsJson;
import dev.smelt.pipeline.read.UnitManifest;
import dev.smelt.settings.DataConfig;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.ReasonCount;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs the Beam data pipeline: raw corpora → data/clean, data/rejects, data/stats.json. */
public class DataActivity implements StageActivities.Data {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public DataActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public DataResult prepare(StageInput in) {
    return StageShell.run(Stage.DATA, in, runsRoot, DataActivity::prepare);
  }

  /** The stage body: runs the pipeline into the run's data folder. */
  static DataResult prepare(StageShell.StageContext ctx) {
    RunFolder run = ctx.run();
    DataConfig d = ctx.input().config().data();
    long t0 = System.nanoTime();
    // A retried attempt keeps the read units an earlier one recorded (the pipeline verifies
    // them); every other output of a half-finished attempt is replaced.
    RunFiles.deleteAllBut(run, run.data(), List.of(UnitManifest.UNITS_FOLDER, UnitManifest.FILE));
    DataStats stats = DataStage.run(ctx.input().config(), run.data(), List.of(),
        p -> {
          if (p.counting()) {
            StageMetrics.documents(Stage.DATA.id(), p.documentsRead(), p.rejected(), p.seconds());
          }
          ctx.progress().accept(progress(p));
        });
    StageMetrics.documents(Stage.DATA.id(), stats.read(), stats.rejected(),
        (System.nanoTime() - t0) / 1e9);
    requireKept(stats, d.inputs(), run.data().resolve(StatsJson.FILE));
    List<ReasonCount> rejects = stats.rejects().stream()
        .map(r -> new ReasonCount(r.stage(), r.reason().name(), r.documents(), r.bytes()))
        .toList();
    return new DataResult(stats.read(), stats.kept(), stats.rejected(), stats.keptBytes(), rejects,
        (System.nanoTime() - t0) / 1e9);
  }

  /** What the data stage's progress counts once its units are read. */
  static final String DOCUMENTS = "documents";

  /**
   * While reading, read units recorded of those listed up front (a large text file is several);
   * then, while ids, cleaning, filters and dedup run over the recorded units, documents through
   * them of those the units hold. So one progress line shows a percentage and an ETA in both
   * phases, and the heartbeat changes while either makes progress (stallMinutes). Capped at the
   * total, as a runner may count retried work twice.
   */
  static TrainingProgress progress(DataProgress p) {
    if (p.filtering()) {
      return Stage.DATA.progress(Math.min(p.documentsDone(), p.documentsTotal()),
          p.documentsTotal(), DOCUMENTS);
    }
    return Stage.DATA.progress(Math.min(p.unitsDone(), p.unitsTotal()), p.unitsTotal());
  }

  /** A corpus that filters down to nothing fails for good: a retry would reject it again. */
  static void requireKept(DataStats stats, List<String> inputs, Path statsFile) {
    if (stats.kept() > 0) {
      return;
    }
    if (stats.read() == 0) {
      throw PermanentFailure.of("no documents were read from data.inputs " + inputs
          + "; check the paths, and that data.readers covers their formats");
    }
    Map<String, Long> byReason = stats.rejects().stream().collect(Collectors.groupingBy(
        r -> r.reason().name(), LinkedHashMap::new,
        Collectors.summingLong(StageReasonCount::documents)));
    String reasons = byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    throw PermanentFailure.of("every one of the " + stats.read() + " documents read was rejected ("
        + reasons + "); nothing is left to train a tokenizer on — see " + statsFile);
  }
}
