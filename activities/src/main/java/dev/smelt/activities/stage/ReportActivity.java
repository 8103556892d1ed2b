package dev.smelt.activities.stage;

import dev.smelt.activities.report.ReportWriter;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes results.json and report.html into the run folder. */
public class ReportActivity implements StageActivities.Report {
  @Override
  public String write(StageInput input, RunSummary summary) {
    try {
      return ReportWriter.write(RunFolder.of(input.runDir()), input.config(), summary).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of run " + input.runId(), e);
    }
  }
}
