package dev.smelt.activities.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.settings.DataConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.schedule.RunDecision;
import dev.smelt.workflows.schedule.ScheduledRunRequest;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skip when unchanged: the decision over real files, and the run folder a fire makes. */
class ScheduleActivitiesTest {
  @TempDir Path dir;
  private Path runs;
  private Path config;
  private Path corpus;
  private ScheduleActivitiesImpl activities;
  private RunConfig cfg;

  @BeforeEach
  void setUp() throws IOException {
    runs = dir.resolve("runs");
    corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), "alpha");
    config = dir.resolve("nightly.yaml");
    Files.writeString(config, "name: nightly\n");
    cfg = new RunConfig("nightly", 1,
        new DataConfig(List.of(corpus.toString()), 0, 0, 0, null, null, null, null, false),
        null, null, null, null, null);
    activities = new ScheduleActivitiesImpl(runs, new RunConfigFiles() {
      @Override
      public RunConfig load(Path file) {
        if (!Files.exists(file)) {
          throw new IllegalArgumentException("no such file");
        }
        return cfg;
      }

      @Override
      public String toYaml(RunConfig c) {
        return "name: " + c.name() + "\n";
      }
    });
  }

  private RunDecision decide(boolean always) {
    return activities.decide(new ScheduledRunRequest("nightly", config.toString(), always));
  }

  @Test
  void firstRunStartsAndAnUnchangedSecondIsSkippedWithTheRunItMatches() {
    RunDecision first = decide(false);
    assertTrue(first.start());
    assertEquals("first run of the schedule", first.reason());
    activities.recordSuccess("nightly", "nightly-20261201-030000", first.fingerprint());
    RunDecision second = decide(false);
    assertTrue(!second.start());
    assertEquals("config and inputs unchanged since run nightly-20261201-030000 (stage fingerprints)",
        second.reason());
    assertEquals(first.fingerprint(), second.fingerprint());
  }

  @Test
  void alwaysStartsEvenWhenUnchanged() {
    activities.recordSuccess("nightly", "r1", decide(false).fingerprint());
    RunDecision d = decide(true);
    assertTrue(d.start());
    assertTrue(d.reason().contains("--always"), d.reason());
  }

  @Test
  void aTouchedFileIsUnchangedButOneChangedByteANewOrARemovedFileRerunsNamingIt()
      throws IOException {
    activities.recordSuccess("nightly", "r1", decide(false).fingerprint());
    Files.setLastModifiedTime(corpus.resolve("a.txt"), FileTime.fromMillis(1_000_000));
    RunDecision touched = decide(false);
    assertTrue(!touched.start(), "same content, as the stage cache sees it: " + touched.reason());
    Files.writeString(corpus.resolve("a.txt"), "alphb");
    RunDecision oneByte = decide(false);
    assertTrue(oneByte.start());
    assertEquals("changed since run r1: input " + corpus.resolve("a.txt") + " (content)",
        oneByte.reason());
    activities.recordSuccess("nightly", "r2", oneByte.fingerprint());
    Files.writeString(corpus.resolve("b.txt"), "beta");
    assertEquals("changed since run r2: new input " + corpus.resolve("b.txt"), decide(false).reason());
    activities.recordSuccess("nightly", "r3", decide(false).fingerprint());
    Files.delete(corpus.resolve("b.txt"));
    assertEquals("changed since run r3: removed input " + corpus.resolve("b.txt"),
        decide(false).reason());
  }

  @Test
  void aChangedConfigKeyRerunsNamingTheKeyAndBothValues() {
    activities.recordSuccess("nightly", "r1", decide(false).fingerprint());
    cfg = new RunConfig("nightly", 2, cfg.data(), null, null, null, null, null);
    RunDecision d = decide(false);
    assertTrue(d.start());
    assertEquals("changed since run r1: key seed (1 → 2)", d.reason());
  }

  @Test
  void prepareMakesTheRunFolderWithItsConfigInsideTheRunsRoot() throws IOException {
    StageInput in = activities.prepare(new ScheduledRunRequest("nightly", config.toString(), false),
        "nightly-20261201-030000");
    Path folder = runs.resolve("nightly-20261201-030000");
    assertEquals(folder.toString(), in.runDir());
    assertEquals("name: nightly\n", Files.readString(folder.resolve("config.yaml")));
    assertEquals("nightly-20261201-030000", in.runId());
  }

  @Test
  void aMissingConfigOrAHostileScheduleNameIsAPermanentFailure() {
    ApplicationFailure missing = assertThrows(ApplicationFailure.class, () -> activities.decide(
        new ScheduledRunRequest("nightly", dir.resolve("gone.yaml").toString(), false)));
    assertTrue(missing.getOriginalMessage().contains("gone.yaml"), missing.getOriginalMessage());
    assertTrue(missing.isNonRetryable());
    assertThrows(ApplicationFailure.class, () -> activities.recordSuccess("../x", "r", "f"));
    assertThrows(ApplicationFailure.class,
        () -> activities.prepare(new ScheduledRunRequest("n", config.toString(), false), "../escape"));
  }
}
