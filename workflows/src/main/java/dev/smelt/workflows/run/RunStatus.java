package dev.smelt.workflows.run;

import java.util.List;

/** Answer to the status query: the stages in order, how many are done, the current one. */
public record RunStatus(List<String> stages, int completed, String current) {
  public static final List<String> STAGES =
      List.of("data", "tokenizer", "pretrain", "finetune", "baselines", "evaluate", "report");
}
