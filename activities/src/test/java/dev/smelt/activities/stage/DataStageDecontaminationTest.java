package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.eval.Cloze;
import dev.smelt.activities.eval.EvalSets;
import dev.smelt.activities.eval.NgramOverlap;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.pipeline.data.CleanDocs;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.RejectedDocs;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.tokenize.SplitByHash;
import dev.smelt.settings.DataConfig;
import dev.smelt.settings.EvalConfig;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.FinetuneTask;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.filter.DecontaminateSettings;
import dev.smelt.settings.filter.FilterSettings;
import dev.smelt.workflows.stage.Contamination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data stage drops what overlaps the run's evaluation sets; the overlap check then finds none. */
class DataStageDecontaminationTest {
  static final String PROSE = "She walked to the village in the rain and thought of nothing at all. ";
  static final String OOD = "The committee met on a grey morning in March to discuss the drainage of "
      + "the lower fields and the price of coal.";
  static final List<String> REVIEWS = List.of(
      "The battery died after two days and support never answered.",
      "I loved every minute of this film and would watch it again.",
      "The food was cold, the waiter was rude, and the bill was wrong.",
      "Great sound, comfortable fit, and the case feels very solid too.",
      "This is the worst phone I have ever owned, avoid it at all costs.",
      "A charming little place with friendly staff and fresh bread daily.",
      "The plot made no sense and the acting was painfully wooden throughout.",
      "Arrived quickly, works as described, and the price was very fair.");

  @TempDir Path tmp;

  @Test
  void dropsDocumentsOverlappingEvalSetsAndTheOverlapCheckThenReportsZero() throws IOException {
    RunConfig c = config();
    String testSentence = LabelledTexts.split(LabelledTexts.read(List.of(tmp.resolve("ft.jsonl"))), 0.5)
        .test().get(0).text();
    Map<String, String> corpus = new TreeMap<>(Map.of(
        "clean", PROSE + PROSE,
        "test", PROSE + "Someone wrote: " + testSentence.toUpperCase() + " " + PROSE,
        "probe", PROSE + "And then the lady was admired by the whole town. " + PROSE,
        "ood", PROSE + "Minutes: committee met on a grey morning in March to discuss the drainage of the "
            + "lower fields. " + PROSE,
        "near", PROSE + "committee met on a grey morning in March to discuss the drainage. " + PROSE));
    Files.writeString(tmp.resolve("corpus.jsonl"), corpus.entrySet().stream()
        .map(e -> "{\"id\":\"" + e.getKey() + "\",\"text\":\"" + e.getValue() + "\"}")
        .collect(Collectors.joining("\n")) + "\n");
    List<EvalSet> sets = EvalSets.beforeSplit(c);

    List<Contamination> before = NgramOverlap.check(List.copyOf(corpus.values()), 13, sets);
    DataStats stats = DataStage.run(c, tmp.resolve("data"), List.of(), p -> {});
    List<String> kept = CleanDocs.read(tmp.resolve("data")).stream().map(Doc::text).toList();
    List<Contamination> after = NgramOverlap.check(kept, 13, sets);

    assertEquals(List.of(1, 1, 1), before.stream().map(Contamination::contaminated).toList(),
        "each set is hit once before: " + before);
    assertEquals(List.of(0, 0, 0), after.stream().map(Contamination::contaminated).toList(),
        after.toString());
    assertEquals(List.of("sentiment_test", "ood", "bias_probes"), after.stream().map(Contamination::set).toList());
    assertEquals(List.of(8, 13, 8), after.stream().map(Contamination::n).toList());
    assertEquals(3, stats.rejectedFor("decontaminate", RejectReason.CONTAMINATED));
    assertEquals(5, stats.read());
    assertEquals(stats.read(), stats.kept() + stats.rejected());
    Map<String, String> detail = RejectedDocs.read(tmp.resolve("data")).stream()
        .collect(Collectors.toMap(r -> r.doc().docId(), Rejected::detail));
    assertEquals(List.of("ood", "probe", "test"), List.copyOf(new TreeMap<>(detail).keySet()));
    assertTrue(detail.get("probe").endsWith("with bias_probes"), detail.toString());
    assertTrue(kept.stream().anyMatch(t -> t.contains("the drainage. ")), "the 12-word overlap is kept");
  }

  @Test
  void dropsTrainDocumentsOverlappingHeldOutOnesSoTheHeldOutAndClozeChecksReportZero()
      throws IOException {
    SplitByHash half = new SplitByHash(0.5);
    String story = "The old mill by the river turned slowly through the long cold winter nights while "
        + "the miller slept. He dreamed of summer fields and golden wheat under a wide blue sky. ";
    Map<String, String> corpus = new TreeMap<>(Map.of(
        id("val", true), story + PROSE,
        id("thirteen", false),
            "Someone said the old mill by the river turned slowly through the long cold winter, or so.",
        id("twelve", false),
            "Someone said the old mill by the river turned slowly through the long cold, or so.",
        id("other", false), "A note on apples, pears and plums sold at the autumn market of a small town."));
    Files.writeString(tmp.resolve("corpus.jsonl"), corpus.entrySet().stream()
        .map(e -> "{\"id\":\"" + e.getKey() + "\",\"text\":\"" + e.getValue() + "\"}")
        .collect(Collectors.joining("\n")) + "\n");

    RunConfig c = config(0.5);
    List<Contamination> before = heldOutOverlap(corpus, half);
    DataStats stats = DataStage.run(c, tmp.resolve("data"), List.of(), p -> {});
    Map<String, String> kept = CleanDocs.read(tmp.resolve("data")).stream()
        .collect(Collectors.toMap(Doc::docId, Doc::text));
    List<Contamination> after = heldOutOverlap(kept, half);

    // Cloze contexts run from the document's start, so every item holds the shared sentence.
    assertEquals(List.of(1, 3), before.stream().map(Contamination::contaminated).toList(), before.toString());
    assertEquals(List.of(0, 0), after.stream().map(Contamination::contaminated).toList(), after.toString());
    assertEquals(List.of("heldout_docs", "cloze"), after.stream().map(Contamination::set).toList());
    assertEquals(1, stats.rejectedFor("decontaminate", RejectReason.CONTAMINATED));
    assertEquals(stats.read(), stats.kept() + stats.rejected());
    Rejected dropped = RejectedDocs.read(tmp.resolve("data")).get(0);
    assertEquals(id("thirteen", false), dropped.doc().docId());
    assertTrue(dropped.detail().endsWith("with heldout_docs"), dropped.detail());
    assertTrue(kept.containsKey(id("twelve", false)), "12 shared words are kept");
  }

  @Test
  void dropsDocumentsOverlappingAnyTasksTestSplitNamingTheTask() throws IOException {
    List<String> mails = List.of(
        "Subject: Re: the build is broken again on the main branch since last night",
        "Subject: You have WON a free cruise, claim your prize now by replying today",
        "Subject: minutes of the meeting about the new office printers and the coffee",
        "Subject: Cheap pills, no prescription needed, discreet shipping worldwide, order now");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < mails.size(); i++) {
      lines.add("{\"text\":\"" + mails.get(i) + "\",\"label\":\"" + (i % 2 == 0 ? "ham" : "spam")
          + "\"}");
    }
    Files.write(tmp.resolve("spam.jsonl"), lines);
    RunConfig one = config();
    FinetuneConfig two = new FinetuneConfig(List.of(one.finetune().tasks().get(0),
        new FinetuneTask("spam", List.of(tmp.resolve("spam.jsonl").toString()),
            List.of("ham", "spam"), 0)), 1, 1, 0.1, 0, 0, 64, 0.5, List.of(), 0);
    RunConfig c = new RunConfig("decon", 1, one.data(), null, null, null, two, one.eval());
    String spamTest = LabelledTexts.split(LabelledTexts.read(List.of(tmp.resolve("spam.jsonl")),
        List.of("ham", "spam")), 0.5).test().get(0).text();
    // the two documents share no 13-gram, so neither is dropped for the other being held out
    Files.writeString(tmp.resolve("corpus.jsonl"), "{\"id\":\"clean\",\"text\":\"" + PROSE + PROSE
        + "\"}\n{\"id\":\"mail\",\"text\":\"" + "A letter came for the tailor on Tuesday, and he read it twice by the fire. Forwarded: "
        + spamTest + "\"}\n");

    List<EvalSet> sets = EvalSets.beforeSplit(c);
    assertEquals(List.of("sentiment_test", "spam_test", "ood", "bias_probes"),
        sets.stream().map(EvalSet::name).toList());
    DataStats stats = DataStage.run(c, tmp.resolve("data"), List.of(), p -> {});
    assertEquals(1, stats.rejectedFor("decontaminate", RejectReason.CONTAMINATED));
    Rejected dropped = RejectedDocs.read(tmp.resolve("data")).get(0);
    assertEquals("mail", dropped.doc().docId());
    assertTrue(dropped.detail().endsWith("with spam_test"), dropped.detail());
  }

  /** The first id prefix-N that a half split holds out (or trains on). */
  private static String id(String prefix, boolean heldOut) {
    SplitByHash half = new SplitByHash(0.5);
    return IntStream.range(0, 1000).mapToObj(i -> prefix + "-" + i)
        .filter(id -> half.isValidation(id) == heldOut).findFirst().orElseThrow();
  }

  /** The evaluation's check of held-out documents and cloze items against the train documents. */
  private static List<Contamination> heldOutOverlap(Map<String, String> docs, SplitByHash split) {
    List<String> val = new ArrayList<>();
    List<String> train = new ArrayList<>();
    docs.forEach((id, text) -> (split.isValidation(id) ? val : train).add(text));
    return NgramOverlap.check(train, 13, EvalSets.afterSplit(val, Cloze.items(val, 200)));
  }

  private RunConfig config() throws IOException {
    return config(0.05);
  }

  private RunConfig config(double valFraction) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < REVIEWS.size(); i++) {
      lines.add("{\"text\":\"" + REVIEWS.get(i) + "\",\"label\":" + (i % 2) + "}");
    }
    Files.write(tmp.resolve("ft.jsonl"), lines);
    Files.writeString(tmp.resolve("ood.txt"), OOD);
    FilterSettings filters = new FilterSettings(null, null, null, null, null, null, null, null, null,
        DecontaminateSettings.PUBLISHED);
    DataConfig data = new DataConfig(List.of(tmp.resolve("corpus.jsonl").toString()), 0, 1_000_000,
        valFraction, "DirectRunner", List.of("jsonl"), List.of("decontaminate"), filters, false);
    FinetuneConfig ft = new FinetuneConfig("sentiment", List.of(tmp.resolve("ft.jsonl").toString()),
        1, 1, 0.1, 0, 0, 64, 0.5, List.of(), 0);
    EvalConfig eval = new EvalConfig(0, 100, 0, 13, List.of(tmp.resolve("ood.txt").toString()));
    return new RunConfig("decon", 1, data, null, null, null, ft, eval);
  }
}
