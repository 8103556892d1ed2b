package dev.smelt.activities.pretrain;

import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small learnable data and shapes shared by the training tests. */
final class TinyRuns {
  static final int VOCAB = 24;
  static final ModelConfig MODEL = new ModelConfig("custom", 2, 2, 32, 16, 0.1);

  private TinyRuns() {}

  /** Documents that count upwards through 12 token ids from varying starts: easy to predict. */
  static List<int[]> countingDocs(int n, long salt) {
    List<int[]> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] d = new int[21];
      int first = (int) ((i * 7 + salt) % 12);
      for (int j = 0; j < 20; j++) {
        d[j] = 4 + (first + j) % 12;
      }
      d[20] = 0;
      docs.add(d);
    }
    return docs;
  }

  /**
   * Documents of one token repeated: a masked token is named by the rest of its window, which a
   * tiny model learns in 100 steps and carries over to unseen windows (on counting documents a
   * masked LM this small only memorises in that time).
   */
  static List<int[]> repeatedDocs(int n, long salt) {
    List<int[]> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] d = new int[21];
      java.util.Arrays.fill(d, 4 + (int) ((i * 7 + salt) % 20));
      d[20] = 0;
      docs.add(d);
    }
    return docs;
  }

  static PretrainConfig train(int steps, int checkpointEvery) {
    return train("causal", steps, checkpointEvery);
  }

  static PretrainConfig train(String objective, int steps, int checkpointEvery) {
    return new PretrainConfig(objective, steps, 8, 3e-3, 3e-4, 5, 0.1, 1.0, 1, 0,
        checkpointEvery, 2, 30, 1, 0, 0, 0, 0, 0.15, "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT);
  }

  /** {@code base} with validation every {@code evalEvery} steps. */
  static PretrainConfig evalEvery(PretrainConfig b, int evalEvery) {
    return new PretrainConfig(b.objective(), b.steps(), b.batchSize(), b.learningRate(),
        b.minLearningRate(), b.warmupSteps(), b.weightDecay(), b.gradClip(), b.logEvery(),
        evalEvery, b.checkpointEvery(), b.keepCheckpoints(), b.heartbeatTimeoutSeconds(),
        b.gradAccumulation(), b.maxMinutes(), b.earlyStopPatience(), b.earlyStopMinDelta(),
        b.checkpointEveryMinutes(), b.maskProbability(), b.device(), b.queue(), b.initFrom());
  }

  /** {@code base} with the stopping and timing rules given. */
  static PretrainConfig rules(PretrainConfig b, int gradAccumulation, double maxMinutes,
      int patience, double minDelta, double checkpointEveryMinutes) {
    return new PretrainConfig(b.objective(), b.steps(), b.batchSize(), b.learningRate(),
        b.minLearningRate(), b.warmupSteps(), b.weightDecay(), b.gradClip(), b.logEvery(),
        b.evalEvery(), b.checkpointEvery(), b.keepCheckpoints(), b.heartbeatTimeoutSeconds(),
        gradAccumulation, maxMinutes, patience, minDelta, checkpointEveryMinutes,
        b.maskProbability(), b.device(), b.queue(), b.initFrom());
  }

  /** {@code base} warm-starting from {@code initFrom} (none, last or a run id). */
  static PretrainConfig initFrom(PretrainConfig b, String initFrom) {
    return new PretrainConfig(b.objective(), b.steps(), b.batchSize(), b.learningRate(),
        b.minLearningRate(), b.warmupSteps(), b.weightDecay(), b.gradClip(), b.logEvery(),
        b.evalEvery(), b.checkpointEvery(), b.keepCheckpoints(), b.heartbeatTimeoutSeconds(),
        b.gradAccumulation(), b.maxMinutes(), b.earlyStopPatience(), b.earlyStopMinDelta(),
        b.checkpointEveryMinutes(), b.maskProbability(), b.device(), b.queue(), initFrom);
  }

  static PretrainJob job(PretrainConfig train, Path out) {
    return job(MODEL, train, out);
  }

  static PretrainJob job(ModelConfig model, PretrainConfig train, Path out) {
    return new PretrainJob(model, train, VOCAB, 42, countingDocs(40, 0), countingDocs(8, 5), out);
  }
}
