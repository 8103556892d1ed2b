package dev.smelt.activities.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.Pooling;
import dev.smelt.settings.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetunerTest {
  @TempDir Path tmp;

  /** "w7 w12" → [7, 12]. */
  static final Function<String, int[]> WORDS =
      s -> Arrays.stream(s.split(" ")).mapToInt(w -> Integer.parseInt(w.substring(1))).toArray();

  /** Label 0 texts use words 4..9, label 1 texts words 14..19. */
  static List<LabelledText> separable(int n, long seed) {
    Random r = new Random(seed);
    List<LabelledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = r.nextInt(2);
      StringBuilder sb = new StringBuilder();
      for (int w = 0, len = 2 + r.nextInt(6); w < len; w++) {
        sb.append(w == 0 ? "" : " ").append('w').append(4 + label * 10 + r.nextInt(6));
      }
      out.add(new LabelledText(sb.toString(), label));
    }
    return out;
  }

  /**
   * A 2-layer width-32 backbone over 24 tokens written to {@code dir} as pre-training leaves it;
   * {@code bidirectional}: a masked-LM one.
   */
  static Path backbone(Path dir, boolean bidirectional) throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 2, 2, 32, 16, 0.1), 24, bidirectional, 1, m)) {
      GptFiles.write(dir, gpt, Map.of(),
          bidirectional ? Map.of("objective", "masked") : Map.of());
    }
    return dir;
  }

  @Test
  void learnsATriviallySeparableTaskAndReloads() throws Exception {
    Path pretrained = backbone(tmp.resolve("pretrain/final"), false);
    FinetuneConfig cfg = new FinetuneConfig("toy", List.of(), 40, 8, 2e-3, 4, 0.01, 12, 0.2, List.of(), 0);
    List<LabelledText> test = separable(40, 2);
    FinetuneOutcome out = Finetuner.run(new FinetuneJob(cfg, pretrained, separable(80, 1), test,
        WORDS, 7, tmp.resolve("finetune/toy"), "cpu"), step -> {});

    assertEquals(2, out.numClasses());
    assertTrue(out.accuracy() >= 0.95, "accuracy " + out.accuracy());
    assertTrue(out.lastLoss() < out.firstLoss(), out.firstLoss() + " -> " + out.lastLoss());
    assertEquals(41, Files.readAllLines(tmp.resolve("finetune/toy/metrics.jsonl")).size());
    try (NDManager m = NDManager.newBaseManager();
        Classifier reloaded = Classifier.load(out.modelDir(), m)) {
      List<int[]> encoded = test.stream().map(e -> ClassifierInputs.encode(WORDS, e.text(), 12)).toList();
      assertEquals(out.accuracy(), Finetuner.accuracy(reloaded, encoded, test, cfg));
    }
  }

  @Test
  void meanPoolingLearnsAndIsKeptInTheSavedModel() throws Exception {
    Path pretrained = backbone(tmp.resolve("mean/pre"), false);
    FinetuneConfig cfg = new FinetuneConfig("toy", List.of(), 30, 8, 2e-3, 4, 0.01, 12, 0.2,
        List.of(), 0).withPooling(Pooling.MEAN);
    List<LabelledText> test = separable(40, 2);
    FinetuneOutcome out = Finetuner.run(new FinetuneJob(cfg, pretrained, separable(80, 1), test,
        WORDS, 7, tmp.resolve("mean/toy"), "cpu"), step -> {});
    assertTrue(out.accuracy() >= 0.9, "accuracy " + out.accuracy());
    try (NDManager m = NDManager.newBaseManager();
        Classifier reloaded = Classifier.load(out.modelDir(), m)) {
      assertEquals(Pooling.MEAN, reloaded.pooling());
      List<int[]> encoded = test.stream().map(e -> ClassifierInputs.encode(WORDS, e.text(), 12)).toList();
      assertEquals(out.accuracy(), Finetuner.accuracy(reloaded, encoded, test, cfg));
    }
  }

  @Test
  void aFrozenBackboneKeepsItsWeightsWhileTheHeadLearns() throws Exception {
    Path pretrained = backbone(tmp.resolve("frozen/pre"), false);
    FinetuneConfig cfg = new FinetuneConfig("toy", List.of(), 40, 8, 1e-2, 4, 0.01, 12, 0.2,
        List.of(), 0).withPooling(Pooling.MEAN).withFrozenBackbone(true);
    List<LabelledText> test = separable(40, 2);
    FinetuneOutcome out = Finetuner.run(new FinetuneJob(cfg, pretrained, separable(80, 1), test,
        WORDS, 7, tmp.resolve("frozen/toy"), "cpu"), step -> {});
    assertTrue(out.accuracy() >= 0.9, "accuracy " + out.accuracy());
    assertTrue(out.lastLoss() < out.firstLoss(), out.firstLoss() + " -> " + out.lastLoss());
    try (NDManager m = NDManager.newBaseManager();
        Gpt before = GptFiles.read(pretrained, m).gpt();
        Classifier after = Classifier.load(out.modelDir(), m)) {
      before.parameters().forEach((name, w) ->
          assertTrue(w.contentEquals(after.parameters().get(name)), name + " moved"));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      GptFiles.Loaded saved = GptFiles.read(out.modelDir(), m);
      assertTrue(saved.config().path("smelt").path("frozen_backbone").asBoolean());
      saved.gpt().close();
    }
    // The same rule from scratch trains every weight: a frozen random network is no baseline.
    assertTrue(!Finetuner.frozen(new FinetuneJob(cfg, pretrained, test, test, WORDS, 7,
        tmp.resolve("frozen/scratch"), "cpu", true, false)));
  }

  @Test
  void poolWeightsSelectTheLastTokenOrAverageTheRealOnes() {
    assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0},
        Classifier.poolWeights(Pooling.LAST, new int[] {2, 0}, 4));
    assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f, 0, 1, 0, 0, 0},
        Classifier.poolWeights(Pooling.MEAN, new int[] {2, 0}, 4));
  }

  @Test
  void fineTunesAMaskedLmBackboneKeepingItBidirectional() throws Exception {
    Path pretrained = backbone(tmp.resolve("mlm/final"), true);
    FinetuneConfig cfg = new FinetuneConfig("toy", List.of(), 30, 8, 2e-3, 4, 0.01, 12, 0.2, List.of(), 0);
    List<LabelledText> test = separable(40, 2);
    FinetuneOutcome out = Finetuner.run(new FinetuneJob(cfg, pretrained, separable(80, 1), test,
        WORDS, 7, tmp.resolve("finetune/mlm"), "auto"), step -> {});
    assertTrue(out.accuracy() >= 0.9, "accuracy " + out.accuracy());
    try (NDManager m = NDManager.newBaseManager();
        Classifier reloaded = Classifier.load(out.modelDir(), m)) {
      assertTrue(reloaded.bidirectional(), "the saved classifier keeps the backbone's attention");
    }
  }

  @Test
  void fromScratchKeepsTheArchitectureButNotTheWeightsOfThePretrainedModel() throws Exception {
    Path pretrained = backbone(tmp.resolve("pre/final"), true);
    try (NDManager m = NDManager.newBaseManager();
        Classifier pre = Classifier.fromPretrained(pretrained, 2, 7, m);
        Classifier scratch = Classifier.fromScratch(pretrained, 2, 7, Pooling.LAST, m, m.getDevice())) {
      assertEquals(pre.parameters().keySet(), scratch.parameters().keySet());
      assertTrue(scratch.bidirectional(), "attention follows the pre-trained model's");
      for (String name : List.of("wte.weight", "h.1.attn.c_attn.weight")) {
        assertEquals(pre.parameters().get(name).getShape(), scratch.parameters().get(name).getShape());
        assertTrue(!pre.parameters().get(name).contentEquals(scratch.parameters().get(name)), name);
      }
    }
    FinetuneConfig cfg = new FinetuneConfig("toy", List.of(), 5, 8, 2e-3, 1, 0.01, 12, 0.2,
        List.of(), 0);
    FinetuneOutcome out = Finetuner.run(new FinetuneJob(cfg, pretrained, separable(40, 1),
        separable(10, 2), WORDS, 7, tmp.resolve("scratch"), "cpu", true, false), step -> {});
    assertEquals(10, out.testPredictions().length);
    assertEquals(null, out.modelDir(), "a curve point saves no model");
    assertTrue(!Files.exists(tmp.resolve("scratch/final")));
  }

  @Test
  void encodingTruncatesAndEndsWithEndOfText() {
    assertEquals(List.of(5, 6, 0), Arrays.stream(ClassifierInputs.encode(WORDS, "w5 w6 w7 w8", 3))
        .boxed().toList());
    assertEquals(List.of(0), Arrays.stream(ClassifierInputs.encode(s -> new int[0], "", 3))
        .boxed().toList());
  }
}
