package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One end-to-end run: data, tokenizer, pre-train, fine-tune, evaluate, report. */
@WorkflowInterface
public interface TrainingRun {
  /** Task queue that CPU workers poll. */
  String CPU_QUEUE = "smelt-cpu";

  @WorkflowMethod(name = "TrainingRun")
  RunSummary run(StageInput input);

  /** Which stage the run is in, which are done, and whether it is paused. */
  @QueryMethod
  RunStatus status();

  /**
   * Stops the running stage (pre-training checkpoints the step it is at) and holds the run, its
   * worker free, until {@link #unpause}.
   */
  @SignalMethod
  void pause();

  /** Runs the paused stage again; training resumes from the checkpoint the pause wrote. */
  @SignalMethod
  void unpause();
}
