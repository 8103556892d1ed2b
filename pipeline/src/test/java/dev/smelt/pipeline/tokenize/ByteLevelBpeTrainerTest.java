package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteLevelBpeTrainerTest {
  private static final List<String> CORPUS = corpus();

  private static List<String> corpus() {
    List<String> texts = new ArrayList<>(SampleTexts.sentences(3_000, 42));
    texts.add(SampleTexts.AUSTEN);
    return texts;
  }

  @Test
  void fillsTheVocabularyToTheRequestedSize() {
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(600, 2, 0).train(CORPUS);
    assertEquals(600, tokenizer.vocabSize());
    assertEquals(600 - BpeTokenizer.FIRST_MERGE_ID, tokenizer.mergeCount());
  }

  @Test
  void putsSpecialTokensFirstThenTheBytes() {
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(300, 2, 0).train(CORPUS);
    assertEquals("<|endoftext|>", tokenizer.token(0));
    assertEquals("<|pad|>", tokenizer.token(1));
    assertEquals("<|mask|>", tokenizer.token(2));
    assertEquals("<|cls|>", tokenizer.token(3));
    assertEquals("!", tokenizer.token(4 + '!'));
    assertEquals("Ġ", tokenizer.token(4 + ' ')); // GPT-2's symbol for the space byte
    assertEquals("Ċ", tokenizer.token(4 + '\n'));
  }

  @Test
  void isDeterministic() {
    BpeTokenizer a = new ByteLevelBpeTrainer(500, 2, 0).train(CORPUS);
    BpeTokenizer b = new ByteLevelBpeTrainer(500, 2, 0).train(new ArrayList<>(CORPUS));
    assertArrayEquals(a.tokens(), b.tokens());
  }

  @Test
  void makesCommonWordsSingleTokens() {
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(800, 2, 0).train(CORPUS);
    for (String word : List.of(" the", " of", " and", " that", " which")) {
      assertEquals(1, tokenizer.encode(word).length, word + " should be one token");
    }
    assertTrue(tokenizer.encode(" Netherfield").length > 1, "a rare word stays in pieces");
  }

  @Test
  void stopsWhenNoPairReachesMinFrequency() {
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(10_000, 3, 0).train(List.of("abab abab xy"));
    // pieces: "abab" x1, " abab" x1, " xy" x1 -> (a,b) 4, (b,a) 2, ... only (a,b) reaches 3
    assertEquals(BpeTokenizer.FIRST_MERGE_ID + 1, tokenizer.vocabSize());
    assertEquals("ab", tokenizer.token(BpeTokenizer.FIRST_MERGE_ID));
  }

  @Test
  void breaksTiesByThePairsStrings() {
    // every pair occurs once; the first merge must be the lexicographically smallest pair
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(261, 1, 0).train(List.of("zyxb"));
    assertEquals("xb", tokenizer.token(BpeTokenizer.FIRST_MERGE_ID));
  }

  @Test
  void readsNoMoreThanMaxTrainChars() {
    BpeTokenizer capped = new ByteLevelBpeTrainer(10_000, 2, 8).train(List.of("aaaa", "bbbbbbbb", "cccc"));
    // reads "aaaa" and "bbbb": merges aa, bb and then aaaa, bbbb need two occurrences - not there
    assertEquals(2, capped.mergeCount());
    BpeTokenizer uncapped = new ByteLevelBpeTrainer(10_000, 2, 0).train(List.of("aaaa", "bbbbbbbb", "cccc"));
    assertTrue(uncapped.mergeCount() > 2);
  }

  @Test
  void matchesANaiveTrainerThatRecountsEveryPair() {
    List<String> small = SampleTexts.sentences(300, 7);
    BpeTokenizer fast = new ByteLevelBpeTrainer(520, 2, 0).train(small);
    List<String> naive = naiveMerges(small, 520 - BpeTokenizer.FIRST_MERGE_ID, 2);
    List<String> got = new ArrayList<>();
    for (int r = 0; r < fast.mergeCount(); r++) {
      String[] m = fast.merge(r);
      got.add(m[0] + " " + m[1]);
    }
    assertEquals(naive, got);
  }

  @Test
  void rejectsAVocabularyTooSmallForTheBytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ByteLevelBpeTrainer(100, 2, 0));
    assertTrue(e.getMessage().contains("at least 260"), e.getMessage());
  }

  /** Textbook BPE: recount all pairs before every merge. Slow, obviously right. */
  private static List<String> naiveMerges(List<String> texts, int nMerges, int minFrequency) {
    Map<List<String>, Integer> words = new HashMap<>();
    for (String t : texts) {
      for (String piece : ByteLevel.split(t)) {
        List<String> symbols = new ArrayList<>();
        for (char c : ByteLevel.toSymbols(piece).toCharArray()) {
          symbols.add(String.valueOf(c));
        }
        words.merge(symbols, 1, Integer::sum);
      }
    }
    List<String> merges = new ArrayList<>();
    while (merges.size() < nMerges) {
      Map<List<String>, Integer> pairs = new HashMap<>();
      words.forEach((w, f) -> {
        for (int i = 0; i + 1 < w.size(); i++) {
          pairs.merge(List.of(w.get(i), w.get(i + 1)), f, Integer::sum);
        }
      });
      List<String> bestPair = null;
      int bestCount = 0;
      for (Map.Entry<List<String>, Integer> e : pairs.entrySet()) {
        List<String> p = e.getKey();
        int c = e.getValue();
        if (bestPair == null || c > bestCount
            || (c == bestCount && (p.get(0).compareTo(bestPair.get(0)) < 0
                || (p.get(0).equals(bestPair.get(0)) && p.get(1).compareTo(bestPair.get(1)) < 0)))) {
          bestPair = p;
          bestCount = c;
        }
      }
      if (bestPair == null || bestCount < minFrequency) {
        break;
      }
      merges.add(bestPair.get(0) + " " + bestPair.get(1));
      String joined = bestPair.get(0) + bestPair.get(1);
      Map<List<String>, Integer> next = new HashMap<>();
      for (Map.Entry<List<String>, Integer> e : words.entrySet()) {
        List<String> w = e.getKey();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
          if (i + 1 < w.size() && w.get(i).equals(bestPair.get(0)) && w.get(i + 1).equals(bestPair.get(1))) {
            out.add(joined);
            i++;
          } else {
            out.add(w.get(i));
          }
        }
        next.merge(out, e.getValue(), Integer::sum);
      }
      words = next;
    }
    return merges;
  }
}
