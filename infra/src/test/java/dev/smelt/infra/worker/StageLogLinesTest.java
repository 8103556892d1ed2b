package dev.smelt.infra.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.stage.DataActivity;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * A line logged by a stage's work carries its run id and stage, through the worker's own logging
 * configuration (logback.xml): the real data stage activity, in Temporal's activity test
 * environment, run twice over one run folder so the second attempt logs what it reuses.
 */
class StageLogLinesTest {
  @TempDir Path dir;

  @Test
  void aRetriedDataStageLogsItsResumeLineTaggedWithRunAndStage() throws Exception {
    RunConfig cfg = ConfigLoader.load(StageCachingRunTest.EXAMPLES.resolve("tiny.yaml"));
    Path runs = dir.resolve("runs");
    Path runDir = Files.createDirectories(runs.resolve("r7"));
    StageInput in = new StageInput("r7", runDir.toString(), cfg);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new DataActivity(runs));
      StageActivities.Data data = env.newActivityStub(StageActivities.Data.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5)).build());
      data.prepare(in);
      data.prepare(in); // every read unit is recorded now: this attempt says it reuses them
    } finally {
      env.close();
      System.setErr(old);
    }
    List<String> resume = err.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("read units recorded")).toList();
    assertEquals(1, resume.size(), err.toString(StandardCharsets.UTF_8));
    assertTrue(resume.get(0).matches(
        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[r7/data] ResumePlan - data: \\d+ of \\d+ read units "
            + "recorded .*"), resume.get(0));
    assertEquals(null, MDC.get("run"), "the caller's thread keeps no tag");
  }
}
