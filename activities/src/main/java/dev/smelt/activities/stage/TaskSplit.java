package dev.smelt.activities.stage;

import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A task's labelled examples (its inputs, read with its labels) split into train and test, as
 * fine-tuning, the baselines and evaluation all read them; examples no classifier can learn from
 * or be scored on fail for good, since a retry reads the same files.
 */
final class TaskSplit {
  private TaskSplit() {}

  /** The split of {@code f}'s first task (a {@link FinetuneConfig#forTask} config: its only one). */
  static LabelledTexts.Split read(FinetuneConfig f) throws IOException {
    List<LabelledText> all;
    try {
      all = LabelledTexts.read(f.inputs().stream().map(Path::of).toList(), f.labels());
    } catch (IllegalArgumentException e) { // a malformed line, named by file and line number
      throw PermanentFailure.of(key(f) + ": " + e.getMessage());
    }
    return usable(LabelledTexts.split(all, f.testFraction()), f);
  }

  static LabelledTexts.Split usable(LabelledTexts.Split s, FinetuneConfig f) {
    int n = s.train().size() + s.test().size();
    if (n == 0) {
      throw PermanentFailure.of(key(f) + " " + f.inputs() + " hold no labelled examples; "
          + "each line needs {\"text\": string, \"label\": " + (f.labels().isEmpty() ? "integer"
              : "one of " + f.labels()) + "}");
    }
    if (s.train().isEmpty() || s.test().isEmpty()) {
      throw PermanentFailure.of("all " + n + " examples of " + key(f) + " fell into the "
          + (s.train().isEmpty() ? "test" : "training") + " split (finetune.testFraction "
          + f.testFraction() + "); add examples or change finetune.testFraction");
    }
    List<Integer> labels = s.train().stream().map(LabelledText::label).distinct().toList();
    if (labels.size() < 2) {
      throw PermanentFailure.of("every one of the " + s.train().size() + " training examples of "
          + key(f) + " has label " + labels.get(0) + "; a classifier needs at least two "
          + "classes");
    }
    return s;
  }

  /** How messages name the task's inputs, e.g. "finetune.inputs of task spam". */
  private static String key(FinetuneConfig f) {
    return "finetune.inputs of task " + f.task();
  }
}
