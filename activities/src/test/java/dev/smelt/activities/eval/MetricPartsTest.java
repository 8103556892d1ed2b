package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.workflows.stage.Contamination;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricPartsTest {
  @TempDir Path dir;
  private final List<TrainingProgress> progress = new ArrayList<>();
  private final AtomicInteger computed = new AtomicInteger();

  private Perplexity.Result perplexity() {
    computed.incrementAndGet();
    return new Perplexity.Result(2.5, Math.exp(2.5), 1000, 8);
  }

  @Test
  void aFinishedMetricIsReusedUnderItsKeyAndRedoneUnderAnother() throws IOException {
    MetricParts first = new MetricParts(dir, 2, progress::add);
    Perplexity.Result a = first.get("heldout_perplexity", "k1", Perplexity.Result.class,
        this::perplexity);
    assertTrue(Files.isRegularFile(dir.resolve("heldout_perplexity.json")));

    MetricParts retry = new MetricParts(dir, 2, progress::add);
    assertEquals(a, retry.get("heldout_perplexity", "k1", Perplexity.Result.class,
        this::perplexity));
    assertEquals(1, computed.get(), "the retry read it back");
    assertEquals(List.of("heldout_perplexity"), retry.reused());

    MetricParts otherModel = new MetricParts(dir, 2, progress::add);
    otherModel.get("heldout_perplexity", "k2", Perplexity.Result.class, this::perplexity);
    assertEquals(2, computed.get(), "a part of other weights or inputs is stale");
    assertEquals(List.of(), otherModel.reused());
    assertEquals(1, progress.get(0).done(), "each metric done is progress");
  }

  @Test
  void aDamagedOrHalfWrittenPartIsComputedAgain() throws IOException {
    Files.writeString(dir.resolve("heldout_perplexity.json"), "{\"key\": \"k1\", \"value\": {\"lo");
    MetricParts parts = new MetricParts(dir, 1, progress::add);
    parts.get("heldout_perplexity", "k1", Perplexity.Result.class, this::perplexity);
    assertEquals(1, computed.get());
    assertEquals(List.of(), parts.reused());
  }

  @Test
  void listsAndNaNsRoundTripAndAFailedMetricLeavesNoPart() throws IOException {
    List<Contamination> sets = List.of(new Contamination("cloze", 8, 10, 1));
    MetricParts parts = new MetricParts(dir, 3, progress::add);
    parts.list("decontamination", "k", Contamination.class, () -> sets);
    Cloze.Result none = new Cloze.Result(Double.NaN, 0, 0);
    parts.get("cloze", "k", Cloze.Result.class, () -> none);
    MetricParts retry = new MetricParts(dir, 3, progress::add);
    assertEquals(sets, retry.list("decontamination", "k", Contamination.class, List::of));
    assertEquals(none, retry.get("cloze", "k", Cloze.Result.class, () -> null));
    assertThrows(IOException.class, () -> retry.get("bias_probe", "k", BiasProbe.Result.class,
        () -> {
          throw new IOException("interrupted");
        }));
    assertTrue(!Files.exists(dir.resolve("bias_probe.json")));
  }
}
