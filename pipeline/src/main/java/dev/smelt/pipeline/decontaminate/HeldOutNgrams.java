package dev.smelt.pipeline.decontaminate;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.tokenize.SplitByHash;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Gathers the word n-gram hashes of the held-out documents into one {@link NgramSet}: each
 * document's hashes go in as one array (so even a runner that does not combine before the shuffle
 * moves only held-out hashes), partial sets merge, and the result is exact while small and a Bloom
 * filter beyond {@link NgramSet#EXACT_LIMIT} distinct n-grams.
 */
final class HeldOutNgrams extends Combine.CombineFn<long[], HeldOutNgrams.Hashes, NgramSet> {
  private final double falsePositiveRate;

  HeldOutNgrams(double falsePositiveRate) {
    this.falsePositiveRate = falsePositiveRate;
  }

  /** A held-out document's n-gram hashes; nothing for a document that trains. */
  static final class HashFn extends DoFn<Doc, long[]> {
    private final SplitByHash heldOut;
    private final int n;

    HashFn(SplitByHash heldOut, int n) {
      this.heldOut = heldOut;
      this.n = n;
    }

    @ProcessElement
    public void process(@Element Doc doc, OutputReceiver<long[]> out) {
      if (heldOut.isValidation(doc.docId())) {
        out.output(NgramSet.hashes(doc.text(), n));
      }
    }
  }

  /** Hashes so far; kept sorted and distinct whenever it grows, so repeats cost nothing. */
  static final class Hashes implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] hashes = new long[0];
    private int size;

    void add(long[] more, int count) {
      if (size + count > hashes.length) {
        compact();
        if (size + count > hashes.length / 4 * 3) {
          hashes = Arrays.copyOf(hashes, Math.max(1024, 2 * (size + count)));
        }
      }
      System.arraycopy(more, 0, hashes, size, count);
      size += count;
    }

    private void compact() {
      Arrays.sort(hashes, 0, size);
      int w = 0;
      for (int i = 0; i < size; i++) {
        if (w == 0 || hashes[i] != hashes[w - 1]) {
          hashes[w++] = hashes[i];
        }
      }
      size = w;
    }
  }

  @Override
  public Hashes createAccumulator() {
    return new Hashes();
  }

  @Override
  public Hashes addInput(Hashes acc, long[] document) {
    acc.add(document, document.length);
    return acc;
  }

  @Override
  public Hashes mergeAccumulators(Iterable<Hashes> accumulators) {
    Hashes merged = new Hashes();
    for (Hashes a : accumulators) {
      merged.add(a.hashes, a.size);
    }
    return merged;
  }

  @Override
  public NgramSet extractOutput(Hashes acc) {
    return NgramSet.ofHashes(Arrays.copyOf(acc.hashes, acc.size), falsePositiveRate);
  }

  @Override
  public Coder<Hashes> getAccumulatorCoder(CoderRegistry registry, Coder<long[]> input) {
    return SerializableCoder.of(Hashes.class);
  }

  @Override
  public Coder<NgramSet> getDefaultOutputCoder(CoderRegistry registry, Coder<long[]> input) {
    return SerializableCoder.of(NgramSet.class);
  }
}
