package dev.smelt.activities.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.workflows.stage.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bag-of-words under the curve's budget rule: validation every few epochs, patience. */
class BagOfWordsEarlyStopTest {
  private static List<LabelledText> texts(boolean flip) {
    List<LabelledText> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int label = i % 2;
      out.add(new LabelledText((label == 1 ? "good great" : "bad awful") + " w" + i,
          flip ? 1 - label : label));
    }
    return out;
  }

  @Test
  void aRisingValidationLossStopsItAtAMeasurement() {
    BagOfWords.Trained t = BagOfWords.train(texts(false), texts(true),
        BagOfWords.Settings.defaults(7), 5, 2);
    assertEquals(StopReason.EARLY_STOP, t.stop());
    assertEquals(15, t.epochs(), "best at epoch 5, then two measurements without a lower loss");
  }

  @Test
  void withoutValidationItTrainsEveryEpoch() {
    BagOfWords.Trained t = BagOfWords.train(texts(false), List.of(),
        BagOfWords.Settings.defaults(7), 5, 2);
    assertEquals(StopReason.MAX_STEPS, t.stop());
    assertEquals(200, t.epochs());
    assertTrue(t.model().predict("good great") == 1);
  }
}
