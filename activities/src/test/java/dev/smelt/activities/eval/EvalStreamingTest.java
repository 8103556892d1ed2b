package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.run.ParquetTestFiles;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.pipeline.tokenize.TokenDoc;
import dev.smelt.settings.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics read the validation shards as a stream and give the figures the in-memory code gave
 * (the old code is kept here as the reference, from 63df61f): windows, perplexity, the scored
 * text's size, cloze items and the held-out overlap, on a small run's val shards.
 */
class EvalStreamingTest {
  @TempDir static Path dir;
  private static Path val;
  private static BpeTokenizer tokenizer;
  private static List<String> texts;
  private static List<int[]> docs;

  /** A small run's data/val: 60 documents of made-up sentences in three shard files. */
  @BeforeAll
  static void writeVal() throws Exception {
    SplittableRandom rng = new SplittableRandom(11);
    String[] words = ("the a man woman house garden letter morning sister walked wrote read "
        + "found quietly before after never always Elizabeth Darcy Bennet Pemberley").split(" ");
    texts = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      StringBuilder text = new StringBuilder();
      for (int s = 1 + rng.nextInt(12); s > 0; s--) {
        for (int w = 3 + rng.nextInt(12); w > 0; w--) {
          text.append(words[rng.nextInt(words.length)]).append(w > 1 ? " " : "");
        }
        text.append(rng.nextInt(3) == 0 ? "! " : ". ");
      }
      texts.add(text.toString().trim());
    }
    tokenizer = new ByteLevelBpeTrainer(400, 2, 0).train(texts);
    docs = texts.stream().map(t -> {
      int[] body = tokenizer.encode(t);
      int[] ids = Arrays.copyOf(body, body.length + 1);
      ids[body.length] = BpeTokenizer.END_OF_TEXT_ID;
      return ids;
    }).toList();
    val = Files.createDirectories(dir.resolve("val"));
    for (int f = 0; f < 3; f++) {
      List<GenericRecord> rows = new ArrayList<>();
      for (int d = f * 20; d < (f + 1) * 20; d++) {
        rows.add(new TokenDoc("d" + d, "s", docs.get(d)).toAvro());
      }
      ParquetTestFiles.write(val.resolve("part-0000" + f + "-of-00003.parquet"),
          DocSchemas.TOKEN_DOC, rows);
    }
  }

  @Test
  void streamedWindowsAreTheOldConcatenationCutInOrder() throws Exception {
    List<int[]> tiny = List.of(new int[] {5, 6}, new int[] {7});
    for (List<int[]> set : List.of(docs, tiny)) {
      for (int context : new int[] {1, 7, 64}) {
        for (int batch : new int[] {1, 3, 16}) {
          for (int max : new int[] {0, 1, 5, 40, 100_000}) {
            for (int extra : new int[] {0, 1}) {
              List<long[]> expected = oldWindows(set, context, extra, max);
              List<long[]> got = new ArrayList<>();
              List<Integer> firsts = new ArrayList<>();
              TokenDocs source = set == docs ? TokenDocs.shards(val) : TokenDocs.of(set);
              TokenWindows.Count n = TokenWindows.batches(source, context, extra, batch, max,
                  (first, rows, len, w) -> {
                    assertTrue(rows <= batch, "a batch at most");
                    firsts.add(first);
                    for (int r = 0; r < rows; r++) {
                      got.add(Arrays.copyOfRange(w, r * (len + extra), (r + 1) * (len + extra)));
                    }
                  });
              String what = "context " + context + ", batch " + batch + ", max " + max
                  + ", extra " + extra;
              assertEquals(expected.size(), got.size(), what);
              assertEquals(expected.size(), n.windows(), what);
              for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), what + ", window " + i);
              }
              for (int b = 0; b < firsts.size(); b++) {
                assertEquals(b * batch, firsts.get(b), what + ": batches as the old code cut them");
              }
            }
          }
        }
      }
    }
  }

  @Test
  void perplexityOfTheShardsIsTheOldInMemoryFigure() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 1, 2, 16, 32, 0.1), tokenizer.vocabSize(),
            false, 3, m)) {
      for (int max : new int[] {0, 3, 17}) {
        Perplexity.Result now = Perplexity.evaluate(gpt, TokenDocs.shards(val), 4, max);
        Perplexity.Result before = oldPerplexity(gpt, docs, 4, max);
        assertEquals(before, now, "max windows " + max);
      }
    }
  }

  @Test
  void scoredTextSizeOfTheShardsIsTheOldFigure() throws Exception {
    long all = docs.stream().mapToLong(d -> d.length).sum();
    for (long scored : new long[] {1, 31, 32, 500, all - 2, all - 1, all + 5}) {
      assertEquals(oldScoredText(tokenizer, docs, scored),
          ScoredText.of(tokenizer, TokenDocs.shards(val), scored), "scored " + scored);
    }
  }

  @Test
  void clozeItemsOfTheShardsAreTheOldItems() throws Exception {
    Texts valTexts = TokenDocs.shards(val).decoded(ids -> tokenizer.decode(ids, true));
    List<String> decoded = docs.stream().map(ids -> tokenizer.decode(ids, true)).toList();
    for (int max : new int[] {0, 1, 7, 200, 100_000}) {
      assertEquals(oldClozeItems(decoded, max), Cloze.items(valTexts, max), "max " + max);
    }
  }

  @Test
  void heldOutOverlapJoinedOnDiskIsTheInMemoryCount() throws Exception {
    // train: a third of the documents whole and sentence-long pieces of others
    List<String> train = new ArrayList<>();
    for (int d = 0; d < texts.size(); d++) {
      String t = texts.get(d);
      train.add(d % 3 == 0 ? t : d % 3 == 1 ? t.substring(0, t.length() / 2) + " xx" : "unrelated");
    }
    List<String> decoded = docs.stream().map(ids -> tokenizer.decode(ids, true)).toList();
    var expected = NgramOverlap.check(train, 13, List.of(new EvalSet("held_out", false, decoded)));
    assertTrue(expected.get(0).contaminated() > 10, expected.toString());
    for (long memory : new long[] {64, 4096, 1 << 20}) { // 64 bytes: hundreds of partitions
      try (SpilledOverlap join = SpilledOverlap.index("held_out",
          TokenDocs.shards(val).decoded(ids -> tokenizer.decode(ids, true)), 13,
          TokenDocs.shards(val).tokens(), memory, dir.resolve("scratch-" + memory))) {
        train.forEach(join::scan);
        assertEquals(expected.get(0), join.result(), "memory " + memory);
      }
      assertTrue(Files.notExists(dir.resolve("scratch-" + memory)), "scratch removed");
    }
  }

  @Test
  void cappedPerplexityReadsOnlyTheWindowsItScoresOfALargerValSet() throws Exception {
    // 100,000 documents of 50 tokens (5 M ids), made on demand and never kept
    int[] handed = {0};
    TokenDocs large = visitor -> {
      for (int d = 0; d < 100_000; d++) {
        int[] ids = new int[50];
        Arrays.fill(ids, 4 + d % 300);
        handed[0]++;
        if (!visitor.test(ids)) {
          return;
        }
      }
    };
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 1, 2, 16, 32, 0.1), 400, false, 3, m)) {
      Perplexity.Result r = Perplexity.evaluate(gpt, large, 4, 6);
      assertEquals(6, r.windows());
      assertEquals(4, handed[0], "6 windows of 32 + 1 tokens end inside the 4th document");
    }
    handed[0] = 0;
    ScoredText.Size size = ScoredText.of(tokenizer, large, 100);
    assertEquals(100_000, size.ofDocuments(), "counted, past the scored ones, without holding them");
    assertEquals(3, size.documents());
  }

  // ---- the code before streaming (63df61f), the reference ----

  private static List<long[]> oldWindows(List<int[]> docs, int context, int extra, int max) {
    long[] stream = docs.stream().flatMapToInt(Arrays::stream).asLongStream().toArray();
    int len = Math.min(context, stream.length - extra);
    int count = (stream.length - extra) / len;
    count = max > 0 ? Math.min(count, max) : count;
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Arrays.copyOfRange(stream, i * len, i * len + len + extra));
    }
    return out;
  }

  private static Perplexity.Result oldPerplexity(Gpt gpt, List<int[]> docs, int batchSize,
      int maxWindows) {
    int[] stream = docs.stream().flatMapToInt(Arrays::stream).toArray();
    int len = Math.min(gpt.config().contextLength(), stream.length - 1);
    int windows = (stream.length - 1) / len;
    windows = maxWindows > 0 ? Math.min(windows, maxWindows) : windows;
    double nll = 0;
    for (int first = 0; first < windows; first += batchSize) {
      int rows = Math.min(batchSize, windows - first);
      long[] x = new long[rows * len];
      long[] y = new long[rows * len];
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < len; i++) {
          x[r * len + i] = stream[(first + r) * len + i];
          y[r * len + i] = stream[(first + r) * len + i + 1];
        }
      }
      try (NDManager step = gpt.manager().newSubManager()) {
        Shape shape = new Shape(rows, len);
        nll += CrossEntropy.sum(gpt.logits(step.create(x, shape), false), step.create(y, shape))
            .getFloat();
      }
    }
    long tokens = (long) windows * len;
    return new Perplexity.Result(nll / tokens, Math.exp(nll / tokens), tokens, windows);
  }

  private static ScoredText.Size oldScoredText(BpeTokenizer tokenizer, List<int[]> docs,
      long scoredTokens) {
    long position = 0;
    long bytes = 0;
    long words = 0;
    int documents = 0;
    for (int[] doc : docs) {
      documents += position < scoredTokens + 1 && position + doc.length > 1 ? 1 : 0;
      boolean inWord = false;
      for (int id : doc) {
        if (position++ == 0) {
          continue;
        }
        if (position - 1 > scoredTokens) {
          return new ScoredText.Size(bytes, words, documents, docs.size());
        }
        if (id < BpeTokenizer.FIRST_BYTE_ID) {
          inWord = false;
          continue;
        }
        bytes += tokenizer.token(id).length();
        for (char ch : tokenizer.decode(new int[] {id}).toCharArray()) {
          boolean space = Character.isWhitespace(ch);
          words += !space && !inWord ? 1 : 0;
          inWord = !space;
        }
      }
    }
    return new ScoredText.Size(bytes, words, documents, docs.size());
  }

  private static List<Cloze.Item> oldClozeItems(List<String> documents, int max) {
    Pattern sentenceEnd = Pattern.compile("[.!?]['\"”’]?(?=\\s)");
    Pattern lastWord = Pattern.compile("\\s(\\p{L}{3,})\\W*$");
    List<Cloze.Item> all = new ArrayList<>();
    for (String doc : documents) {
      int start = 0;
      Matcher end = sentenceEnd.matcher(doc);
      while (end.find()) {
        String sentence = doc.substring(start, end.start());
        Matcher last = lastWord.matcher(sentence);
        if (sentence.trim().split("\\s+").length >= 8 && last.find()) {
          all.add(new Cloze.Item(doc.substring(0, start + last.start(1) - 1), last.group(1)));
        }
        start = end.end();
      }
    }
    if (all.size() <= max) {
      return all;
    }
    List<Cloze.Item> out = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      out.add(all.get((int) ((long) i * all.size() / max)));
    }
    return out;
  }
}
