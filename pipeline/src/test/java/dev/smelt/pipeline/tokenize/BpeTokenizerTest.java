package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {
  static final List<String> EDGE_CASES = List.of(
      "", " ", "  ", "\n", "\r\n", "\t", " \n ", "a", "   leading", "trailing   ", "two  spaces",
      "line\r\nbreak\n\n\nend\n", "I'm here, you're there; it's 2024! We'll see... they'd've",
      "emoji 😀👍🏽 and 👨‍👩‍👧 family", "中文字符和日本語のテキスト", "한국어 텍스트",
      "combining: e\u0301 a\u0308 n\u0303", "nbsp\u00a0here\u2003em\u3000ideographic",
      "zero\u200bwidth", "tabs\tand\u000bvertical\u000cfeed", "控制\u0000nul\u0001",
      "∑ x² ≤ ∞ → ½", "<|endoftext|> in the text", "ÿþ\u00ad soft hyphen", "123 4567 89.5 -3",
      "$$$ ### !!! ???", "Ünïcödé Ωμέγα кириллица", "\ud83e\udd16\ud83e\udd16\ud83e\udd16");

  static BpeTokenizer tokenizer;

  @BeforeAll
  static void train() {
    List<String> texts = new ArrayList<>(SampleTexts.sentences(2_000, 1));
    texts.add(SampleTexts.AUSTEN);
    texts.addAll(EDGE_CASES);
    tokenizer = new ByteLevelBpeTrainer(700, 2, 0).train(texts);
  }

  @Test
  void roundTripsEdgeCases() {
    for (String s : EDGE_CASES) {
      assertEquals(s, tokenizer.decode(tokenizer.encode(s)), () -> "round trip of " + escape(s));
    }
  }

  @Test
  void roundTripsRandomUnicodeStrings() {
    Random random = new Random(12345);
    for (int n = 0; n < 2_000; n++) {
      String s = randomString(random, random.nextInt(40));
      assertEquals(s, tokenizer.decode(tokenizer.encode(s)), () -> "round trip of " + escape(s));
    }
  }

  @Test
  void encodesTheEmptyStringAsNoTokens() {
    assertEquals(0, tokenizer.encode("").length);
    assertEquals("", tokenizer.decode(new int[0]));
  }

  @Test
  void treatsSpecialTokenTextAsPlainText() {
    int[] ids = tokenizer.encode("<|endoftext|>");
    assertTrue(ids.length > 1);
    for (int id : ids) {
      assertTrue(id >= BpeTokenizer.FIRST_BYTE_ID);
    }
  }

  @Test
  void decodesSpecialTokensUnlessAskedToSkipThem() {
    int[] ids = concat(tokenizer.encode("one"), new int[] {BpeTokenizer.END_OF_TEXT_ID},
        tokenizer.encode(" two"), new int[] {BpeTokenizer.PAD_ID});
    assertEquals("one<|endoftext|> two<|pad|>", tokenizer.decode(ids));
    assertEquals("one two", tokenizer.decode(ids, true));
  }

  @Test
  void encodesLongRunsWithTheMergesLearnedOnShortOnes() {
    BpeTokenizer dashes = new ByteLevelBpeTrainer(300, 1, 0).train(List.of("-".repeat(40), "x-y--z---"));
    String run = "-".repeat(50_001);
    int[] ids = dashes.encode(run);
    assertEquals(run, dashes.decode(ids));
    assertTrue(ids.length < 50_001 / 8, "merges apply inside long pieces: " + ids.length);
    assertArrayEquals(textbookEncode(dashes, "-".repeat(301)), dashes.encode("-".repeat(301)));
  }

  @Test
  void encodesLikeTheTextbookAlgorithm() {
    Random random = new Random(777);
    List<String> texts = new ArrayList<>(SampleTexts.sentences(40, 5));
    for (int i = 0; i < 300; i++) {
      texts.add(randomString(random, random.nextInt(30)));
    }
    for (String text : texts) {
      assertArrayEquals(textbookEncode(tokenizer, text), tokenizer.encode(text), () -> escape(text));
    }
  }

  /** GPT-2's bpe(): merge the lowest-ranked pair everywhere, left to right, until none is left. */
  static int[] textbookEncode(BpeTokenizer t, String text) {
    List<String> merges = new ArrayList<>();
    for (int r = 0; r < t.mergeCount(); r++) {
      String[] m = t.merge(r);
      merges.add(m[0] + " " + m[1]);
    }
    List<String> vocab = List.of(t.tokens());
    List<Integer> out = new ArrayList<>();
    for (String piece : ByteLevel.split(text)) {
      List<String> word = new ArrayList<>();
      for (char c : ByteLevel.toSymbols(piece).toCharArray()) {
        word.add(String.valueOf(c));
      }
      while (word.size() > 1) {
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < word.size(); i++) {
          int rank = merges.indexOf(word.get(i) + " " + word.get(i + 1));
          if (rank >= 0 && rank < bestRank) {
            bestRank = rank;
          }
        }
        if (bestRank == Integer.MAX_VALUE) {
          break;
        }
        String[] pair = merges.get(bestRank).split(" ");
        List<String> next = new ArrayList<>();
        for (int i = 0; i < word.size(); i++) {
          if (i + 1 < word.size() && word.get(i).equals(pair[0]) && word.get(i + 1).equals(pair[1])) {
            next.add(pair[0] + pair[1]);
            i++;
          } else {
            next.add(word.get(i));
          }
        }
        word = next;
      }
      word.forEach(w -> out.add(vocab.indexOf(w)));
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void encodingIsTheSameWithAndWithoutTheCache() {
    BpeTokenizer fresh = new BpeTokenizer(tokenizer.tokens(), leftOf(tokenizer), rightOf(tokenizer), resultOf(tokenizer));
    String text = String.join(" ", SampleTexts.sentences(50, 99));
    int[] warm = tokenizer.encode(text);
    assertArrayEquals(warm, fresh.encode(text));
    assertArrayEquals(warm, fresh.encode(text));
  }

  @Test
  void savesAndLoadsHuggingFaceJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer").resolve("tokenizer.json");
    tokenizer.save(file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertEquals("1.0", json.get("version").asText());
    assertEquals("BPE", json.at("/model/type").asText());
    assertEquals("ByteLevel", json.at("/pre_tokenizer/type").asText());
    assertEquals("ByteLevel", json.at("/decoder/type").asText());
    assertTrue(json.at("/model/unk_token").isNull());
    assertEquals(4, json.get("added_tokens").size());
    assertTrue(json.at("/added_tokens/0/special").asBoolean());
    assertEquals(0, json.at("/model/vocab").get("<|endoftext|>").asInt());
    assertEquals(tokenizer.vocabSize(), json.at("/model/vocab").size());
    assertEquals(tokenizer.mergeCount(), json.at("/model/merges").size());
    assertTrue(json.at("/model/merges/0").asText().matches("\\S+ \\S+"));

    BpeTokenizer loaded = BpeTokenizer.load(file);
    assertArrayEquals(tokenizer.tokens(), loaded.tokens());
    for (String s : EDGE_CASES) {
      assertArrayEquals(tokenizer.encode(s), loaded.encode(s));
    }
  }

  @Test
  void survivesJavaSerializationAsBeamDoes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(tokenizer);
    }
    BpeTokenizer copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (BpeTokenizer) in.readObject();
    }
    String text = SampleTexts.AUSTEN;
    assertArrayEquals(tokenizer.encode(text), copy.encode(text));
  }

  @Test
  void loadingAMissingFileSaysWhatToDo(@TempDir Path dir) {
    Exception e = assertThrows(java.io.IOException.class, () -> BpeTokenizer.load(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("train the tokenizer first"), e.getMessage());
  }

  @Test
  void loadingAWordPieceFileIsRejectedWithTheReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, "{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0}}}");
    Exception e = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.load(file));
    assertTrue(e.getMessage().contains("model.type must be BPE"), e.getMessage());
  }

  @Test
  void rejectsIdsOutsideTheVocabulary() {
    Exception e = assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {tokenizer.vocabSize()}));
    assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
  }

  static String randomString(Random random, int codePoints) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int kind = random.nextInt(10);
      int cp = switch (kind) {
        case 0, 1, 2 -> 0x20 + random.nextInt(0x5F); // printable ASCII
        case 3 -> " \t\n\r".charAt(random.nextInt(4));
        case 4 -> 0xA0 + random.nextInt(0x2F60); // Latin-1 .. general punctuation, combining marks
        case 5 -> 0x4E00 + random.nextInt(0x5000); // CJK
        case 6 -> 0x1F300 + random.nextInt(0x300); // emoji
        case 7 -> random.nextInt(0x20); // controls
        case 8 -> 0x10000 + random.nextInt(0xFFFF0); // any supplementary plane
        default -> 0x2000 + random.nextInt(0x70); // unicode spaces and punctuation
      };
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        cp = 'x'; // a lone surrogate is not text
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> sb.append(cp < 0x20 || cp > 0x7E ? String.format("\\u{%x}", cp) : String.valueOf((char) cp)));
    return sb.toString();
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private static int[] leftOf(BpeTokenizer t) {
    return mergeIds(t, 0);
  }

  private static int[] rightOf(BpeTokenizer t) {
    return mergeIds(t, 1);
  }

  private static int[] resultOf(BpeTokenizer t) {
    return mergeIds(t, 2);
  }

  private static int[] mergeIds(BpeTokenizer t, int which) {
    List<String> tokens = List.of(t.tokens());
    int[] out = new int[t.mergeCount()];
    for (int r = 0; r < out.length; r++) {
      String[] m = t.merge(r);
      out[r] = tokens.indexOf(which == 2 ? m[0] + m[1] : m[which]);
    }
    return out;
  }
}
