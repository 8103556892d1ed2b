package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.run.FolderChecksum;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A workflow input is written by whoever can start a workflow: every stage activity refuses a
 * run folder outside its worker's runs root before it touches a file, and nothing there changes.
 */
class HostileRunDirTest {
  @TempDir Path dir;
  Path runs;
  Path sentinel;

  @BeforeEach
  void makeSentinel() throws IOException {
    runs = Files.createDirectories(dir.resolve("runs"));
    sentinel = Files.createDirectories(dir.resolve("sentinel"));
    Files.createDirectories(sentinel.resolve("data"));
    Files.writeString(sentinel.resolve("data/important.txt"), "keep me");
    Files.writeString(sentinel.resolve("config.yaml"), "name: mine\n");
    Files.writeString(runs.resolve("data"), "the runs root is no run folder");
    Files.createSymbolicLink(runs.resolve("linked"), sentinel);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SENTINEL", "RUNS/../sentinel", "RUNS/../../x", "RUNS", "RUNS/", "RUNS/.",
      "RUNS/..", "RUNS/linked", "RUNS/a/b", "RUNS/x y", "relative"})
  void everyStageRefusesAsNonRetryableAndNothingOutsideChanges(String spelled) {
    String runDir = spelled.replace("SENTINEL", sentinel.toString()).replace("RUNS", runs.toString());
    StageInput in = new StageInput("hostile", runDir, null);
    String before = FolderChecksum.of(dir);
    for (Consumer<StageInput> stage : stages()) {
      ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> stage.accept(in), runDir);
      assertTrue(f.isNonRetryable(), runDir);
      assertEquals(PermanentFailure.TYPE, f.getType());
    }
    assertEquals(before, FolderChecksum.of(dir), "files changed for run folder " + runDir);
  }

  private List<Consumer<StageInput>> stages() {
    return List.of(
        in -> new DataActivity(runs).prepare(in),
        in -> new TokenizerActivity(runs).train(in),
        in -> new PretrainActivity(runs).pretrain(in),
        in -> new FinetuneActivity(runs).finetune(in),
        in -> new BaselinesActivity(runs).baselines(in),
        in -> new EvaluateActivity(runs).evaluate(in),
        in -> new ReportActivity(runs).write(in, null),
        in -> new StageCacheActivity(runs).open(in, Stage.DATA, List.of()),
        in -> new StageCacheActivity(runs).cachedResult(in, Stage.DATA),
        in -> new StageCacheActivity(runs).finish(in, new StageCheck(Stage.DATA, "f", false, ""),
            null));
  }
}
