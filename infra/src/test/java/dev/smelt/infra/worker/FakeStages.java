package dev.smelt.infra.worker;

import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StopReason;
import dev.smelt.workflows.stage.TaskEval;
import dev.smelt.workflows.stage.TokenizerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every stage activity as a fake that writes a small output file where the real stage writes,
 * different on every run (so a rerun changes what downstream reads), and notes that it ran.
 */
final class FakeStages implements StageActivities.Data, StageActivities.Tokenizer,
    StageActivities.Pretrain, StageActivities.Finetune, StageActivities.Baselines,
    StageActivities.Evaluate, StageActivities.Report {
  private final Path run;
  private final List<Stage> ran = new ArrayList<>();
  private final List<Boolean> checkpointAtStart = new ArrayList<>();

  FakeStages(Path run) {
    this.run = run;
  }

  Object[] all() {
    return new Object[] {this};
  }

  /** The stages run since the last call, in order. */
  synchronized List<Stage> ranSinceLastLook() {
    List<Stage> out = List.copyOf(ran);
    ran.clear();
    return out;
  }

  /** For each pre-training since the last call of this: whether a checkpoint was there already. */
  synchronized List<Boolean> checkpointSeenAtStart() {
    List<Boolean> out = List.copyOf(checkpointAtStart);
    checkpointAtStart.clear();
    return out;
  }

  private synchronized void write(Stage stage, String... files) {
    ran.add(stage);
    try {
      for (String f : files) {
        Path p = run.resolve(f);
        Files.createDirectories(p.getParent());
        Files.writeString(p, stage.id() + " output, write " + System.nanoTime());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DataResult prepare(StageInput in) {
    write(Stage.DATA, "data/clean/part-0.parquet", "data/stats.json");
    return new DataResult(10, 8, 2, 800, List.of(), 1.0);
  }

  @Override
  public TokenizerResult train(StageInput in) {
    write(Stage.TOKENIZER, "tokenizer/tokenizer.json", "data/shards/part-0.parquet",
        "data/val/part-0.parquet");
    return new TokenizerResult(512, 7, 1, 7000, 1000, run + "/tokenizer/tokenizer.json", 2.0);
  }

  @Override
  public PretrainResult pretrain(StageInput in) {
    synchronized (this) {
      checkpointAtStart.add(Files.isDirectory(run.resolve("pretrain/checkpoints")));
    }
    write(Stage.PRETRAIN, "pretrain/checkpoints/step-00000001/model.safetensors",
        "pretrain/final/model.safetensors", "pretrain/metrics.jsonl");
    return new PretrainResult(100, 6.2, 3.1, 3.3, 51200, 900.0, 123456, 0,
        run + "/pretrain/final", 3.0, StopReason.MAX_STEPS);
  }

  @Override
  public FinetuneResults finetune(StageInput in) {
    write(Stage.FINETUNE, "finetune/sentiment/final/model.safetensors");
    return new FinetuneResults(List.of(new FinetuneResult("sentiment", 50, 0.7, 0.4, 40, 10,
        run + "/finetune/sentiment", 4.0)));
  }

  @Override
  public BaselinesResults baselines(StageInput in) {
    write(Stage.BASELINES, "baselines/sentiment/bow.json");
    return new BaselinesResults(List.of(new BaselinesResult("sentiment",
        run + "/baselines/sentiment/scratch/final", run + "/baselines/sentiment/bow.json",
        List.of(), 5.0)));
  }

  @Override
  public EvalResult evaluate(StageInput in) {
    write(Stage.EVALUATE, "eval/results.json");
    return new EvalResult(3.3, 27.1, 4.2, 1000,
        List.of(new TaskEval("sentiment", 0.8, 10, 0.5, List.of())), Double.NaN,
        0, List.of(), Double.NaN, List.of(), null, Double.NaN, Double.NaN, 6.0);
  }

  @Override
  public String write(StageInput in, RunSummary summary) {
    write(Stage.REPORT, "report.html");
    return run + "/report.html";
  }
}
