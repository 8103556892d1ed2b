package dev.smelt.pipeline.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Trains a GPT-2-style byte-level BPE: texts are split by GPT-2's regex, distinct pieces are counted,
 * and the most frequent adjacent pair is merged until the vocabulary is full or no pair occurs
 * {@code minFrequency} times. Ties go to the pair whose left, then right, string sorts first, so the
 * result depends only on the texts.
 *
 * <p>Pair counts are kept up to date incrementally: a merge touches only the words that hold its
 * pair (found through a pair-to-words index), and a heap with lazy deletion finds the next best pair.
 */
public final class ByteLevelBpeTrainer {
  private final int vocabSize;
  private final int minFrequency;
  private final long maxTrainChars;

  /**
   * @param vocabSize total vocabulary, specials and the 256 bytes included (at least 260)
   * @param minFrequency a pair seen fewer times than this is never merged (at least 1)
   * @param maxTrainChars stop reading after this many characters; 0 reads everything
   */
  public ByteLevelBpeTrainer(int vocabSize, int minFrequency, long maxTrainChars) {
    if (vocabSize < BpeTokenizer.FIRST_MERGE_ID) {
      throw new IllegalArgumentException(
          "tokenizer vocab size " + vocabSize + " is too small: it must be at least "
              + BpeTokenizer.FIRST_MERGE_ID + " (4 special tokens + 256 bytes)");
    }
    if (minFrequency < 1) {
      throw new IllegalArgumentException("tokenizer min frequency must be at least 1, got " + minFrequency);
    }
    if (maxTrainChars < 0) {
      throw new IllegalArgumentException("tokenizer max train chars must be 0 (all) or more, got " + maxTrainChars);
    }
    this.vocabSize = vocabSize;
    this.minFrequency = minFrequency;
    this.maxTrainChars = maxTrainChars;
  }

  public BpeTokenizer train(Stream<String> texts) {
    return train(texts::iterator);
  }

  /** Counts every piece of {@code texts} (up to maxTrainChars, no cap on types), then merges. */
  public BpeTokenizer train(Iterable<String> texts) {
    WordCountPass pass = new WordCountPass(maxTrainChars, WordCounts.UNBOUNDED);
    for (String text : texts) {
      if (!pass.add(text)) {
        break;
      }
    }
    return train(pass.counts());
  }

  /** Runs the merges on word counts made by a {@link WordCountPass}. */
  public BpeTokenizer train(WordCounts counts) {
    return merge(counts.table());
  }

  private BpeTokenizer merge(Map<String, long[]> pieceCounts) {
    List<String> tokens = new ArrayList<>(vocabSize);
    tokens.addAll(BpeTokenizer.SPECIAL_TOKENS);
    for (int b = 0; b < 256; b++) {
      tokens.add(String.valueOf(ByteLevel.symbolOf(b)));
    }
    Words words = new Words(pieceCounts);
    Comparator<long[]> best =
        Comparator.<long[]>comparingLong(e -> -e[1])
            .thenComparing(e -> tokens.get(left(e[0])))
            .thenComparing(e -> tokens.get(right(e[0])));
    PriorityQueue<long[]> queue = new PriorityQueue<>(best);
    words.counts.forEach((pair, count) -> queue.add(new long[] {pair, count[0]}));

    int nMerges = vocabSize - tokens.size();
    int[] mergeLeft = new int[nMerges];
    int[] mergeRight = new int[nMerges];
    int[] mergeResult = new int[nMerges];
    int done = 0;
    while (done < nMerges && !queue.isEmpty()) {
      long[] top = queue.poll();
      long[] current = words.counts.get(top[0]);
      if (current == null || current[0] != top[1]) {
        continue; // stale entry; the pair's current count is queued separately
      }
      if (top[1] < minFrequency) {
        break;
      }
      int a = left(top[0]);
      int b = right(top[0]);
      int joined = tokens.size();
      tokens.add(tokens.get(a) + tokens.get(b));
      mergeLeft[done] = a;
      mergeRight[done] = b;
      mergeResult[done] = joined;
      done++;
      for (long changed : words.merge(a, b, joined, done)) {
        long[] count = words.counts.get(changed);
        if (count != null) {
          queue.add(new long[] {changed, count[0]});
        }
      }
    }
    return new BpeTokenizer(
        tokens.toArray(String[]::new),
        Arrays.copyOf(mergeLeft, done),
        Arrays.copyOf(mergeRight, done),
        Arrays.copyOf(mergeResult, done));
  }

  private static int left(long pair) {
    return (int) (pair >>> 32);
  }

  private static int right(long pair) {
    return (int) pair;
  }

  /** The distinct pieces as token-id sequences, with their pair counts and pair-to-word index. */
  private static final class Words {
    final int[][] symbols;
    final long[] freq;
    final Map<Long, long[]> counts = new HashMap<>();
    final Map<Long, int[]> index = new HashMap<>(); // pair -> [size, word, word, ...]
    final int[] visited;

    Words(Map<String, long[]> pieceCounts) {
      int n = pieceCounts.size();
      symbols = new int[n][];
      freq = new long[n];
      visited = new int[n];
      int w = 0;
      for (Map.Entry<String, long[]> e : pieceCounts.entrySet()) {
        byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          ids[i] = BpeTokenizer.FIRST_BYTE_ID + (bytes[i] & 0xFF);
        }
        symbols[w] = ids;
        freq[w] = e.getValue()[0];
        for (int i = 0; i + 1 < ids.length; i++) {
          long pair = BpeTokenizer.pairKey(ids[i], ids[i + 1]);
          counts.computeIfAbsent(pair, k -> new long[1])[0] += freq[w];
          addToIndex(pair, w);
        }
        w++;
      }
    }

    private void addToIndex(long pair, int word) {
      int[] list = index.get(pair);
      if (list == null) {
        list = new int[4];
      } else if (list[0] + 1 == list.length) {
        list = Arrays.copyOf(list, list.length * 2);
      } else if (list[0] > 0 && list[list[0]] == word) {
        return; // the same word again, e.g. a pair repeated inside it
      }
      list[++list[0]] = word;
      index.put(pair, list);
    }

    /** Replaces (a, b) by {@code joined} in every word holding it; returns the pairs whose count changed. */
    List<Long> merge(int a, int b, int joined, int stamp) {
      long mergedPair = BpeTokenizer.pairKey(a, b);
      int[] list = index.remove(mergedPair);
      Map<Long, Long> delta = new HashMap<>();
      if (list != null) {
        for (int k = 1; k <= list[0]; k++) {
          int w = list[k];
          if (visited[w] == stamp) {
            continue;
          }
          visited[w] = stamp;
          int[] old = symbols[w];
          int[] merged = replace(old, a, b, joined);
          if (merged == old) {
            continue; // index entries are never pruned, so the pair may be gone from this word
          }
          symbols[w] = merged;
          for (int i = 0; i + 1 < old.length; i++) {
            delta.merge(BpeTokenizer.pairKey(old[i], old[i + 1]), -freq[w], Long::sum);
          }
          for (int i = 0; i + 1 < merged.length; i++) {
            long pair = BpeTokenizer.pairKey(merged[i], merged[i + 1]);
            delta.merge(pair, freq[w], Long::sum);
            if (merged[i] == joined || merged[i + 1] == joined) {
              addToIndex(pair, w);
            }
          }
        }
      }
      List<Long> changed = new ArrayList<>();
      delta.forEach((pair, d) -> {
        if (d == 0) {
          return;
        }
        long[] count = counts.computeIfAbsent(pair, k -> new long[1]);
        count[0] += d;
        if (count[0] <= 0) {
          counts.remove(pair);
        } else {
          changed.add(pair);
        }
      });
      counts.remove(mergedPair);
      return changed;
    }

    /** {@code word} with every non-overlapping (a, b), left to right, replaced by {@code joined}. */
    private static int[] replace(int[] word, int a, int b, int joined) {
      int[] out = null;
      int n = 0;
      for (int i = 0; i < word.length; i++) {
        if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
          if (out == null) {
            out = Arrays.copyOf(word, word.length);
            n = i;
          }
          out[n++] = joined;
          i++;
        } else if (out != null) {
          out[n++] = word[i];
        }
      }
      return out == null ? word : Arrays.copyOf(out, n);
    }
  }
}
