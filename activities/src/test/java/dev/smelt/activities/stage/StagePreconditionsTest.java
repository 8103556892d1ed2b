package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.StageReasonCount;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.tokenize.TokenShardStats;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.FinetuneTask;
import dev.smelt.workflows.stage.PermanentFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What a stage cannot work with fails once, for good, with a message the user can act on. */
class StagePreconditionsTest {
  private static final Path STATS = Path.of("runs/x/data/stats.json");
  private static final FinetuneConfig TASK = new FinetuneConfig("sentiment", List.of("yelp.jsonl"),
      10, 4, 1e-3, 0, 0.0, 16, 0.2, List.of(), 0);

  @TempDir Path dir;

  private static String permanent(Executable stage) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, stage);
    assertEquals(PermanentFailure.TYPE, f.getType());
    assertTrue(f.isNonRetryable());
    return f.getOriginalMessage();
  }

  private static DataStats stats(long read, long kept, List<StageReasonCount> rejects) {
    return new DataStats(read, kept, read - kept, kept * 100, rejects, 1.0, List.of("read"),
        List.of(), List.of());
  }

  @Test
  void corpusFilteredToNothingFailsNamingEachReasonAndTheStatsFile() {
    DataStats s = stats(12, 0, List.of(new StageReasonCount("length", RejectReason.TOO_SHORT, 10, 50),
        new StageReasonCount("dedup", RejectReason.DUPLICATE, 1, 9),
        new StageReasonCount("read", RejectReason.TOO_SHORT, 1, 3)));
    String m = permanent(() -> DataActivity.requireKept(s, List.of("a.jsonl"), STATS));
    assertEquals("every one of the 12 documents read was rejected (TOO_SHORT 11, DUPLICATE 1); "
        + "nothing is left to train a tokenizer on — see " + STATS, m);
  }

  @Test
  void corpusWithNothingReadFailsNamingTheInputs() {
    String m = permanent(() -> DataActivity.requireKept(stats(0, 0, List.of()), List.of("empty/"),
        STATS));
    assertTrue(m.contains("no documents were read from data.inputs [empty/]"), m);
  }

  @Test
  void corpusWithOneKeptDocumentPasses() {
    assertDoesNotThrow(() -> DataActivity.requireKept(stats(12, 1, List.of()), List.of(), STATS));
  }

  @Test
  void shardsShorterThanOneTrainingWindowFailNamingContextLength() {
    assertDoesNotThrow(() -> TokenizerActivity.requireUsableShards(
        new TokenShardStats(1, 33, 1, 5), 32, 0.1));
    String m = permanent(() -> TokenizerActivity.requireUsableShards(
        new TokenShardStats(1, 32, 1, 5), 32, 0.1));
    assertTrue(m.contains("holds 32 tokens (1 documents), fewer than one window of "
        + "model.contextLength + 1 = 33"), m);
  }

  @Test
  void emptyHeldOutSplitFailsNamingValFraction() {
    String m = permanent(() -> TokenizerActivity.requireUsableShards(
        new TokenShardStats(3, 900, 0, 0), 32, 0.1));
    assertTrue(m.contains("held-out split holds 0 tokens") && m.contains("data.valFraction (0.1)"), m);
  }

  private static LabelledText t(String text, int label) {
    return new LabelledText(text, label);
  }

  @Test
  void taskWithOneClassFailsNamingTheLabel() {
    var split = new LabelledTexts.Split(List.of(t("good", 1), t("great", 1)), List.of(t("bad", 0)));
    String m = permanent(() -> TaskSplit.usable(split, TASK));
    assertTrue(m.contains("every one of the 2 training examples of finetune.inputs of task sentiment has label 1"), m);
  }

  @Test
  void taskWithNoExamplesOrAnEmptySplitFails() {
    String none = permanent(() -> TaskSplit.usable(new LabelledTexts.Split(List.of(), List.of()),
        TASK));
    assertTrue(none.contains("hold no labelled examples"), none);
    String noTest = permanent(() -> TaskSplit.usable(
        new LabelledTexts.Split(List.of(t("good", 1), t("bad", 0)), List.of()), TASK));
    assertTrue(noTest.contains("all 2 examples of finetune.inputs of task sentiment fell into the training split "
        + "(finetune.testFraction 0.2)"), noTest);
  }

  @Test
  void taskWithTwoClassesOnBothSidesPasses() {
    var split = new LabelledTexts.Split(List.of(t("good", 1), t("bad", 0)), List.of(t("ok", 1)));
    assertEquals(split, TaskSplit.usable(split, TASK));
  }

  @Test
  void malformedTaskFileFailsNamingFileAndLine() throws Exception {
    Path f = dir.resolve("task.jsonl");
    Files.writeString(f, "{\"text\": \"good\", \"label\": 1}\n{\"text\": 3}\n");
    FinetuneConfig cfg = new FinetuneConfig("t", List.of(f.toString()), 10, 4, 1e-3, 0, 0.0, 16,
        0.2, List.of(), 0);
    String m = permanent(() -> TaskSplit.read(cfg));
    assertTrue(m.startsWith("finetune.inputs of task t: " + f + ":2: expected"), m);
  }

  @Test
  void namedLabelsAreReadAsTheirIndexAndAnUnknownOneFailsNamingTheLabels() throws Exception {
    Path f = dir.resolve("spam.jsonl");
    Files.writeString(f, "{\"text\": \"win cash\", \"label\": \"spam\"}\n"
        + "{\"text\": \"lunch at one\", \"label\": \"ham\"}\n{\"text\": \"hi\", \"label\": 0}\n");
    List<LabelledText> read = LabelledTexts.read(List.of(f), List.of("ham", "spam"));
    assertEquals(List.of(t("win cash", 1), t("lunch at one", 0), t("hi", 0)), read);
    Files.writeString(f, "{\"text\": \"win cash\", \"label\": \"spam\"}\n"
        + "{\"text\": \"hm\", \"label\": \"eggs\"}\n");
    FinetuneConfig cfg = new FinetuneConfig(List.of(new FinetuneTask("spam", List.of(f.toString()),
        List.of("ham", "spam"), 0)), 10, 4, 1e-3, 0, 0.0, 16, 0.2, List.of(), 0);
    String m = permanent(() -> TaskSplit.read(cfg));
    assertTrue(m.startsWith("finetune.inputs of task spam: " + f + ":2: expected {\"text\": string, "
        + "\"label\": one of [ham, spam] or its index 0..1}"), m);
    Files.writeString(f, "{\"text\": \"win cash\", \"label\": 2}\n");
    assertTrue(permanent(() -> TaskSplit.read(cfg)).contains(f + ":1: expected"));
  }
}
