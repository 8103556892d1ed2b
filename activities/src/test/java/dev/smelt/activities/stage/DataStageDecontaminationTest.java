package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.smelt.workflows.config.DataConfig;
import dev.smelt.workflows.config.EvalConfig;
import dev.smelt.workflows.config.FilterSettings;
import dev.smelt.workflows.config.FinetuneConfig;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.stage.Contamination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

  private RunConfig config() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < REVIEWS.size(); i++) {
      lines.add("{\"text\":\"" + REVIEWS.get(i) + "\",\"label\":" + (i % 2) + "}");
    }
    Files.write(tmp.resolve("ft.jsonl"), lines);
    Files.writeString(tmp.resolve("ood.txt"), OOD);
    FilterSettings filters = new FilterSettings(null, null, null, null, null, null, null, null, null,
        new FilterSettings.Decontaminate(13, "drop", 1e-6));
    DataConfig data = new DataConfig(List.of(tmp.resolve("corpus.jsonl").toString()), 0, 1_000_000,
        0.05, "DirectRunner", List.of("jsonl"), List.of("decontaminate"), filters, false, "[local]",
        List.of());
    FinetuneConfig ft = new FinetuneConfig("sentiment", List.of(tmp.resolve("ft.jsonl").toString()),
        1, 1, 0.1, 0, 0, 64, 0.5, List.of(), 0);
    EvalConfig eval = new EvalConfig(0, 100, 0, 13, List.of(tmp.resolve("ood.txt").toString()));
    return new RunConfig("decon", 1, data, null, null, null, ft, eval);
  }
}
