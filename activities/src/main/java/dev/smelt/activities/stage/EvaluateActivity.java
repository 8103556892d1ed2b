package dev.smelt.activities.stage;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.activities.eval.MaskedLmScore;
import dev.smelt.activities.eval.Perplexity;
import dev.smelt.activities.finetune.Classifier;
import dev.smelt.activities.finetune.ClassifierInputs;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.workflows.config.FinetuneConfig;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores the saved models on held-out data, from their files alone: the pre-trained model's
 * perplexity on the validation shards, the fine-tuned classifier's accuracy on the test split.
 * Writes eval/results.json with lm-evaluation-harness style names.
 */
public class EvaluateActivity implements StageActivities.Evaluate {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int BATCH = 16;

  @Override
  public EvalResult evaluate(StageInput in) {
    RunFolder run = RunFolder.of(in.runDir());
    RunConfig c = in.config();
    FinetuneConfig f = c.finetune();
    long t0 = System.nanoTime();
    try (StageHeartbeat hb = StageHeartbeat.start("evaluate", "steps");
        NDManager root = NDManager.newBaseManager()) {
      Perplexity.Result ppl;
      ObjectNode mlm = null;
      try (Gpt lm = GptFiles.read(run.pretrain().resolve("final"), root).gpt()) {
        if (lm.bidirectional()) { // a masked LM: next-token perplexity means nothing for it
          mlm = maskedScores(lm, ShardData.val(run), c);
          ppl = new Perplexity.Result(mlm.get("pseudo_loss").asDouble(),
              mlm.get("pseudo_perplexity").asDouble(), mlm.get("pseudo_tokens").asLong(),
              mlm.get("windows").asInt());
        } else {
          ppl = Perplexity.evaluate(lm, ShardData.val(run), BATCH, c.eval().maxValSequences());
        }
      }
      hb.progress(new TrainingProgress("evaluate", 1, 2, "steps", ppl.loss(), null, Double.NaN));
      LabelledTexts.Split split = LabelledTexts.split(
          LabelledTexts.read(f.inputs().stream().map(Path::of).toList()), f.testFraction());
      double accuracy;
      try (Classifier clf = Classifier.load(run.finetune(f.task()).resolve("final"), root)) {
        BpeTokenizer tokenizer = ShardData.tokenizer(run);
        int length = Math.min(f.maxLength(), clf.contextLength());
        List<int[]> encoded = split.test().stream()
            .map(t -> ClassifierInputs.encode(tokenizer::encode, t.text(), length))
            .toList();
        accuracy = Finetuner.accuracy(clf, encoded, split.test(), f);
      }
      double majority = majorityBaseline(split);
      hb.progress(new TrainingProgress("evaluate", 2, 2, "steps", Double.NaN, null, Double.NaN));
      EvalResult result = new EvalResult(ppl.loss(), ppl.perplexity(), ppl.tokens(), f.task(),
          accuracy, split.test().size(), majority, (System.nanoTime() - t0) / 1e9);
      write(run, c, result, ppl, mlm);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("evaluation of run " + in.runId() + " failed", e);
    }
  }

  /** Accuracy on the test split of always answering the training split's most common label. */
  static double majorityBaseline(LabelledTexts.Split split) {
    int classes = 1 + split.train().stream().mapToInt(LabelledText::label).max().orElse(0);
    int[] counts = new int[classes];
    split.train().forEach(t -> counts[t.label()]++);
    int majority = 0;
    for (int k = 1; k < classes; k++) {
      majority = counts[k] > counts[majority] ? k : majority;
    }
    final int m = majority;
    long right = split.test().stream().filter(t -> t.label() == m).count();
    return split.test().isEmpty() ? Double.NaN : (double) right / split.test().size();
  }

  /** Windows scored for pseudo-perplexity: it costs one forward pass per token. */
  private static final int PSEUDO_WINDOWS = 16;

  private static ObjectNode maskedScores(Gpt lm, List<int[]> val, RunConfig c) {
    MaskedLmScore.Result m = MaskedLmScore.evaluate(lm, val, BATCH, c.eval().maxValSequences(),
        c.pretrain().maskProbability());
    MaskedLmScore.Pseudo p = MaskedLmScore.pseudoPerplexity(lm, val, BATCH, PSEUDO_WINDOWS);
    return JSON.createObjectNode().put("masked_loss", m.loss()).put("masked_acc", m.accuracy())
        .put("masked_tokens", m.selected()).put("pseudo_loss", p.loss())
        .put("pseudo_perplexity", p.pseudoPerplexity()).put("pseudo_tokens", p.tokens())
        .put("windows", p.windows());
  }

  private static void write(RunFolder run, RunConfig c, EvalResult r, Perplexity.Result ppl,
      ObjectNode mlm) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode results = root.putObject("results");
    if (mlm != null) {
      results.set("heldout_mlm", mlm);
    }
    results.putObject("heldout_lm")
        .put("perplexity", r.perplexity())
        .put("loss", r.valLoss())
        .put("bits_per_token", r.valLoss() / Math.log(2))
        .put("tokens", ppl.tokens())
        .put("windows", ppl.windows());
    results.putObject(r.task())
        .put("acc", r.accuracy())
        .put("majority_baseline", r.majorityBaseline())
        .put("n", r.testExamples());
    root.putObject("config").put("run", run.root().getFileName().toString())
        .put("model", c.model().preset()).put("objective", c.pretrain().objective());
    Files.createDirectories(run.eval());
    JSON.writeValue(run.eval().resolve("results.json").toFile(), root);
  }
}
