package dev.smelt.activities.stage;

import dev.smelt.activities.report.ReportWriter;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.nio.file.Path;

/** Writes results.json and report.html into the run folder. */
public class ReportActivity implements StageActivities.Report {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public ReportActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public String write(StageInput input, RunSummary summary) {
    return StageShell.run(Stage.REPORT, input, runsRoot,
        ctx -> ReportWriter.write(ctx.run(), ctx.input().config(), summary).toString());
  }
}
