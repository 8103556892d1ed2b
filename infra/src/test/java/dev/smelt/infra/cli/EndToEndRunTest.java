package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TrainingRun on the tiny corpus, through the CLI: a real Temporal test server in its
 * own process, a worker, Beam on the DirectRunner, DJL training. Then the run folder is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class EndToEndRunTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path runs;
  Path run;
  JsonNode results;

  @BeforeAll
  void runTinyConfigEndToEnd() throws IOException {
    int exit = SmeltCli.execute("run", EXAMPLES.resolve("tiny.yaml").toString(),
        "--run-id", "e2e", "--runs-dir", runs.toString());
    assertEquals(0, exit, "smelt run exit code");
    run = runs.resolve("e2e");
    results = JSON.readTree(run.resolve("results.json").toFile());
  }

  @Test
  void runFolderHoldsEveryArtifactOfTheContract() {
    for (String p : new String[] {"config.yaml", "data/stats.json", "tokenizer/tokenizer.json",
        "pretrain/metrics.jsonl", "pretrain/final/model.safetensors", "pretrain/final/config.json",
        "finetune/sentiment/metrics.jsonl", "eval/results.json", "results.json", "report.html"}) {
      assertTrue(Files.isRegularFile(run.resolve(p)), "missing " + p);
    }
    for (String dir : new String[] {"data/clean", "data/rejects", "data/shards", "data/val",
        "pretrain/checkpoints"}) {
      assertTrue(nonEmpty(run.resolve(dir)), "empty or missing " + dir);
    }
  }

  @Test
  void countsReconcileAndEveryDefectIsRejectedWithItsReason() throws IOException {
    JsonNode data = results.get("data");
    long read = data.get("read").asLong();
    assertEquals(28, read, "24 chapters + 4 deliberately broken records");
    assertEquals(read, data.get("kept").asLong() + data.get("rejected").asLong());
    String reasons = data.get("rejects").toString();
    for (String reason : new String[] {"DUPLICATE", "TOO_SHORT", "INVALID_JSON", "MISSING_TEXT"}) {
      assertTrue(reasons.contains(reason), reason + " not among " + reasons);
    }
    JsonNode stats = JSON.readTree(run.resolve("data/stats.json").toFile());
    assertEquals(read, stats.get("read").asLong());
  }

  @Test
  void pretrainingLossFell() {
    JsonNode p = results.get("pretrain");
    double first = p.get("firstLoss").asDouble();
    double last = p.get("lastLoss").asDouble();
    double val = p.get("valLoss").asDouble();
    // From uniform guessing (ln 600 ≈ 6.4 nats) to well below: perplexity at least 40 % lower,
    // on the last training batch and on held-out text.
    assertTrue(last < first - 0.5, "training loss " + first + " → " + last);
    assertTrue(val < first - 0.5, "validation loss " + val + " against first " + first);
    assertTrue(Double.isFinite(results.get("eval").get("perplexity").asDouble()));
  }

  @Test
  void tokenizerRoundTripsAndLoadsInDjl() throws IOException {
    Path json = run.resolve("tokenizer/tokenizer.json");
    BpeTokenizer ours = BpeTokenizer.load(json);
    String text = "“Emma Woodhouse, handsome,” said she — 1816!\n\tÆsop’s 🦊 fables.  ";
    int[] ids = ours.encode(text);
    assertEquals(text, ours.decode(ids));
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(json,
        Map.of("addSpecialTokens", "false", "truncation", "false"))) {
      Encoding e = hf.encode(text);
      long[] theirs = e.getIds();
      assertEquals(ids.length, theirs.length);
      for (int i = 0; i < ids.length; i++) {
        assertEquals(ids[i], theirs[i], "token " + i);
      }
    }
  }

  @Test
  void reportDrawsFunnelAndLossCurve() throws IOException {
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("Data funnel"));
    assertTrue(html.contains("Corpus bias report") && html.contains("gender_female"),
        "the data stage's bias report is drawn");
    assertTrue(html.contains("data-series=\"train loss\""), "loss curve drawn");
    assertTrue(!html.contains("<script"), "no scripts, no network");
  }

  @Test
  void baselinesScoredOnTheSameSplitWithOrderedIntervals() throws IOException {
    JsonNode r = JSON.readTree(run.resolve("eval/results.json").toFile()).get("results");
    for (String model : new String[] {"sentiment", "sentiment_from_scratch", "sentiment_bow_logreg",
        "sentiment_majority"}) {
      JsonNode m = r.get(model);
      assertTrue(m != null, model + " missing from eval/results.json: " + r.fieldNames());
      double acc = m.get("acc").asDouble();
      assertTrue(m.get("acc_ci95_low").asDouble() <= acc && acc <= m.get("acc_ci95_high").asDouble(),
          model + " interval " + m);
      assertTrue(m.get("f1_ci95_low").asDouble() <= m.get("f1").asDouble()
          && m.get("f1").asDouble() <= m.get("f1_ci95_high").asDouble(), model + " F1 " + m);
      assertTrue(m.get("acc_stderr").asDouble() > 0, model + " stderr");
      assertEquals(r.get("sentiment").get("n").asInt(), m.get("n").asInt(), "same test split");
    }
    assertTrue(r.get("sentiment_bow_logreg").get("acc").asDouble()
        > r.get("sentiment_majority").get("acc").asDouble(), "bag-of-words beats the majority class");
  }

  @Test
  void learningCurveHasEveryModelAtEverySize() throws IOException {
    JsonNode curve = JSON.readTree(run.resolve("eval/results.json").toFile()).get("learning_curve")
        .get("sentiment");
    assertEquals(curve.toString(),
        results.get("baselines").get("tasks").get(0).get("curve").toString());
    java.util.Set<String> points = new java.util.TreeSet<>();
    int all = results.get("finetune").get("tasks").get(0).get("trainExamples").asInt();
    for (JsonNode p : curve) {
      points.add(p.get("model").asText() + "@" + p.get("examples").asInt());
      double acc = p.get("accuracy").asDouble();
      assertTrue(acc >= 0 && acc <= 1, p.toString());
    }
    for (String model : new String[] {"pretrained+finetuned", "from_scratch", "bow_logreg"}) {
      for (int n : new int[] {50, 200, all}) {
        assertTrue(points.contains(model + "@" + n), model + "@" + n + " not in " + points);
      }
    }
  }

  @Test
  void languageModelSuiteBiasAndDecontaminationAreReported() throws IOException {
    JsonNode root = JSON.readTree(run.resolve("eval/results.json").toFile());
    JsonNode r = root.get("results");
    assertTrue(r.get("lambada_heldout").get("n").asInt() > 0, "cloze items");
    assertTrue(Double.isFinite(r.get("ood_lm").get("perplexity").asDouble()), "OOD perplexity");
    JsonNode bias = r.get("bias_probe");
    for (String cat : new String[] {"gender", "religion", "ethnicity", "sexuality", "disability"}) {
      assertTrue(bias.get(cat).get("mean_abs_gap").asDouble() >= 0, cat);
    }
    assertTrue(bias.get("mean_abs_gap").asDouble() > 0, "an untrained-for-fairness model has gaps");
    for (String set : new String[] {"heldout_docs", "cloze", "sentiment_test"}) {
      JsonNode d = root.get("decontamination").get(set);
      assertTrue(d.get("items").asInt() > 0, set);
      double f = d.get("fraction").asDouble();
      assertTrue(f >= 0 && f <= 1, set + " " + d);
    }
    for (String set : new String[] {"sentiment_test", "ood", "bias_probes"}) {
      JsonNode d = root.get("decontamination").get(set);
      assertTrue(d.get("items").asInt() > 0, set);
      assertEquals(0, d.get("contaminated").asInt(), "the data stage decontaminated " + set + ": " + d);
    }
    String html = Files.readString(run.resolve("report.html"));
    for (String s : new String[] {"Learning curve", "Bias probe", "Decontamination", "95 % CI"}) {
      assertTrue(html.contains(s), "report lacks " + s);
    }
  }

  @Test
  void evalCommandRescoresTheRunFolderWithoutTemporal() throws IOException {
    JsonNode before = JSON.readTree(run.resolve("eval/results.json").toFile()).get("results");
    Files.delete(run.resolve("report.html"));
    assertEquals(0, SmeltCli.execute("eval", run.toString()));
    JsonNode after = JSON.readTree(run.resolve("eval/results.json").toFile()).get("results");
    assertEquals(before.get("sentiment").toString(), after.get("sentiment").toString(),
        "the same files give the same numbers");
    assertTrue(Files.isRegularFile(run.resolve("report.html")));
    assertEquals(2, SmeltCli.execute("eval", runs.resolve("no-such-run").toString()));
  }

  @Test
  void reportRendersInHeadlessChromium(@TempDir Path tmp) throws Exception {
    ReportInChromiumTest.check(run.resolve("report.html"), tmp);
  }

  private static boolean nonEmpty(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }
}
