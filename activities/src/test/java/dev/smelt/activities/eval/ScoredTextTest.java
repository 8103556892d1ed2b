package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScoredTextTest {
  /** No merges (vocabulary = specials + 256 bytes): one token per byte, easy to count by hand. */
  private static BpeTokenizer bytes;

  @BeforeAll
  static void tokenizer() {
    bytes = new ByteLevelBpeTrainer(BpeTokenizer.FIRST_MERGE_ID, 1, 0).train(List.of("ab c"));
  }

  private static int[] doc(String text) {
    int[] body = bytes.encode(text);
    int[] ids = java.util.Arrays.copyOf(body, body.length + 1);
    ids[body.length] = BpeTokenizer.END_OF_TEXT_ID;
    return ids;
  }

  @Test
  void firstTokenIsContextOnlyAndEndOfTextCountsNoBytes() {
    // "ab c" + EOT: scored are b, ' ', c, EOT -> 3 bytes, words "b" and "c".
    assertEquals(new ScoredText.Size(3, 2, 1, 1), ScoredText.of(bytes, List.of(doc("ab c")), 4));
  }

  @Test
  void countsOnlyTheScoredTokensAcrossDocuments() {
    List<int[]> docs = List.of(doc("ab c"), doc("é d")); // é is two bytes, two tokens
    assertEquals(new ScoredText.Size(2, 1, 1, 2), ScoredText.of(bytes, docs, 2), "b and ' '");
    assertEquals(new ScoredText.Size(5, 3, 2, 2), ScoredText.of(bytes, docs, 6),
        "b ' ' c EOT é: a split character still starts one word");
    assertEquals(new ScoredText.Size(7, 4, 2, 2), ScoredText.of(bytes, docs, 9), "all of it");
  }

  @Test
  void documentsWithoutEndOfTextStillSeparateWords() {
    List<int[]> docs = List.of(bytes.encode("ab"), bytes.encode("cd"));
    assertEquals(new ScoredText.Size(3, 2, 2, 2), ScoredText.of(bytes, docs, 3), "b | cd");
  }
}
