package dev.smelt.workflows.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stages of a run in the order TrainingRun runs them (DESIGN.md, "Data flows one way"): the
 * one place a stage's name, its label, its progress unit and its activity type are written.
 */
public enum Stage {
  DATA("data", "data preparation", "files", "PrepareData"),
  TOKENIZER("tokenizer", "tokenizer stage", "steps", "TrainTokenizer"),
  PRETRAIN("pretrain", "pre-training", "steps", "Pretrain"),
  FINETUNE("finetune", "fine-tuning", "steps", "Finetune"),
  BASELINES("baselines", "baselines", "steps", "Baselines"),
  EVALUATE("evaluate", "evaluation", "steps", "Evaluate"),
  REPORT("report", "writing the report", "steps", "WriteReport");

  private final String id;
  private final String label;
  private final String unit;
  private final String activityType;

  Stage(String id, String label, String unit, String activityType) {
    this.id = id;
    this.label = label;
    this.unit = unit;
    this.activityType = activityType;
  }

  /** The name a user reads and heartbeats carry: "data", "pretrain", … */
  public String id() {
    return id;
  }

  /** What the stage does, for messages: "pre-training of run X failed". */
  public String label() {
    return label;
  }

  /** What {@link TrainingProgress#done()} counts in this stage. */
  public String unit() {
    return unit;
  }

  /** The {@code @ActivityMethod} name of the stage's activity in {@link StageActivities}. */
  public String activityType() {
    return activityType;
  }

  /** Every stage id, in run order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Stage::id).toList();
  }

  /** The stage whose activity has this type, if any. */
  public static Optional<Stage> ofActivityType(String type) {
    return Arrays.stream(values()).filter(s -> s.activityType.equals(type)).findFirst();
  }

  /** Progress of this stage with no metric, checkpoint or throughput. */
  public TrainingProgress progress(long done, long total) {
    return new TrainingProgress(id, done, total, unit, Double.NaN, null, Double.NaN);
  }
}
