package dev.smelt.activities.baseline;

import dev.smelt.activities.finetune.LabelledText;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Training subsets for a learning curve: examples ordered by a hash of their text, the first n
 * taken. Deterministic across runs, independent of file order, and nested (every smaller subset
 * lies inside every larger one).
 */
public final class NestedSubsets {
  private NestedSubsets() {}

  public static List<LabelledText> first(List<LabelledText> train, int n) {
    return train.stream()
        .sorted(Comparator.comparingLong((LabelledText t) -> hash(t.text()))
            .thenComparing(LabelledText::text).thenComparingInt(LabelledText::label))
        .limit(n)
        .toList();
  }

  private static long hash(String text) {
    CRC32 crc = new CRC32();
    crc.update(("curve:" + text).getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
