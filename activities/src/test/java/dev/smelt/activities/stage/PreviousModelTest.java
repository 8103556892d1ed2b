package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.eval.Perplexity;
import dev.smelt.activities.eval.TokenDocs;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.pretrain.InitModel;
import dev.smelt.activities.pretrain.WarmStart;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.settings.EvalConfig;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.TaskEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm-started run's evaluation also scores the model it began from on the same held-out data
 * (eval/previous.json); a cold run writes no comparison.
 */
class PreviousModelTest {
  private static final ModelConfig MODEL = new ModelConfig("custom", 1, 2, 16, 8, 0.0);

  @TempDir Path runs;

  private static RunConfig config(String initFrom) {
    return new RunConfig("x", 1, null, null, MODEL,
        new PretrainConfig("causal", 1, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 8, 1, 0, 0, 0, 0, 0.15,
            "cpu", WorkerQueue.CPU, initFrom),
        new FinetuneConfig("sentiment", List.of(), 1, 1, 1e-3, 0, 0, 8, 0.2, List.of(), 0),
        new EvalConfig(0, 10, 0, 13, List.of()));
  }

  @Test
  void scoresThePreviousModelOnThisRunsHeldOutDataBesideThisRunsOwnScores() throws Exception {
    Path oldFinal = runs.resolve("old/pretrain/final");
    List<int[]> val = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      val.add(new int[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0});
    }
    double expected;
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = new Gpt(MODEL, 20, false, 7, m)) {
      GptFiles.write(oldFinal, gpt, Map.of(), Map.of());
      expected = Perplexity.evaluate(gpt, val, RunEvaluation.BATCH, 0).perplexity();
    }
    RunFolder next = new RunFolder(Files.createDirectories(runs.resolve("next")));
    WarmStart.pin(next, new InitModel("old", oldFinal,
        CheckpointStore.sha256(oldFinal.resolve(GptFiles.WEIGHTS))));
    EvalResult now = new EvalResult(3.3, 27.1, 4.2, 1000,
        List.of(new TaskEval("sentiment", 0.8, 10, 0.5, List.of())), Double.NaN, 0, List.of(), Double.NaN, List.of(), null, Double.NaN, Double.NaN, 6.0);
    try (NDManager root = NDManager.newBaseManager()) {
      PreviousModel.Comparison c = PreviousModel.compare(next, config("old"), now,
          new PreviousModel.EvalData(TokenDocs.of(val), null, null), root).orElseThrow();
      assertEquals("old", c.previousRun());
      assertEquals(expected, c.previousPerplexity(), 1e-9);
      assertTrue(c.previousPerplexity() > 10, "an untrained model is near vocabulary 20: "
          + c.previousPerplexity());
      assertEquals(27.1, c.perplexity());
      assertTrue(Double.isNaN(c.previousAccuracy()), "run old has no classifier");
      assertTrue(Files.isRegularFile(next.eval().resolve(PreviousModel.FILE)));

      RunFolder cold = new RunFolder(Files.createDirectories(runs.resolve("cold")));
      assertTrue(PreviousModel.compare(cold, config(PretrainConfig.NO_INIT), now,
          new PreviousModel.EvalData(TokenDocs.of(val), null, null), root).isEmpty());
      assertTrue(!Files.exists(cold.eval().resolve(PreviousModel.FILE)));
    }
  }
}
