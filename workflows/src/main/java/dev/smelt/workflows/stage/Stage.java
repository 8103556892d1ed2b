package dev.smelt.workflows.stage;

import dev.smelt.settings.StallMinutes;
import dev.smelt.settings.WorkerQueue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stages of a run in the order TrainingRun runs them (DESIGN.md, "Data flows one way"): the
 * one place a stage's name, its label, its progress unit and its activity type are written.
 */
public enum Stage {
  DATA("data", "data preparation", "units", "PrepareData"),
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

  /**
   * The stages whose outputs this one reads directly (DESIGN.md, "Run folder"): their output
   * hashes are part of its fingerprint, so a change upstream reruns it.
   */
  public Set<Stage> upstream() {
    return switch (this) {
      case DATA -> EnumSet.noneOf(Stage.class);
      case TOKENIZER -> EnumSet.of(DATA);
      case PRETRAIN -> EnumSet.of(TOKENIZER);
      case FINETUNE, BASELINES -> EnumSet.of(TOKENIZER, PRETRAIN);
      case EVALUATE -> EnumSet.of(DATA, TOKENIZER, PRETRAIN, FINETUNE, BASELINES);
      case REPORT -> EnumSet.range(DATA, EVALUATE);
    };
  }

  /** This stage and every one after it in run order: what {@code --force STAGE} reruns. */
  public List<Stage> andAfter() {
    return List.copyOf(EnumSet.range(this, REPORT));
  }

  /** The stage with this id ("pretrain"), if any. */
  public static Optional<Stage> ofId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  /** Progress of this stage with no metric, checkpoint or throughput. */
  public TrainingProgress progress(long done, long total) {
    return progress(done, total, unit);
  }

  /** Progress counted in another {@code unit} than the stage's first (the data stage filtering). */
  public TrainingProgress progress(long done, long total, String unit) {
    return new TrainingProgress(id, done, total, unit, Double.NaN, null, Double.NaN);
  }

  /** Minutes without progress after which an attempt of this stage fails (0 = never). */
  public double stallMinutes(StallMinutes s) {
    return switch (this) {
      case DATA -> s.data();
      case TOKENIZER -> s.tokenizer();
      case PRETRAIN -> s.pretrain();
      case FINETUNE -> s.finetune();
      case BASELINES -> s.baselines();
      case EVALUATE -> s.evaluate();
      case REPORT -> s.report();
    };
  }

  /** Whether this stage's activity may go to the accelerator queue: the training stages. */
  public boolean trains() {
    return this == PRETRAIN || this == FINETUNE || this == BASELINES;
  }

  /**
   * The queue this stage's activity is scheduled on when the run's training queue is
   * {@code training} (null, as in a config recorded before the key existed, means CPU).
   */
  public WorkerQueue queue(WorkerQueue training) {
    return trains() && training != null ? training : WorkerQueue.CPU;
  }
}
