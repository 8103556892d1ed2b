package dev.smelt.activities.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.BiasScore;
import dev.smelt.workflows.stage.Contamination;
import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.TaskEval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** eval/results.json: every metric, named like lm-evaluation-harness where a name exists. */
public final class EvalResultsFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();
  private final ObjectNode results = root.putObject("results");

  public EvalResultsFile(String run, RunConfig c) {
    root.putObject("config").put("run", run).put("model", c.model().preset())
        .put("objective", c.pretrain().objective())
        .put("bootstrap_resamples", c.eval().bootstrapResamples()).put("seed", c.seed());
  }

  /** Which fine-tuned classifier was scored (another than the run's own after `smelt eval --model`). */
  public void classifier(Path dir) {
    ((ObjectNode) root.get("config")).put("classifier", dir.toString());
  }

  public void maskedLm(MaskedLmScore.Result m, MaskedLmScore.Pseudo p) {
    results.putObject("heldout_mlm").put("masked_loss", m.loss()).put("masked_acc", m.accuracy())
        .put("masked_tokens", m.selected()).put("pseudo_loss", p.loss())
        .put("pseudo_perplexity", p.pseudoPerplexity()).put("pseudo_tokens", p.tokens())
        .put("windows", p.windows());
  }

  public void write(Path file, EvalResult r, Perplexity.Result ppl, Perplexity.Result ood,
      TextLikelihood heldoutText, TextLikelihood oodText, Map<String, List<CurvePoint>> curves)
      throws IOException {
    bytesAndWords(results.putObject("heldout_lm").put("perplexity", r.perplexity())
        .put("loss", r.valLoss()).put("bits_per_token", r.valLoss() / Math.log(2))
        .put("tokens", ppl.tokens()).put("windows", ppl.windows()), heldoutText);
    bytesAndWords(results.putObject("ood_lm").put("corpus", r.oodCorpus())
        .put("perplexity", ood.perplexity()).put("loss", ood.loss()).put("tokens", ood.tokens())
        .put("windows", ood.windows()), oodText);
    for (ModelScore s : r.tasks().stream().flatMap(t -> t.scores().stream()).toList()) {
      results.putObject(s.model()).put("acc", s.accuracy())
          .put("acc_stderr", s.accuracyStderr())
          .put("acc_ci95_low", s.accuracyLow()).put("acc_ci95_high", s.accuracyHigh())
          .put("f1", s.macroF1()).put("f1_ci95_low", s.macroF1Low())
          .put("f1_ci95_high", s.macroF1High()).put("f1_stderr", s.macroF1Stderr())
          .put("n", s.examples());
    }
    for (TaskEval t : r.tasks()) {
      ((ObjectNode) results.get(t.task())).put("majority_baseline", t.majorityBaseline());
    }
    results.putObject("lambada_heldout").put("acc", r.clozeAccuracy()).put("n", r.clozeItems());
    ObjectNode bias = results.putObject("bias_probe").put("mean_abs_gap", r.biasScore());
    for (BiasScore b : r.bias()) {
      bias.putObject(b.category()).put("mean_abs_gap", b.meanAbsGap()).put("pairs", b.pairs());
    }
    ObjectNode decon = root.putObject("decontamination");
    for (Contamination c : r.contamination()) {
      decon.putObject(c.set()).put("ngram", c.n()).put("items", c.items())
          .put("contaminated", c.contaminated()).put("fraction", c.fraction());
    }
    root.set("learning_curve", JSON.valueToTree(curves)); // by task, in task order: every seed
    ObjectNode summary = root.putObject("learning_curve_summary"); // mean, spread, steps per point
    curves.forEach((task, curve) -> summary.set(task, JSON.valueToTree(CurveSummary.of(curve))));
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), root);
  }

  /** Tokenizer-free measures beside the per-token ones (see {@link TextLikelihood}). */
  private static void bytesAndWords(ObjectNode lm, TextLikelihood t) {
    lm.put("bits_per_byte", t.bitsPerByte()).put("byte_perplexity", t.bytePerplexity())
        .put("word_perplexity", t.wordPerplexity()).put("bytes", t.bytes()).put("words", t.words());
  }
}
