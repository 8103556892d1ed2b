package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.data.DataProgress;
import dev.smelt.workflows.config.DataConfig;
import dev.smelt.workflows.config.FilterSettings;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data stage reports input files read of a total known up front, as training reports steps. */
class DataProgressTest {
  @TempDir Path tmp;

  @Test
  void dataStageBodyReportsFilesReadOfTheFilesListedUpFront() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(corpus.resolve("part-" + i + ".jsonl"),
          "{\"id\":\"d" + i + "\",\"text\":\"Document number " + i + " of the corpus.\"}\n");
    }
    FilterSettings none = new FilterSettings(null, null, null, null, null, null, null, null, null, null);
    RunConfig c = new RunConfig("progress", 1, new DataConfig(List.of(corpus.toString()), 0,
        1_000_000, 0.05, "DirectRunner", List.of("jsonl"), List.of("length"), none, false, "[local]", List.of()),
        null, null, null, null, null);
    Path runDir = Files.createDirectories(tmp.resolve("runs/r"));
    List<TrainingProgress> seen = new CopyOnWriteArrayList<>();

    DataResult result = DataActivity.prepare(new StageShell.StageContext(new RunFolder(runDir),
        new StageInput("r", runDir.toString(), c), Optional.empty(), seen::add));

    assertEquals(3, result.read());
    assertFalse(seen.isEmpty());
    for (TrainingProgress p : seen) {
      assertEquals("data", p.stage());
      assertEquals("files", p.unit());
      assertEquals(3, p.total(), "the total is known from the first heartbeat on: " + p);
      assertTrue(p.done() <= p.total(), p.toString());
    }
    assertEquals(3, seen.get(seen.size() - 1).done(), "all files read at the end");
  }

  @Test
  void filesCountedTwiceByARetriedBundleNeverPassTheTotal() {
    TrainingProgress p = DataActivity.progress(new DataProgress(5, 4, 100, 0, 1.0));
    assertEquals(4, p.done());
    assertEquals(4, p.total());
  }
}
