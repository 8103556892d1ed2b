package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.workflows.stage.Contamination;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgramOverlapTest {
  static final String TRAIN = "It is a truth universally acknowledged, that a single man in "
      + "possession of a good fortune, must be in want of a wife.";

  @Test
  void flagsTextSharingAnNgramIgnoringCaseAndPunctuation() {
    NgramOverlap idx = NgramOverlap.of(List.of(
        "Everyone knows THAT a single man in possession of a good... dog",
        "a single man in possession of a dog", "short", "nothing like it at all here, no"), 8);
    idx.scan(TRAIN);
    assertTrue(idx.contaminated(0));
    assertFalse(idx.contaminated(1), "only 7 words shared");
    assertFalse(idx.contaminated(2));
    assertEquals(1, idx.contaminated());
  }

  @Test
  void flagsEveryItemHoldingTheSharedNgramEvenWhenItemsRepeatIt() {
    String shared = "that a single man in possession of a good";
    NgramOverlap idx = NgramOverlap.of(List.of(shared, "unrelated words only here", shared + " " + shared), 8);
    idx.scan(TRAIN);
    assertEquals(2, idx.contaminated());
    assertTrue(idx.contaminated(0) && idx.contaminated(2));
  }

  @Test
  void checkMatchesSentenceSetsOnEightGramsAndDocumentSetsOnTheConfiguredN() {
    List<EvalSet> sets = List.of(
        new EvalSet("sentences", true, List.of("THAT a single man in possession of a good dog.")),
        new EvalSet("documents", false, List.of(
            "that a single man in possession of a good fortune, must be in trouble",
            "that a single man in possession of a good fortune, must be")));
    assertEquals(List.of(new Contamination("sentences", 8, 1, 1), new Contamination("documents", 13, 2, 1)),
        NgramOverlap.check(List.of(TRAIN), 13, sets), "the second document shares only 12 words");
  }

  @Test
  void streamedTrainingTextsFlagEveryItemHoldingAnNgramTheyShare() throws Exception {
    String shared = "that a single man in possession of a good fortune";
    List<EvalSet> sets = List.of(new EvalSet("documents", true, List.of(
        "first: " + shared + ", first", "second, " + shared + " again", "nothing in common here "
            + "with the novel at all, not one run of words")));
    List<String> seen = new java.util.ArrayList<>();
    Texts train = each -> {
      for (String t : List.of("an unrelated opening text of some length here", TRAIN)) {
        seen.add(t);
        each.accept(t);
      }
    };
    assertEquals(List.of(new Contamination("documents", 8, 3, 2)),
        NgramOverlap.check(train, 13, sets));
    assertEquals(2, seen.size(), "the training texts are read once for all sets");
  }

  @Test
  void clozeItemsEndInTheSentencesLastWordAndKeepTheContextBeforeIt() {
    String doc = "She walked into the garden and looked at the flowers. Hi there. "
        + "Then she sat down by the old stone wall near the river!  More";
    List<Cloze.Item> items = Cloze.items(List.of(doc), 10);
    assertEquals(2, items.size(), items.toString());
    assertEquals(new Cloze.Item("She walked into the garden and looked at the", "flowers"),
        items.get(0));
    assertTrue(items.get(1).context().endsWith("near the"), items.get(1).context());
    assertEquals("river", items.get(1).word());
    assertEquals(1, Cloze.items(List.of(doc), 1).size());
  }
}
