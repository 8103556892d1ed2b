package dev.smelt.activities.eval;

import java.io.IOException;
import java.util.function.Consumer;

/** Texts handed over one at a time, in the same order on every call (a run's shards fit no heap). */
@FunctionalInterface
public interface Texts {
  void forEach(Consumer<String> each) throws IOException;

  /** Texts already in memory. */
  static Texts of(Iterable<String> texts) {
    return texts::forEach;
  }
}
