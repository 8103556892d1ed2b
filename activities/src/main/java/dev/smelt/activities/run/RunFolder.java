package dev.smelt.activities.run;

import java.nio.file.Path;

/** The layout of a run folder (DESIGN.md, "Run folder"): the one place a run writes. */
public record RunFolder(Path root) {
  public static RunFolder of(String runDir) {
    return new RunFolder(Path.of(runDir));
  }

  public Path data() {
    return root.resolve("data");
  }

  public Path shards() {
    return data().resolve("shards");
  }

  public Path val() {
    return data().resolve("val");
  }

  public Path tokenizerJson() {
    return root.resolve("tokenizer").resolve("tokenizer.json");
  }

  public Path pretrain() {
    return root.resolve("pretrain");
  }

  public Path finetune(String task) {
    return root.resolve("finetune").resolve(task);
  }

  /** Baselines and learning curve of one task: scratch/, bow.json, curve/, learning_curve.json. */
  public Path baselines(String task) {
    return root.resolve("baselines").resolve(task);
  }

  public Path eval() {
    return root.resolve("eval");
  }

  public Path results() {
    return root.resolve("results.json");
  }

  public Path report() {
    return root.resolve("report.html");
  }
}
