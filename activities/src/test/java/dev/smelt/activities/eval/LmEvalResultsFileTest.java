package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.TaskEval;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmEvalResultsFileTest {
  @Test
  void accStderrIsLmEvalsSampleStandardErrorOfTheMean() {
    // 0/1 outcomes 1,1,0,0: sample sd sqrt(1/3), over sqrt(4) -> sqrt(0.25 / 3).
    assertEquals(Math.sqrt(0.25 / 3), LmEvalResultsFile.meanStderr(0.5, 4), 1e-12);
    assertTrue(Double.isNaN(LmEvalResultsFile.meanStderr(1.0, 1)));
  }

  @Test
  void writesEveryTasksMetricsUnderLmEvalKeyNames(@TempDir Path dir) throws Exception {
    ModelScore s = new ModelScore("sentiment", 0.75, 0.7, 0.8, 0.02, 0.74, 0.69, 0.79, 0.021, 300);
    ModelScore spam = new ModelScore("spam", 0.9, 0.85, 0.95, 0.03, 0.88, 0.8, 0.93, 0.03, 120);
    ModelScore spamBow = new ModelScore("spam_bow_logreg", 0.8, 0.7, 0.9, 0.04, 0.79, 0.7, 0.88,
        0.04, 120);
    EvalResult r = new EvalResult(3.0, 20.0, 1.2, 1000, List.of(
        new TaskEval("sentiment", 0.75, 300, 0.5, List.of(s)),
        new TaskEval("spam", 0.9, 120, 0.5, List.of(spam, spamBow))), 0.25, 40, List.of(), 0.1, List.of(), "yelp.jsonl", 30.0, Double.NaN, 1.0);
    TextLikelihood heldout = new TextLikelihood(3 * Math.log(2), 2, 3, 1, 1, 4);
    Path file = dir.resolve("eval/lm_eval_results.json");
    LmEvalResultsFile.write(file, new LmEvalResultsFile.Setup("r1", dir.resolve("final"),
        "custom", "causal", 1000, 7), r, heldout, TextLikelihood.none());
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode task = root.path("results").path("sentiment");
    assertEquals(0.75, task.path("acc,none").asDouble());
    assertEquals(Math.sqrt(0.75 * 0.25 / 299), task.path("acc_stderr,none").asDouble(), 1e-12);
    assertEquals(0.74, task.path("f1,none").asDouble());
    assertEquals(0.021, task.path("f1_stderr,none").asDouble());
    JsonNode lm = root.path("results").path("heldout_lm");
    assertEquals(1.0, lm.path("bits_per_byte,none").asDouble(), 1e-12);
    assertEquals(2.0, lm.path("byte_perplexity,none").asDouble(), 1e-12);
    assertEquals(8.0, lm.path("word_perplexity,none").asDouble(), 1e-12);
    assertEquals("N/A", lm.path("bits_per_byte_stderr,none").asText());
    assertFalse(root.path("results").has("ood_lm"), "a text that was not scored is left out");
    assertEquals(300, root.path("n-samples").path("sentiment").path("effective").asInt());
    assertEquals(4, root.path("n-samples").path("heldout_lm").path("original").asInt());
    assertEquals(1, root.path("n-samples").path("heldout_lm").path("effective").asInt(),
        "the window cap scored one of four documents");
    assertEquals(40, root.path("n-samples").path("lambada_heldout").path("original").asInt());
    assertFalse(root.path("higher_is_better").path("heldout_lm").path("bits_per_byte").asBoolean());
    assertEquals("loglikelihood_rolling",
        root.path("configs").path("heldout_lm").path("output_type").asText());
    assertTrue(root.path("versions").has("sentiment"));
    assertEquals(0.9, root.path("results").path("spam").path("acc,none").asDouble());
    assertEquals(0.79, root.path("results").path("spam_bow_logreg").path("f1,none").asDouble());
    assertEquals("test split of spam",
        root.path("configs").path("spam_bow_logreg").path("description").asText());
    assertEquals(120, root.path("n-samples").path("spam").path("effective").asInt());
    assertEquals("smelt", root.path("config").path("model").asText());
  }
}
