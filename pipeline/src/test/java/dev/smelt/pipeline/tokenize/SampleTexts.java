package dev.smelt.pipeline.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small, seeded English-like corpora for tokenizer tests. */
final class SampleTexts {
  private SampleTexts() {}

  /** Opening of Pride and Prejudice (Jane Austen, 1813; public domain). */
  static final String AUSTEN =
      "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
          + "must be in want of a wife.\n\nHowever little known the feelings or views of such a man "
          + "may be on his first entering a neighbourhood, this truth is so well fixed in the minds "
          + "of the surrounding families, that he is considered the rightful property of some one "
          + "or other of their daughters.\n\n\"My dear Mr. Bennet,\" said his lady to him one day, "
          + "\"have you heard that Netherfield Park is let at last?\"\n\nMr. Bennet replied that he "
          + "had not.\n";

  private static final String[] WORDS = (
      "the of and to a in that is was he for it with as his on be at by I had not are but from or "
          + "have an they which one you were her all she there would their we him been has when who "
          + "will more no if out so said what up its about into than them can only other new some "
          + "could time these two may then do first any my now such like our over man me even most "
          + "made after also did many before must through back years where much your way well down "
          + "should because each just those people Mr how too little state good very make world still "
          + "own see men work long get here between both life being under never day same another know "
          + "while last might us great old year off come since against go came right used take three")
      .split(" ");

  /** {@code n} sentences of Zipf-distributed words with punctuation, digits and line breaks. */
  static List<String> sentences(int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int s = 0; s < n; s++) {
      StringBuilder sb = new StringBuilder();
      int len = 5 + random.nextInt(15);
      for (int i = 0; i < len; i++) {
        if (i > 0) {
          sb.append(random.nextInt(30) == 0 ? ", " : " ");
        }
        int rank = (int) Math.min(WORDS.length - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(WORDS.length))) - 1);
        String w = WORDS[rank];
        sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        if (random.nextInt(50) == 0) {
          sb.append(' ').append(random.nextInt(2000));
        }
      }
      sb.append(random.nextInt(8) == 0 ? "?" : ".").append(random.nextInt(4) == 0 ? "\n\n" : " ");
      out.add(sb.toString());
    }
    return out;
  }
}
