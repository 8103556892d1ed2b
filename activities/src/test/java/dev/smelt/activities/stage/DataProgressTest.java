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
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data stage reports read units recorded of a total known up front, as training reports
 * steps; a large text file is several units, so its progress moves while it is read. Then, while
 * the chain runs over the recorded units, it reports documents of the total those units hold.
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
    boolean filtering = false;
    long lastDone = 0;
    for (TrainingProgress p : seen) {
      assertEquals("data", p.stage());
      if (p.unit().equals(DataActivity.DOCUMENTS)) {
        filtering = true;
        assertEquals(result.read(), p.total(),
            "the documents of the filter phase are known from its first heartbeat on: " + p);
        assertTrue(p.done() >= lastDone && p.done() <= p.total(), "never back, never past: " + p);
        lastDone = p.done();
      } else {
        assertFalse(filtering, "units are read before documents are filtered: " + seen);
        assertEquals("units", p.unit());
        assertEquals(5, p.total(), "the total is known from the first heartbeat on: " + p);
        assertTrue(p.done() <= p.total(), p.toString());
      }
    }
    assertTrue(filtering, "the filter phase reports documents: " + seen);
    TrainingProgress last = seen.get(seen.size() - 1);
    assertEquals(result.read(), last.done(), "every document through the chain at the end");
  }

  @Test
  void theFilterPhaseMovesTheHeartbeatSoStallMinutesSeesItsProgress() {
    AtomicLong now = new AtomicLong();
    long minute = 60_000_000_000L;
    List<TrainingProgress> sent = new CopyOnWriteArrayList<>();
    StageHeartbeat hb = new StageHeartbeat(Stage.DATA, sent::add, 10, now::get, false);
    hb.progress(DataActivity.progress(new DataProgress(1, 1, 0, 0, 1, true, 5, 5, 0, 0)));
    // 9 minutes between reports of a long filter phase: its documents move, the units do not
    for (long docs = 100; docs <= 400; docs += 100) {
      now.addAndGet(9 * minute);
      hb.progress(DataActivity.progress(new DataProgress(1, 1, 400, 0, 1, true, 5, 5, docs, 400)));
      hb.check();
    }
    assertFalse(hb.stalled(), "each documents report is progress");
    TrainingProgress p = sent.get(sent.size() - 1);
    assertEquals(List.of(400L, 400L, DataActivity.DOCUMENTS), List.of(p.done(), p.total(), p.unit()));
    now.addAndGet(10 * minute);
    hb.check();
    assertTrue(hb.stalled(), "10 minutes with the same documents count is a stall");
    Thread.interrupted(); // check() interrupted this thread, the attempt's
    hb.close();
  }

  @Test
  void filesCountedTwiceByARetriedBundleNeverPassTheTotal() {
    TrainingProgress p = DataActivity.progress(new DataProgress(5, 4, 100, 0, 1.0, true, 5, 4, 0, 0));
    assertEquals(4, p.done());
    assertEquals(4, p.total());
    TrainingProgress docs =
        DataActivity.progress(new DataProgress(4, 4, 100, 0, 1.0, true, 4, 4, 130, 100));
    assertEquals(List.of(100L, 100L), List.of(docs.done(), docs.total()));
  }
}
