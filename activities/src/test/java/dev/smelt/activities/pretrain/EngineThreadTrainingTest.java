package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.workflows.stage.PretrainResult;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker loads the engine on whichever pool thread runs its first activity; training must still
 * work on the engine thread (PyTorch's grad mode is per thread).
 */
class EngineThreadTrainingTest {
  @TempDir Path dir;

  @Test
  void trainsOnTheEngineThreadAfterTheEngineWasLoadedElsewhere() throws Exception {
    Thread other = new Thread(Engine::getInstance, "pool-thread");
    other.start();
    other.join();
    PretrainResult r = EngineThread.call(() ->
        new Pretrainer(TinyRuns.job(TinyRuns.train(6, 0), dir), PretrainListener.NONE)
            .run(Optional.empty()));
    assertEquals(6, r.steps());
    assertTrue(Double.isFinite(r.lastLoss()));
  }
}
