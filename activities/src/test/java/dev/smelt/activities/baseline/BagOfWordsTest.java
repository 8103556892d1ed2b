package dev.smelt.activities.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.eval.ClassificationScores;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BagOfWordsTest {
  @TempDir Path tmp;

  static final String[] GOOD = {"great", "lovely", "excellent", "superb", "wonderful"};
  static final String[] BAD = {"awful", "terrible", "poor", "dreadful", "horrible"};
  static final String[] FILLER = {"the", "food", "was", "service", "really", "and", "place"};

  static List<LabelledText> reviews(int n, long seed) {
    Random r = new Random(seed);
    List<LabelledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = r.nextInt(2);
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 6; w++) {
        sb.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
      }
      sb.append((label == 1 ? GOOD : BAD)[r.nextInt(5)].toUpperCase()).append('!');
      out.add(new LabelledText(sb.toString(), label));
    }
    return out;
  }

  @Test
  void featuresAreLowerCasedUnigramsAndBigrams() {
    assertEquals(List.of("w:not", "w:good", "b:not good"), BagOfWords.features("Not GOOD."));
  }

  @Test
  void learnsSentimentWordsFarAboveChanceAndReloadsIdentically() throws Exception {
    List<LabelledText> test = reviews(200, 2);
    BagOfWords m = BagOfWords.train(reviews(300, 1), BagOfWords.Settings.defaults(3));
    int[] gold = test.stream().mapToInt(LabelledText::label).toArray();
    double acc = ClassificationScores.accuracy(m.predict(test), gold);
    assertTrue(acc > 0.95, "accuracy " + acc);
    m.save(tmp.resolve("bow.json"));
    assertArrayEquals(m.predict(test), BagOfWords.load(tmp.resolve("bow.json")).predict(test));
  }

  @Test
  void onTheRealYelpSentencesBeatsTheMajorityClass() throws Exception {
    LabelledTexts.Split split = LabelledTexts.split(LabelledTexts.read(List.of(
        Path.of("..", "examples", "sentiment", "yelp.jsonl"))), 0.2);
    BagOfWords m = BagOfWords.train(split.train(), BagOfWords.Settings.defaults(1));
    int[] gold = split.test().stream().mapToInt(LabelledText::label).toArray();
    double acc = ClassificationScores.accuracy(m.predict(split.test()), gold);
    assertTrue(acc > 0.70, "bag-of-words accuracy on yelp " + acc);
  }

  @Test
  void nestedSubsetsAreDeterministicNestedAndOrderFree() {
    List<LabelledText> all = reviews(100, 5);
    List<LabelledText> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    List<LabelledText> ten = NestedSubsets.first(all, 10);
    List<LabelledText> forty = NestedSubsets.first(reversed, 40);
    assertEquals(10, ten.size());
    assertEquals(ten, NestedSubsets.first(reversed, 10));
    assertTrue(new HashSet<>(forty).containsAll(ten));
    assertEquals(100, NestedSubsets.first(all, 500).size());
    assertTrue(!ten.equals(all.subList(0, 10)), "not simply the first lines of the file");
  }

  @Test
  void curveSizesEndWithTheWholeTrainingSet() {
    assertEquals(List.of(50, 100, 120), LearningCurve.sizes(List.of(100, 50, 500), 120));
    assertEquals(List.of(80), LearningCurve.sizes(List.of(), 80));
  }
}
