package dev.smelt.activities.eval;

import dev.smelt.activities.model.Gpt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LAMBADA-style last-word prediction: from held-out documents, sentences of at least eight words
 * whose last word is alphabetic; the model sees the document up to that word and must produce
 * every token of " word" greedily (argmax at each position, given the correct tokens before it).
 */
public final class Cloze {
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?]['\"”’]?(?=\\s)");
  private static final Pattern LAST_WORD = Pattern.compile("\\s(\\p{L}{3,})\\W*$");
  private static final int MIN_WORDS = 8;

  /** One item: the text before the final word, and the word. */
  public record Item(String context, String word) {}

  public record Result(double accuracy, int items, int correct) {}

  private Cloze() {}

  /** Up to {@code max} items, spread evenly over every candidate sentence of the documents. */
  public static List<Item> items(List<String> documents, int max) {
    try {
      return items(Texts.of(documents), max);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a list reads no files
    }
  }

  /**
   * As {@link #items(List, int)} with the documents streamed twice: once to count the candidate
   * sentences, once to keep the chosen ones. Only the chosen items are held (each holds the text
   * of its document before the word, at most {@code data.maxChars}).
   */
  public static List<Item> items(Texts documents, int max) throws IOException {
    long[] candidates = {0};
    documents.forEach(doc -> candidates[0] += candidates(doc, item -> {}));
    long all = candidates[0];
    List<Item> out = new ArrayList<>();
    long[] at = {0};
    documents.forEach(doc -> candidates(doc, item -> {
      // item i of max is candidate i * all / max (all of them when there are no more than max)
      if (out.size() < Math.min(max, all) && at[0] == pick(out.size(), all, max)) {
        out.add(item.get());
      }
      at[0]++;
    }));
    return out;
  }

  private static long pick(int i, long all, int max) {
    return all <= max ? i : (long) i * all / max;
  }

  /** Hands each candidate sentence of {@code doc} to {@code each}, made on demand; counts them. */
  private static int candidates(String doc, Consumer<Supplier<Item>> each) {
    int count = 0;
    int start = 0;
    Matcher end = SENTENCE_END.matcher(doc);
    while (end.find()) {
      String sentence = doc.substring(start, end.start());
      Matcher last = LAST_WORD.matcher(sentence);
      if (sentence.trim().split("\\s+").length >= MIN_WORDS && last.find()) {
        int cut = start + last.start(1) - 1;
        String word = last.group(1);
        each.accept(() -> new Item(doc.substring(0, cut), word));
        count++;
      }
      start = end.end();
    }
    return count;
  }

  public static Result evaluate(Gpt gpt, List<Item> items, Function<String, int[]> encoder) {
    int correct = 0;
    for (Item item : items) {
      int[] target = encoder.apply(" " + item.word());
      int[] ids = TokenLogProbs.fit(gpt, encoder.apply(item.context()), target,
          "the cloze word \"" + item.word() + "\"");
      long[] argmax = TokenLogProbs.score(gpt, ids).argmax();
      boolean right = true;
      for (int i = 0; i < target.length; i++) {
        right &= argmax[ids.length - target.length - 1 + i] == target[i];
      }
      correct += right ? 1 : 0;
    }
    return new Result(items.isEmpty() ? Double.NaN : (double) correct / items.size(),
        items.size(), correct);
  }
}
