package dev.smelt.workflows.stage;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The heavy work of a run, one method per arrow of DESIGN.md's data flow. Implemented in the
 * activities module; the workflow sees only this contract.
 */
public final class StageActivities {
  private StageActivities() {}

  /** Reads the raw corpora through the Beam pipeline into kept text, rejects and stats. */
  @ActivityInterface
  public interface Data {
    @ActivityMethod(name = "PrepareData")
    DataResult prepare(StageInput input);
  }

  /** Trains the BPE tokenizer on the kept text and writes the token shards. */
  @ActivityInterface
  public interface Tokenizer {
    @ActivityMethod(name = "TrainTokenizer")
    TokenizerResult train(StageInput input);
  }

  /** Pre-trains the language model from the shards; heartbeats {@link TrainingProgress}. */
  @ActivityInterface
  public interface Pretrain {
    @ActivityMethod(name = "Pretrain")
    PretrainResult pretrain(StageInput input);
  }

  /** Fine-tunes the pre-trained backbone on each labelled task, one after another; heartbeats progress. */
  @ActivityInterface
  public interface Finetune {
    @ActivityMethod(name = "Finetune")
    FinetuneResults finetune(StageInput input);
  }

  /**
   * Trains each task's baselines on its fine-tuning split and budget (the same architecture from random
   * weights, a bag-of-words logistic regression) and the learning curve of every model.
   */
  @ActivityInterface
  public interface Baselines {
    @ActivityMethod(name = "Baselines")
    BaselinesResults baselines(StageInput input);
  }

  /** Scores the held-out data: perplexity and task accuracy. */
  @ActivityInterface
  public interface Evaluate {
    @ActivityMethod(name = "Evaluate")
    EvalResult evaluate(StageInput input);
  }

  /** Marks a cancelled run's folder (state.json), after its stage stopped; checkpoints stay. */
  @ActivityInterface
  public interface MarkRun {
    @ActivityMethod(name = "MarkRunCancelled")
    void cancelled(StageInput input, String stage);
  }

  /** Writes results.json and the self-contained report.html; returns the report's path. */
  @ActivityInterface
  public interface Report {
    @ActivityMethod(name = "WriteReport")
    String write(StageInput input, RunSummary summary);
  }
}
