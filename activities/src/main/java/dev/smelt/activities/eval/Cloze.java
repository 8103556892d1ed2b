package dev.smelt.activities.eval;

import dev.smelt.activities.model.Gpt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
    List<Item> all = new ArrayList<>();
    for (String doc : documents) {
      int start = 0;
      Matcher end = SENTENCE_END.matcher(doc);
      while (end.find()) {
        String sentence = doc.substring(start, end.start());
        Matcher last = LAST_WORD.matcher(sentence);
        if (sentence.trim().split("\\s+").length >= MIN_WORDS && last.find()) {
          all.add(new Item(doc.substring(0, start + last.start(1) - 1), last.group(1)));
        }
        start = end.end();
      }
    }
    if (all.size() <= max) {
      return all;
    }
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      out.add(all.get((int) ((long) i * all.size() / max)));
    }
    return out;
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
