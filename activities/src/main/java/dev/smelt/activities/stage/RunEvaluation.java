package dev.smelt.activities.stage;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.baseline.BagOfWords;
import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.activities.checkpoint.KeyedResult;
import dev.smelt.activities.checkpoint.TrainingDataHashes;
import dev.smelt.activities.eval.BiasProbe;
import dev.smelt.activities.eval.Bootstrap;
import dev.smelt.activities.eval.ClassificationScores;
import dev.smelt.activities.eval.Cloze;
import dev.smelt.activities.eval.EvalResultsFile;
import dev.smelt.activities.eval.EvalSets;
import dev.smelt.activities.eval.LmEvalResultsFile;
import dev.smelt.activities.eval.MaskedLmScore;
import dev.smelt.activities.eval.MetricParts;
import dev.smelt.activities.eval.NgramOverlap;
import dev.smelt.activities.eval.Perplexity;
import dev.smelt.activities.eval.ScoredText;
import dev.smelt.activities.eval.SpilledOverlap;
import dev.smelt.activities.eval.TextLikelihood;
import dev.smelt.activities.eval.Texts;
import dev.smelt.activities.eval.TokenDocs;
import dev.smelt.activities.finetune.Classifier;
import dev.smelt.activities.finetune.ClassifierInputs;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.decontaminate.Decontaminate;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.Contamination;
import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TaskEval;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The evaluation of a finished run, from its files alone, with or without Temporal: held-out and
 * out-of-domain perplexity, cloze, bias probe, decontamination, and the task scores (with 95 %
 * bootstrap intervals) of the fine-tuned model and every baseline on the same test split. Writes
 * eval/results.json.
 */
public final class RunEvaluation {
  static final int BATCH = 16;
  /** Windows scored for pseudo-perplexity: it costs one forward pass per token. */
  static final int PSEUDO_WINDOWS = 16;
  /** A causal LM's own metrics: held-out, cloze, bias, OOD perplexity and contamination. */
  private static final int LM_METRICS = 5;
  /** Each task's neural scores: fine-tuned and from scratch. */
  private static final int TASK_METRICS = 2;

  private RunEvaluation() {}

  /**
   * Scores the models in {@code run}; {@code classifierDir} is scored for the first task instead
   * of its finetune/TASK/final (null: the run's own). Each metric is kept in eval/parts/ under the
   * hash of its model and inputs ({@link MetricParts}): a retry reuses the finished ones.
   */
  public static EvalResult evaluate(RunFolder run, StageInput in, Path classifierDir,
      Consumer<TrainingProgress> progress) throws IOException {
    RunConfig c = in.config();
    List<FinetuneConfig> tasks = c.finetune().perTask();
    long t0 = System.nanoTime();
    EvalResultsFile file = new EvalResultsFile(run.root().getFileName().toString(), c);
    BpeTokenizer tokenizer = ShardData.tokenizer(run);
    TokenDocs val = TokenDocs.shards(run.val()); // streamed by every metric: data/val fits no heap
    List<Cloze.Item> cloze = Cloze.items(val.decoded(ids -> tokenizer.decode(ids, true)),
        c.eval().clozeItems());
    Map<String, LabelledTexts.Split> splits = new LinkedHashMap<>();
    for (FinetuneConfig f : tasks) {
      splits.put(f.task(), TaskSplit.read(f));
    }
    LabelledTexts.Split first = splits.get(tasks.get(0).task());
    Path lmDir = run.pretrain().resolve("final");
    Path classifier = classifierDir != null ? classifierDir
        : run.finetune(tasks.get(0).task()).resolve("final");
    // Everything a metric may read, but the model it scores: shards, tokenizer, settings, splits.
    String inputs = KeyedResult.key(TrainingDataHashes.of(run.root(), run.trainingData()),
        c.eval(), c.seed(), c.pretrain().maskProbability(), tasks, splits);
    String lmKey = KeyedResult.key(inputs, weightsHash(lmDir));
    MetricParts parts = new MetricParts(parts(run), LM_METRICS + TASK_METRICS * tasks.size(),
        progress);
    try (NDManager root = NDManager.newBaseManager()) {
      Perplexity.Result ppl;
      Cloze.Result clozeResult = new Cloze.Result(Double.NaN, 0, 0);
      BiasProbe.Result bias = new BiasProbe.Result(List.of(), Double.NaN);
      Perplexity.Result ood = new Perplexity.Result(Double.NaN, Double.NaN, 0, 0);
      TextLikelihood heldoutText = TextLikelihood.none();
      TextLikelihood oodText = TextLikelihood.none();
      String oodName = oodName(c);
      try (Gpt lm = GptFiles.read(lmDir, root).gpt()) {
        if (lm.bidirectional()) { // a masked LM: next-token scores mean nothing for it
          MaskedLmScore.Result m = parts.get("masked_lm", lmKey, MaskedLmScore.Result.class,
              () -> MaskedLmScore.evaluate(lm, val, BATCH, c.eval().maxValSequences(),
                  c.pretrain().maskProbability()));
          MaskedLmScore.Pseudo p = parts.get("pseudo_perplexity", lmKey, MaskedLmScore.Pseudo.class,
              () -> MaskedLmScore.pseudoPerplexity(lm, val, BATCH, PSEUDO_WINDOWS));
          file.maskedLm(m, p);
          ppl = new Perplexity.Result(p.loss(), p.pseudoPerplexity(), p.tokens(), p.windows());
        } else {
          ppl = parts.get("heldout_perplexity", lmKey, Perplexity.Result.class,
              () -> Perplexity.evaluate(lm, val, BATCH, c.eval().maxValSequences()));
          heldoutText = TextLikelihood.of(ppl, ScoredText.of(tokenizer, val, ppl.tokens()));
          clozeResult = parts.get("cloze", lmKey, Cloze.Result.class,
              () -> Cloze.evaluate(lm, cloze, tokenizer::encode));
          bias = parts.get("bias_probe", lmKey, BiasProbe.Result.class,
              () -> BiasProbe.evaluate(lm, BiasProbe.templates(), tokenizer::encode));
          List<int[]> oodDocs =
              EvalSets.oodTexts(c, first).stream().map(tokenizer::encode).toList();
          ood = parts.get("ood_perplexity", lmKey, Perplexity.Result.class,
              () -> Perplexity.evaluate(lm, oodDocs, BATCH, c.eval().maxValSequences()));
          oodText = TextLikelihood.of(ood, ScoredText.of(tokenizer, oodDocs, ood.tokens()));
        }
      }
      List<Contamination> contamination = parts.list("decontamination", inputs,
          Contamination.class, () -> decontaminate(run, tokenizer, c, cloze, splits));
      List<TaskEval> taskEvals = new ArrayList<>();
      Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
      for (FinetuneConfig f : tasks) {
        Path tuned = f.task().equals(tasks.get(0).task()) ? classifier
            : run.finetune(f.task()).resolve("final");
        taskEvals.add(taskEval(run, c, f, tuned, splits.get(f.task()), tokenizer, root, parts,
            inputs));
        curves.put(f.task(),
            LearningCurve.read(run.baselines(f.task()).resolve("learning_curve.json")));
      }
      file.classifier(classifier);
      EvalResult result = new EvalResult(ppl.loss(), ppl.perplexity(), heldoutText.bitsPerByte(),
          ppl.tokens(), taskEvals, clozeResult.accuracy(), clozeResult.items(), bias.categories(),
          bias.meanAbsGap(), contamination, oodName, ood.perplexity(), oodText.bitsPerByte(),
          (System.nanoTime() - t0) / 1e9);
      file.write(run.eval().resolve("results.json"), result, ppl, ood, heldoutText, oodText,
          curves);
      LmEvalResultsFile.write(run.eval().resolve("lm_eval_results.json"),
          LmEvalResultsFile.Setup.of(run.root().getFileName().toString(), classifier, c), result,
          heldoutText, oodText);
      PreviousModel.compare(run, c, result, new PreviousModel.EvalData(val, first, tokenizer), root);
      return result;
    }
  }

  /** Where each finished metric of {@code run} is kept for a retry: eval/parts/. */
  public static Path parts(RunFolder run) {
    return run.eval().resolve("parts");
  }

  /** The sha256 of a model folder's weights: a metric of other weights is not reused. */
  private static String weightsHash(Path modelDir) throws IOException {
    return TrainingDataHashes.of(modelDir, List.of(modelDir.resolve(GptFiles.WEIGHTS))).toString();
  }

  /** Task {@code f}'s accuracy, test size and majority baseline, beside its scores. */
  private static TaskEval taskEval(RunFolder run, RunConfig c, FinetuneConfig f, Path tuned,
      LabelledTexts.Split split, BpeTokenizer tokenizer, NDManager root, MetricParts parts,
      String inputs) throws IOException {
    List<ModelScore> scores = taskScores(run, c, f, tuned, split, tokenizer, root, parts, inputs);
    return new TaskEval(f.task(), scores.get(0).accuracy(), split.test().size(),
        scores.get(scores.size() - 1).accuracy(), scores);
  }

  /**
   * Task {@code f}'s scores: the fine-tuned model {@code tuned} first, then each baseline found in
   * the run folder, majority class last.
   */
  private static List<ModelScore> taskScores(RunFolder run, RunConfig c, FinetuneConfig f,
      Path tuned, LabelledTexts.Split split, BpeTokenizer tokenizer, NDManager root,
      MetricParts parts, String inputs) throws IOException {
    int[] gold = split.test().stream().mapToInt(LabelledText::label).toArray();
    int resamples = c.eval().bootstrapResamples();
    List<ModelScore> scores = new ArrayList<>();
    scores.add(parts.get("task_" + f.task(), KeyedResult.key(inputs, weightsHash(tuned)),
        ModelScore.class, () -> score(f.task(), classify(tuned, split, f, tokenizer, root), gold,
            resamples, c.seed())));
    Path scratch = run.baselines(f.task()).resolve("scratch/final");
    if (Files.isDirectory(scratch)) {
      String name = f.task() + "_" + LearningCurve.SCRATCH;
      scores.add(parts.get("task_" + name, KeyedResult.key(inputs, weightsHash(scratch)),
          ModelScore.class, () -> score(name, classify(scratch, split, f, tokenizer, root), gold,
              resamples, c.seed())));
    }
    Path bow = run.baselines(f.task()).resolve("bow.json");
    if (Files.isRegularFile(bow)) {
      scores.add(score(f.task() + "_" + LearningCurve.BOW,
          BagOfWords.load(bow).predict(split.test()), gold, resamples, c.seed()));
    }
    int[] majority = new int[gold.length];
    Arrays.fill(majority, LabelledTexts.majorityLabel(split.train()));
    scores.add(score(f.task() + "_majority", majority, gold, resamples, c.seed()));
    return scores;
  }

  static int[] classify(Path dir, LabelledTexts.Split split, FinetuneConfig f,
      BpeTokenizer tokenizer, NDManager root) throws IOException {
    try (Classifier clf = Classifier.load(dir, root)) {
      int length = Math.min(f.maxLength(), clf.contextLength());
      return clf.predict(split.test().stream()
          .map(t -> ClassifierInputs.encode(tokenizer::encode, t.text(), length)).toList(),
          Math.max(1, f.batchSize()));
    }
  }

  static ModelScore score(String name, int[] predicted, int[] gold, int resamples, long seed) {
    Bootstrap.Interval acc =
        Bootstrap.ci95(ClassificationScores::accuracy, predicted, gold, resamples, seed);
    Bootstrap.Interval f1 =
        Bootstrap.ci95(ClassificationScores::macroF1, predicted, gold, resamples, seed);
    return new ModelScore(name, acc.value(), acc.low(), acc.high(), acc.stderr(), f1.value(), f1.low(),
        f1.high(), f1.stderr(), gold.length);
  }

  /**
   * Held-out documents (joined on disk: as many as data/val holds), cloze items, then the sets the
   * data stage decontaminated against; the train shards are read once, a document at a time.
   */
  private static List<Contamination> decontaminate(RunFolder run, BpeTokenizer tokenizer,
      RunConfig c, List<Cloze.Item> cloze, Map<String, LabelledTexts.Split> splits)
      throws IOException {
    Texts train = TokenDocs.shards(run.shards()).decoded(ids -> tokenizer.decode(ids, true));
    TokenDocs val = TokenDocs.shards(run.val());
    int ngram = c.eval().decontaminationNgram();
    try (SpilledOverlap heldOut = SpilledOverlap.index(Decontaminate.HELD_OUT,
        val.decoded(ids -> tokenizer.decode(ids, true)), ngram, val.tokens(),
        SpilledOverlap.memoryBudget(), run.eval().resolve("overlap-scratch"))) {
      List<EvalSet> sets = new ArrayList<>(List.of(EvalSets.cloze(cloze)));
      sets.addAll(EvalSets.beforeSplit(c, splits));
      List<Contamination> out = new ArrayList<>();
      List<Contamination> rest = NgramOverlap.check(each -> train.forEach(text -> {
        heldOut.scan(text);
        each.accept(text);
      }), ngram, sets);
      out.add(heldOut.result());
      out.addAll(rest);
      return out;
    }
  }

  private static String oodName(RunConfig c) {
    List<String> files = c.eval().oodInputs().isEmpty() ? c.finetune().inputs()
        : c.eval().oodInputs();
    return String.join(", ", files.stream().map(p -> Path.of(p).getFileName().toString()).toList());
  }
}
