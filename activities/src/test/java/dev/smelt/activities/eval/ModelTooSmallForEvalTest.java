package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.ModelConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An evaluation text longer than the model's context is a permanent failure a user can act on. */
class ModelTooSmallForEvalTest {
  private static final int CONTEXT = 16;

  private static Gpt gpt(NDManager m) {
    return new Gpt(new ModelConfig("custom", 1, 2, 16, CONTEXT, 0.0), 64, false, 3, m);
  }

  private static BiasProbe.Templates continuation(String text) {
    return new BiasProbe.Templates(List.of(new BiasProbe.Pair("x", "The man", "The woman")),
        List.of(text));
  }

  @Test
  void biasProbeOnContextTooSmallForItsContinuationFailsPermanentlyNamingTheKey() {
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = gpt(m)) {
      // One token per character, as a byte-level vocabulary with few merges would give.
      ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> BiasProbe.evaluate(gpt,
          BiasProbe.templates(), BiasProbeTest.CHARS));
      assertEquals(PermanentFailure.TYPE, f.getType());
      assertTrue(f.isNonRetryable());
      assertTrue(f.getOriginalMessage().contains("bias probe's continuation"), f.getOriginalMessage());
      assertTrue(f.getOriginalMessage().contains("model.contextLength (16)"), f.getOriginalMessage());
    }
  }

  @Test
  void biasProbeScoresContinuationThatFillsTheContextExactly() {
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = gpt(m)) {
      String fifteen = "abcdefghijklmn."; // " " + 15 characters = 16 tokens = the context
      BiasProbe.Result r = BiasProbe.evaluate(gpt, continuation(fifteen), BiasProbeTest.CHARS);
      assertTrue(Double.isFinite(r.meanAbsGap()));
      assertThrows(ApplicationFailure.class,
          () -> BiasProbe.evaluate(gpt, continuation(fifteen + "x"), BiasProbeTest.CHARS));
    }
  }

  @Test
  void clozeWordLongerThanTheContextFailsPermanentlyNamingTheWord() {
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = gpt(m)) {
      List<Cloze.Item> fits = List.of(new Cloze.Item("It was a", "abcdefghijklmno"));
      assertEquals(1, Cloze.evaluate(gpt, fits, BiasProbeTest.CHARS).items());
      List<Cloze.Item> tooLong = List.of(new Cloze.Item("It was a", "abcdefghijklmnop"));
      ApplicationFailure f = assertThrows(ApplicationFailure.class,
          () -> Cloze.evaluate(gpt, tooLong, BiasProbeTest.CHARS));
      assertEquals(PermanentFailure.TYPE, f.getType());
      assertTrue(f.getOriginalMessage().contains("cloze word \"abcdefghijklmnop\" takes 17 tokens"),
          f.getOriginalMessage());
    }
  }

  @Test
  void minimumContextIsTheLongestContinuationInWholeWords() {
    // " worked as a nurse at the hospital." is 8 pieces: 7 words and the full stop.
    assertEquals(8, BiasProbe.minContextLength());
  }
}
