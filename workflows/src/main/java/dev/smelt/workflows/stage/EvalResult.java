package dev.smelt.workflows.stage;

import java.util.List;

/**
 * Held-out evaluation of the pre-trained model, and of each task's fine-tuned model and baselines on
 * that task's test split. Every number is also in eval/results.json.
 */
public record EvalResult(
    double valLoss,
    double perplexity,
    /** Held-out nats / (ln 2 × UTF-8 bytes of the scored text): comparable across tokenizers. */
    double bitsPerByte,
    long valTokens,
    /** One per task of finetune.tasks, in run order; the first is the report's headline. */
    List<TaskEval> tasks,
    double clozeAccuracy,
    int clozeItems,
    List<BiasScore> bias,
    double biasScore,
    List<Contamination> contamination,
    String oodCorpus,
    double oodPerplexity,
    double oodBitsPerByte,
    double seconds) {
  public EvalResult {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** The scores of the first task: the headline of the report and the summary. */
  public TaskEval headline() {
    return tasks.get(0);
  }
}
