package dev.smelt.pipeline.quality;

import dev.smelt.pipeline.doc.Doc;
import java.util.ArrayList;
import java.util.List;

/** Test prose: distinct sentences, so no repetition rule fires unless a test repeats them. */
final class Texts {
  private static final String[] VOCAB = {"apple", "river", "garden", "letter", "window", "morning", "village", "market", "harbour", "bridge", "station", "concert", "storm", "doctor", "captain", "teacher", "cousin", "baker", "guest", "farmer", "sister", "brother", "mother", "father", "candle", "paper", "table", "chair", "orchard", "meadow", "forest", "valley", "mountain", "castle", "cottage", "kitchen", "parlour", "carriage", "horse", "ribbon", "bonnet", "dinner", "supper", "breakfast", "evening", "winter", "summer", "autumn", "spring", "journey", "visit", "promise", "secret", "answer", "question", "friend", "stranger", "neighbour", "servant", "master", "lady", "gentleman", "walked", "looked", "spoke", "thought", "wrote", "waited", "laughed", "argued", "dreamed", "returned", "carried", "opened", "closed", "painted", "counted", "followed", "noticed", "gathered", "quiet", "distant", "narrow", "crowded", "sudden", "gentle", "bright", "heavy", "silent", "simple", "careful", "curious", "honest", "patient", "proud", "humble", "lively", "weary", "merry"};

  private Texts() {}

  /**
   * {@code n} different sentences of 12 words drawn by a fixed-seed generator from a plain
   * vocabulary, each starting "The" and holding "of" and "and", ending in a full stop.
   */
  static List<String> sentences(int n) {
    java.util.Random random = new java.util.Random(42);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("The");
      for (int w = 0; w < 11; w++) {
        sb.append(' ').append(w == 3 ? "of" : w == 7 ? "and" : VOCAB[random.nextInt(VOCAB.length)]);
      }
      out.add(sb.append('.').toString());
    }
    return out;
  }

  static Doc doc(String text) {
    return new Doc("d1", "test.txt", text);
  }

  static Doc lines(List<String> lines) {
    return doc(String.join("\n", lines));
  }
}
