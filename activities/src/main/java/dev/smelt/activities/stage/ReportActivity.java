package dev.smelt.activities.stage;

import dev.smelt.activities.report.ReportWriter;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    try {
      RunFolder run = RunFolder.confined(input.runDir(), runsRoot);
      return ReportWriter.write(run, input.config(), summary).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of run " + input.runId(), e);
    }
  }
}
