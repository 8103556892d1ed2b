package dev.smelt.activities.eval;

import dev.smelt.pipeline.tokenize.TokenShards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Documents of token ids handed over one at a time, in the same order on every visit: the
 * validation shards as the metrics read them, so no metric holds {@code data/val} whole.
 */
@FunctionalInterface
public interface TokenDocs {
  /** Hands each document to {@code visitor} in order until it returns false. */
  void visit(Predicate<int[]> visitor) throws IOException;

  /** The documents of {@code dir}/*.parquet, read a row at a time ({@link TokenShards#visit}). */
  static TokenDocs shards(Path dir) {
    return visitor -> TokenShards.visit(dir, d -> visitor.test(d.ids()));
  }

  /** Documents already in memory (tests, and the small texts of a task). */
  static TokenDocs of(List<int[]> docs) {
    return visitor -> {
      for (int[] d : docs) {
        if (!visitor.test(d)) {
          return;
        }
      }
    };
  }

  /** The tokens of all the documents, read once. */
  default long tokens() throws IOException {
    long[] n = {0};
    visit(ids -> {
      n[0] += ids.length;
      return true;
    });
    return n[0];
  }

  /** The documents decoded to text, one at a time. */
  default Texts decoded(java.util.function.Function<int[], String> decode) {
    return each -> visit(ids -> {
      each.accept(decode.apply(ids));
      return true;
    });
  }
}
