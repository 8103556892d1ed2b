package dev.smelt.activities.fingerprint;

import dev.smelt.activities.pretrain.WarmStart;
import dev.smelt.pipeline.read.UnitManifest;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.Stage;
import java.nio.file.Path;
import java.util.List;

/**
 * What each stage reads of the config and writes in the run folder. A section lists every key
 * the stage's code reads (a whole record where it reads most of one); a key missing here would
 * let a changed setting be served from the cache, so when in doubt a key is listed.
 */
final class StageFiles {
  private StageFiles() {}

  /** The config keys {@code stage} reads, as dotted paths of the resolved config. */
  static List<String> section(Stage stage) {
    return switch (stage) {
      // decontamination reads the evaluation texts: each task's inputs, its split, eval.oodInputs
      case DATA -> List.of("seed", "data", "finetune.tasks",
          "finetune.testFraction", "eval.oodInputs");
      case TOKENIZER -> List.of("seed", "tokenizer", "data.valFraction", "data.runner",
          "model.contextLength");
      case PRETRAIN -> List.of("seed", "model", "pretrain");
      case FINETUNE, BASELINES -> List.of("seed", "model", "finetune", "pretrain.device");
      case EVALUATE -> List.of("seed", "model", "pretrain", "finetune", "eval");
      case REPORT -> List.of("");  // never cached: the whole config
    };
  }

  /**
   * Files {@code stage} reads that no config key names: for a warm-started pre-training, the
   * model it starts from (so a changed source model reruns it, not the cache).
   */
  static List<Path> warmStart(Stage stage, RunFolder run, RunConfig c) {
    return stage == Stage.PRETRAIN && run != null && c.pretrain() != null
        ? WarmStart.files(run, c.pretrain()) : List.of();
  }

  /**
   * The files and folders {@code stage} writes, hashed as its output (folders walked, hidden
   * entries such as Beam's .temp-beam skipped, and {@link #notOutputs} left out).
   */
  static List<Path> outputs(Stage stage, RunFolder run, RunConfig c) {
    return switch (stage) {
      case DATA -> List.of(run.data());
      case TOKENIZER -> List.of(run.tokenizerJson(), run.shards(), run.val());
      case PRETRAIN -> List.of(run.pretrain());
      case FINETUNE -> c.finetune().tasks().stream().map(t -> run.finetune(t.name())).toList();
      case BASELINES -> c.finetune().tasks().stream().map(t -> run.baselines(t.name())).toList();
      case EVALUATE -> List.of(run.eval());
      case REPORT -> List.of(run.results(), run.report());
    };
  }

  /**
   * Folders inside a stage's outputs that are not its output: the token shards inside data/
   * (the tokenizer stage's), and the data stage's read units and their manifest and
   * pre-training's checkpoints, which are how they resume, not what downstream reads.
   */
  static List<Path> notOutputs(Stage stage, RunFolder run) {
    return switch (stage) {
      case DATA -> List.of(run.shards(), run.val(), run.data().resolve(UnitManifest.UNITS_FOLDER),
          run.data().resolve(UnitManifest.FILE));
      case PRETRAIN -> List.of(run.pretrain().resolve("checkpoints"));
      default -> List.of();
    };
  }

  /**
   * What is deleted before {@code stage} runs afresh (another fingerprint, or forced): its
   * outputs, and for pre-training the checkpoints a resume would otherwise continue from.
   */
  static List<Path> cleared(Stage stage, RunFolder run, RunConfig c) {
    return outputs(stage, run, c);
  }
}
