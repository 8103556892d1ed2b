package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.data.DataProgress;
import dev.smelt.settings.DataConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.filter.FilterSettings;
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

/**
 * The data stage reports read units recorded of a total known up front, as training reports
 * steps; a large text file is several units, so its progress moves while it is read.
 */
class DataProgressTest {
  @TempDir Path tmp;

  @Test
  void dataStageBodyReportsUnitsReadOfTheUnitsListedUpFront() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      text.append("Line ").append(i).append(" of one long text, with enough words in it.\n\n");
    }
    Files.writeString(corpus.resolve("book.txt"), text);
    FilterSettings none = new FilterSettings(null, null, null, null, null, null, null, null, null, null);
    // 64-byte pieces, 8 to a unit: the 2,070-byte book is 33 pieces, 5 units.
    RunConfig c = new RunConfig("progress", 1, new DataConfig(List.of(corpus.toString()), 0,
        1_000_000, 0.05, "DirectRunner", List.of("text"), List.of("length"), none, false, 64,
        "[local]", List.of()), null, null, null, null, null);
    Path runDir = Files.createDirectories(tmp.resolve("runs/r"));
    List<TrainingProgress> seen = new CopyOnWriteArrayList<>();

    DataResult result = DataActivity.prepare(new StageShell.StageContext(new RunFolder(runDir),
        new StageInput("r", runDir.toString(), c), Optional.empty(), seen::add));

    assertTrue(result.read() > 5, "the book is read in pieces: " + result.read());
    assertFalse(seen.isEmpty());
    for (TrainingProgress p : seen) {
      assertEquals("data", p.stage());
      assertEquals("units", p.unit());
      assertEquals(5, p.total(), "the total is known from the first heartbeat on: " + p);
      assertTrue(p.done() <= p.total(), p.toString());
    }
    assertEquals(5, seen.get(seen.size() - 1).done(), "all units read at the end");
  }

  @Test
  void filesCountedTwiceByARetriedBundleNeverPassTheTotal() {
    TrainingProgress p = DataActivity.progress(new DataProgress(5, 4, 100, 0, 1.0, true, 5, 4));
    assertEquals(4, p.done());
    assertEquals(4, p.total());
  }
}
