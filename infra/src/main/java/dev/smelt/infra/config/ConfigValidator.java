package dev.smelt.infra.config;

import dev.smelt.activities.eval.BiasProbe;
import dev.smelt.activities.model.ModelPresets;
import dev.smelt.activities.run.RunId;
import dev.smelt.activities.stage.DataStage;
import dev.smelt.pipeline.beam.BeamOptions;
import dev.smelt.pipeline.read.FormatReaders;
import dev.smelt.pipeline.read.ReaderOptions;
import dev.smelt.settings.DataConfig;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.FinetuneTask;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.StallMinutes;
import dev.smelt.workflows.stage.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Value rules of a run config; the first broken rule is reported, naming its key. */
final class ConfigValidator {
  private ConfigValidator() {}

  static void validate(RunConfig c) {
    validate(c, false);
  }

  /**
   * As {@link #validate(RunConfig)}; {@code singleTask}: finetune.tasks came from the single-task
   * keys finetune.task and finetune.inputs, so problems name those.
   */
  static void validate(RunConfig c, boolean singleTask) {
    require(c.name() != null && c.name().matches("[A-Za-z0-9._-]+"), "name",
        "must be letters, digits, '.', '_' or '-'");
    validateData(c.data());
    require(c.tokenizer().vocabSize() >= 300 && c.tokenizer().vocabSize() <= 262_144,
        "tokenizer.vocabSize", "must be between 300 and 262144");
    require(c.tokenizer().minFrequency() >= 1, "tokenizer.minFrequency", "must be at least 1");
    require(c.tokenizer().maxTrainChars() >= 0, "tokenizer.maxTrainChars", "must not be negative");
    require(c.tokenizer().maxWordTypes() >= 2, "tokenizer.maxWordTypes", "must be at least 2");
    validateModel(c.model());
    validatePretrain(c.pretrain());
    requireBiasProbeFits(c, BiasProbe.minContextLength());
    validateFinetune(c.finetune(), c.model(), singleTask);
    require(c.eval().maxValSequences() >= 0, "eval.maxValSequences", "must not be negative");
    require(c.eval().bootstrapResamples() >= 100, "eval.bootstrapResamples", "must be at least 100");
    require(c.eval().clozeItems() >= 0, "eval.clozeItems", "must not be negative (0 = off)");
    require(c.eval().decontaminationNgram() >= 4, "eval.decontaminationNgram",
        "must be at least 4 (shorter n-grams match by chance)");
    require(!c.data().filters().contains("decontaminate")
        || c.data().filterSettings().decontaminate().ngram() <= c.eval().decontaminationNgram(),
        "data.filterSettings.decontaminate.ngram", "must not exceed eval.decontaminationNgram ("
            + c.eval().decontaminationNgram() + "), or the overlap check finds n-grams the filter let through");
    validateStallMinutes(c.stallMinutes());
    for (int i = 0; i < c.eval().oodInputs().size(); i++) {
      require(Files.isRegularFile(Path.of(c.eval().oodInputs().get(i))), "eval.oodInputs[" + i + "]",
          "no such file: " + c.eval().oodInputs().get(i));
    }
  }

  /**
   * The bias probe's text is fixed, so a context too short for it under any vocabulary is known
   * before training; only a causal LM is probed (RunEvaluation).
   */
  static void requireBiasProbeFits(RunConfig c, int probeTokens) {
    require(!c.pretrain().objective().equals("causal") || c.model().contextLength() >= probeTokens,
        "model.contextLength", "must be at least " + probeTokens + " for the bias probe: its "
            + "longest continuation takes that many tokens under any vocabulary");
  }

  private static void validateData(DataConfig d) {
    existing(d.inputs(), "data.inputs");
    require(d.minChars() >= 0, "data.minChars", "must not be negative");
    require(d.maxChars() > d.minChars(), "data.maxChars", "must be greater than data.minChars");
    require(d.valFraction() > 0 && d.valFraction() <= 0.5, "data.valFraction",
        "must be in (0, 0.5]");
    require(d.runner() != null && !d.runner().isBlank(), "data.runner", "must name a Beam runner");
    validateBeam(d);
    require(d.readers() != null && !d.readers().isEmpty()
        && FormatReaders.NAMES.containsAll(d.readers())
        && d.readers().stream().distinct().count() == d.readers().size(), "data.readers",
        "must list readers from " + String.join(", ", FormatReaders.NAMES) + ", each once");
    require(d.textSplitBytes() >= ReaderOptions.MIN_TEXT_SPLIT_BYTES
        && d.textSplitBytes() <= ReaderOptions.DEFAULT_MAX_DOC_BYTES, "data.textSplitBytes",
        "must be from " + ReaderOptions.MIN_TEXT_SPLIT_BYTES + " to " + ReaderOptions.DEFAULT_MAX_DOC_BYTES
            + " (the largest document read)");
    FilterSettingsValidator.validate(d.filters(), d.filterSettings());
  }

  /** The runner and its flags are tried now, so a typo is a config error, not a failed run. */
  private static void validateBeam(DataConfig d) {
    beamOptionsOf(d.runner(), List.of(), "data.runner");
    require(d.flinkMaster() != null && FLINK_MASTER.matcher(d.flinkMaster()).matches(),
        "data.flinkMaster", "must be \"[local]\" (an embedded mini-cluster) or host:port");
    beamOptionsOf(d.runner(), DataStage.beamArgs(d, List.of()), "data.pipelineArgs");
  }

  private static void beamOptionsOf(String runner, List<String> args, String key) {
    try {
      BeamOptions.of(runner, args);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("key '" + key + "': " + e.getMessage());
    }
  }

  /** "[local]", "[auto]" (Beam's: from the environment) or a JobManager's host:port. */
  private static final Pattern FLINK_MASTER =
      Pattern.compile("\\[local]|\\[auto]|[A-Za-z0-9][A-Za-z0-9.-]*:[0-9]{1,5}");

  private static void validateModel(ModelConfig m) {
    require(m.preset().equals("custom") || ModelPresets.NAMES.contains(m.preset()), "model.preset",
        "must be one of " + String.join(", ", ModelPresets.NAMES) + ", custom");
    require(m.layers() >= 1, "model.layers", "must be at least 1");
    require(m.heads() >= 1, "model.heads", "must be at least 1");
    require(m.dModel() >= 8 && m.dModel() % m.heads() == 0, "model.dModel",
        "must be at least 8 and divisible by model.heads");
    require(m.contextLength() >= 8, "model.contextLength", "must be at least 8");
    require(m.dropout() >= 0 && m.dropout() < 1, "model.dropout", "must be in [0, 1)");
  }

  private static void validatePretrain(PretrainConfig p) {
    require(Set.of("causal", "masked").contains(p.objective()), "pretrain.objective",
        "must be causal or masked");
    require(p.steps() > 0, "pretrain.steps", "must be positive");
    require(p.batchSize() > 0, "pretrain.batchSize", "must be positive");
    require(p.learningRate() > 0, "pretrain.learningRate", "must be positive");
    require(p.minLearningRate() >= 0 && p.minLearningRate() <= p.learningRate(),
        "pretrain.minLearningRate", "must be between 0 and pretrain.learningRate");
    require(p.warmupSteps() >= 0 && p.warmupSteps() < p.steps(), "pretrain.warmupSteps",
        "must be at least 0 and less than pretrain.steps");
    require(p.weightDecay() >= 0, "pretrain.weightDecay", "must not be negative");
    require(p.gradClip() >= 0, "pretrain.gradClip", "must not be negative (0 = no clipping)");
    require(p.logEvery() > 0, "pretrain.logEvery", "must be positive");
    require(p.evalEvery() >= 0, "pretrain.evalEvery", "must not be negative");
    require(p.checkpointEvery() >= 0, "pretrain.checkpointEvery", "must not be negative");
    require(p.keepCheckpoints() >= 1, "pretrain.keepCheckpoints", "must be at least 1");
    require(p.heartbeatTimeoutSeconds() >= 4, "pretrain.heartbeatTimeoutSeconds",
        "must be at least 4 (activities heartbeat every 2 s when idle)");
    require(p.gradAccumulation() >= 1 && p.batchSize() % p.gradAccumulation() == 0,
        "pretrain.gradAccumulation", "must be at least 1 and divide pretrain.batchSize ("
            + p.batchSize() + ")");
    require(p.maxMinutes() >= 0, "pretrain.maxMinutes", "must not be negative (0 = no budget)");
    require(p.earlyStopPatience() >= 0, "pretrain.earlyStopPatience",
        "must not be negative (0 = off)");
    require(p.earlyStopPatience() == 0 || p.evalEvery() > 0, "pretrain.earlyStopPatience",
        "needs pretrain.evalEvery > 0 (validation measurements to watch)");
    require(p.earlyStopMinDelta() >= 0, "pretrain.earlyStopMinDelta", "must not be negative");
    require(p.checkpointEveryMinutes() >= 0, "pretrain.checkpointEveryMinutes",
        "must not be negative (0 = off)");
    require(p.maskProbability() > 0 && p.maskProbability() < 1, "pretrain.maskProbability",
        "must be in (0, 1)");
    require(Set.of("auto", "cpu", "gpu").contains(p.device()), "pretrain.device",
        "must be auto, cpu or gpu");
    require(p.queue() != null, "pretrain.queue", "must be cpu or gpu");
    boolean named = Set.of(PretrainConfig.NO_INIT, "last").contains(p.initFrom());
    require(named || RunId.problem(p.initFrom()).isEmpty(), "pretrain.initFrom",
        "must be none, last or the id of a run folder beside this run's ("
            + RunId.problem(p.initFrom()).orElse("") + ")");
  }

  private static void validateStallMinutes(StallMinutes s) {
    for (Stage stage : Stage.values()) {
      double minutes = stage.stallMinutes(s);
      require(Double.isFinite(minutes) && minutes >= 0, "stallMinutes." + stage.id(),
          "must be a number of minutes, at least 0 (0 = never)");
    }
  }

  private static void validateFinetune(FinetuneConfig f, ModelConfig m, boolean singleTask) {
    require(!f.tasks().isEmpty(), "finetune.tasks", "must name at least one task");
    for (int i = 0; i < f.tasks().size(); i++) {
      validateTask(f, i, singleTask);
    }
    require(f.steps() > 0, "finetune.steps", "must be positive");
    require(f.batchSize() > 0, "finetune.batchSize", "must be positive");
    require(f.learningRate() > 0, "finetune.learningRate", "must be positive");
    require(f.warmupSteps() >= 0 && f.warmupSteps() < f.steps(), "finetune.warmupSteps",
        "must be at least 0 and less than finetune.steps");
    require(f.weightDecay() >= 0, "finetune.weightDecay", "must not be negative");
    require(f.maxLength() >= 4 && f.maxLength() <= m.contextLength(), "finetune.maxLength",
        "must be between 4 and model.contextLength (" + m.contextLength() + ")");
    require(f.testFraction() > 0 && f.testFraction() < 1, "finetune.testFraction",
        "must be in (0, 1)");
    require(f.curveSizes().stream().allMatch(n -> n != null && n > 0), "finetune.curveSizes",
        "must be positive numbers of training examples");
    require(f.curveSteps() >= 0, "finetune.curveSteps", "must not be negative (0 = finetune.steps)");
    require(f.curveSeeds() > 0, "finetune.curveSeeds", "must be positive");
    require(f.curvePatience() >= 0, "finetune.curvePatience", "must not be negative (0 = off)");
    require(f.curvePatience() == 0 || f.curveEvalEvery() > 0, "finetune.curveEvalEvery",
        "must be positive when finetune.curvePatience is set");
    require(f.curvePatience() == 0 || f.curveValFraction() > 0 && f.curveValFraction() < 1,
        "finetune.curveValFraction", "must be between 0 and 1 (exclusive) when "
            + "finetune.curvePatience is set");
  }

  /** Task {@code i}; a single-task config's keys are finetune.task and finetune.inputs. */
  private static void validateTask(FinetuneConfig f, int i, boolean singleTask) {
    FinetuneTask t = f.tasks().get(i);
    String key = "finetune.tasks[" + i + "]";
    String name = singleTask ? "finetune.task" : key + ".name";
    require(t.name() != null && t.name().matches("[a-z0-9_-]+"), name,
        "must be lower-case letters, digits, '_' or '-'");
    for (int j = 0; j < i; j++) {
      require(!f.tasks().get(j).name().equals(t.name()), name,
          "must differ from finetune.tasks[" + j + "].name (" + t.name() + "): the name is its folder");
    }
    existing(t.inputs(), singleTask ? "finetune.inputs" : key + ".inputs");
    require(t.labels().isEmpty() || t.labels().size() >= 2, key + ".labels",
        "must name at least two classes, or be [] for integer labels");
    require(t.labels().stream().allMatch(l -> l != null && !l.isBlank()), key + ".labels",
        "must be non-blank names");
    require(t.labels().stream().distinct().count() == t.labels().size(), key + ".labels",
        "must not name a class twice");
    require(t.steps() == 0 || t.steps() > f.warmupSteps(), key + ".steps",
        "must be 0 (finetune.steps) or more than finetune.warmupSteps (" + f.warmupSteps() + ")");
  }

  private static void existing(List<String> paths, String key) {
    require(paths != null && !paths.isEmpty(), key, "must name at least one file or folder");
    for (int i = 0; i < paths.size(); i++) {
      require(Files.exists(Path.of(paths.get(i))), key + "[" + i + "]",
          "no such file or folder: " + paths.get(i));
    }
  }

  static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException("key '" + key + "' " + problem);
    }
  }
}
