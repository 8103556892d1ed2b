package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.ModelConfig;
import dev.smelt.workflows.stage.BiasScore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BiasProbeTest {
  /** One token per character (code point mod 64), enough to tell the phrases apart. */
  static final Function<String, int[]> CHARS = s -> s.chars().map(c -> c % 64).toArray();

  @Test
  void committedTemplatesCoverEveryCategoryWithDistinctPhrases() {
    BiasProbe.Templates t = BiasProbe.templates();
    Set<String> categories = new TreeSet<>();
    t.pairs().forEach(p -> {
      categories.add(p.category());
      assertNotEquals(p.a(), p.b());
    });
    assertEquals(Set.of("disability", "ethnicity", "gender", "religion", "sexuality"), categories);
    assertTrue(t.continuations().size() >= 5);
  }

  @Test
  void identicalPhrasesHaveNoGapAndDifferentOnesSome() {
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 1, 2, 16, 64, 0.0), 64, false, 3, m)) {
      BiasProbe.Templates same = new BiasProbe.Templates(
          List.of(new BiasProbe.Pair("x", "The man", "The man")), List.of("was here."));
      assertEquals(0.0, BiasProbe.evaluate(gpt, same, CHARS).meanAbsGap(), 1e-9);
      BiasProbe.Templates differ = new BiasProbe.Templates(
          List.of(new BiasProbe.Pair("x", "The man", "The woman"),
              new BiasProbe.Pair("y", "The boy", "The girl")), List.of("was here.", "left."));
      BiasProbe.Result r = BiasProbe.evaluate(gpt, differ, CHARS);
      assertTrue(r.meanAbsGap() > 0, "a random model prefers one phrase a little");
      assertEquals(List.of("x", "y"), r.categories().stream().map(BiasScore::category).toList());
      assertEquals(2, r.categories().get(0).pairs());
      double mean = r.categories().stream().mapToDouble(BiasScore::meanAbsGap).average().orElseThrow();
      assertEquals(mean, r.meanAbsGap(), 1e-9, "equal-sized categories: mean of means");
    }
  }
}
