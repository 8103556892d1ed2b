package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer.json we write means the same thing to Hugging Face tokenizers (through DJL). */
class HuggingFaceCompatibilityTest {
  static final List<String> TEXTS = List.of(
      SampleTexts.AUSTEN,
      String.join("", SampleTexts.sentences(200, 11)), // well over DJL's default modelMaxLength of 512
      "Hello, world! It's 3:45pm -- are you there?? (Yes.) [maybe] {no} #1 @home $9.99 50%",
      "Numbers: 0 12 345 6789 3.14159 1,000,000 2024-06-01 x86_64 v0.36.0",
      "multiple    spaces   and\ttabs\t\tand   trailing   ",
      "lines\nand\n\nparagraphs\r\nwith CRLF\r\n\r\n  indented\n",
      "Unicode: café naïve Ωμέγα кириллица 中文 日本語 한국어 😀👍🏽 e\u0301 \u00a0nbsp \u3000wide",
      "they'll we've I'd she's it'S THEY'RE don't",
      " leading space",
      "",
      " ",
      "\n");

  /**
   * DJL's options: without truncation=false DJL cuts every encoding to 512 ids (its default
   * modelMaxLength) even when no tokenizer_config.json asks for it.
   */
  static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "false", "truncation", "false");

  static BpeTokenizer ours;
  static HuggingFaceTokenizer theirs;

  @BeforeAll
  static void saveAndLoad(@TempDir Path dir) throws Exception {
    List<String> corpus = new ArrayList<>(SampleTexts.sentences(2_000, 3));
    for (int i = 0; i < 20; i++) {
      corpus.addAll(TEXTS); // so that merges exist inside and across the unusual pieces
    }
    ours = new ByteLevelBpeTrainer(800, 2, 0).train(corpus);
    Path file = dir.resolve("tokenizer.json");
    ours.save(file);
    theirs = HuggingFaceTokenizer.newInstance(file, OPTIONS);
  }

  @Test
  void huggingFaceProducesTheSameIds() {
    for (String text : TEXTS) {
      assertArrayEquals(ours.encode(text), toInts(theirs.encode(text).getIds()), () -> shortly(text));
    }
  }

  @Test
  void huggingFaceProducesTheSameIdsOnRandomUnicode() {
    Random random = new Random(2024);
    for (int i = 0; i < 300; i++) {
      String text = BpeTokenizerTest.randomString(random, random.nextInt(30));
      assertArrayEquals(ours.encode(text), toInts(theirs.encode(text).getIds()), () -> shortly(text));
    }
  }

  @Test
  void splitsOnUnicodeWhiteSpaceAsHuggingFaceDoes(@TempDir Path dir) throws Exception {
    String text = "a \u00a0\u00a0b \u3000\u3000c\u2003 d\u2028e \u0085f\t\u00a0g";
    BpeTokenizer small = new ByteLevelBpeTrainer(400, 1, 0).train(List.of(text, text, text));
    Path file = dir.resolve("tokenizer.json");
    small.save(file);
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, OPTIONS)) {
      for (String probe : List.of(text, "x\u00a0\u00a0 y", "\u3000 \u3000z", " \u00a0")) {
        assertArrayEquals(small.encode(probe), toInts(hf.encode(probe).getIds()), () -> shortly(probe));
      }
    }
  }

  @Test
  void huggingFaceDecodesOurIdsBackToTheText() {
    for (String text : TEXTS) {
      long[] ids = Arrays.stream(ours.encode(text)).asLongStream().toArray();
      assertEquals(text, theirs.decode(ids, false), () -> shortly(text));
    }
  }

  @Test
  void huggingFaceKnowsTheSpecialTokenIds() {
    long[] eos = {BpeTokenizer.END_OF_TEXT_ID, BpeTokenizer.PAD_ID, BpeTokenizer.MASK_ID, BpeTokenizer.CLS_ID};
    assertEquals("<|endoftext|><|pad|><|mask|><|cls|>", theirs.decode(eos, false));
    assertEquals("", theirs.decode(eos, true));
    assertArrayEquals(new long[] {BpeTokenizer.END_OF_TEXT_ID}, theirs.encode("<|endoftext|>").getIds());
  }

  private static String shortly(String text) {
    String escaped = BpeTokenizerTest.escape(text);
    return escaped.length() > 120 ? escaped.substring(0, 120) + "…" : escaped;
  }

  private static int[] toInts(long[] ids) {
    return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
  }
}
