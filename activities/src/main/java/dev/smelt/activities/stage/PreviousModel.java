package dev.smelt.activities.stage;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smelt.activities.eval.MaskedLmScore;
import dev.smelt.activities.eval.Perplexity;
import dev.smelt.activities.eval.TokenDocs;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.pretrain.InitModel;
import dev.smelt.activities.pretrain.WarmStart;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.EvalResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * For a warm-started run, the model it began from scored on this run's evaluation (the same
 * held-out windows, the same test split), beside this run's own scores: {@code eval/previous.json},
 * which the report shows as "compared with the previous model". The previous run's fine-tuned
 * classifier is scored when its folder still has one.
 */
final class PreviousModel {
  static final String FILE = "previous.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PreviousModel() {}

  /** What this run's evaluation scores on. */
  record EvalData(TokenDocs val, LabelledTexts.Split split, BpeTokenizer tokenizer) {}

  /**
   * eval/previous.json.
   *
   * @param perplexity held-out perplexity (pseudo-perplexity for a masked LM) of this run's model
   * @param previousPerplexity the same of the model it warm-started from
   * @param accuracy this run's fine-tuned accuracy on the task's test split
   * @param previousAccuracy the previous run's fine-tuned classifier on the same split (NaN when
   *     that run has none left)
   */
  record Comparison(String previousRun, String initFrom, boolean pseudo, double perplexity,
      double previousPerplexity, String task, double accuracy, double previousAccuracy,
      int testExamples) {}

  /** Writes eval/previous.json when {@code run} was warm-started; nothing otherwise. */
  static Optional<Comparison> compare(RunFolder run, RunConfig c, EvalResult now, EvalData data,
      NDManager root) throws IOException {
    Optional<InitModel> init = WarmStart.resolve(run, c.pretrain());
    if (init.isEmpty()) {
      return Optional.empty();
    }
    double previousPerplexity;
    boolean pseudo;
    try (Gpt lm = GptFiles.read(init.get().dir(), root).gpt()) {
      pseudo = lm.bidirectional();
      previousPerplexity = pseudo
          ? MaskedLmScore.pseudoPerplexity(lm, data.val(), RunEvaluation.BATCH,
              RunEvaluation.PSEUDO_WINDOWS).pseudoPerplexity()
          : Perplexity.evaluate(lm, data.val(), RunEvaluation.BATCH, c.eval().maxValSequences())
              .perplexity();
    }
    Path classifier = init.get().dir().getParent().getParent()
        .resolve("finetune").resolve(c.finetune().task()).resolve("final");
    double previousAccuracy = Double.NaN;
    if (Files.isDirectory(classifier)) {
      int[] gold = data.split().test().stream().mapToInt(LabelledText::label).toArray();
      previousAccuracy = RunEvaluation.score("previous", RunEvaluation.classify(classifier,
          data.split(), c.finetune().perTask().get(0), data.tokenizer(), root), gold, 1, c.seed()).accuracy();
    }
    Comparison out = new Comparison(init.get().runId(), init.get().recorded(), pseudo,
        now.perplexity(), previousPerplexity, now.headline().task(), now.headline().accuracy(),
        previousAccuracy, now.headline().testExamples());
    Files.createDirectories(run.eval());
    JSON.writeValue(run.eval().resolve(FILE).toFile(), out);
    return Optional.of(out);
  }
}
