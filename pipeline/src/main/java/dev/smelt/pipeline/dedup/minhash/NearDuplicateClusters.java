package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Summarises components (component label → member node key and member) and writes
 * {@link NearDuplicateReport#FILE}: per component a combine keeps the size and the few smallest
 * members; only the {@link NearDuplicateReport#LARGEST} largest reach one worker, by {@code Top}.
 */
final class NearDuplicateClusters
    extends PTransform<PCollection<KV<String, KV<String, NearDuplicateCluster.Member>>>, PDone> {
  private final FuzzyDedupSettings settings;
  private final String file;

  NearDuplicateClusters(FuzzyDedupSettings settings, String file) {
    super("Report clusters");
    this.settings = settings;
    this.file = file;
  }

  @Override
  public PDone expand(PCollection<KV<String, KV<String, NearDuplicateCluster.Member>>> members) {
    PCollection<NearDuplicateCluster> clusters = members
        .apply("Summarise component", Combine.perKey(new SummariseFn()))
        .apply("Drop labels", Values.create())
        .setCoder(SerializableCoder.of(NearDuplicateCluster.class));
    PCollectionView<Long> count = clusters.apply("Count clusters", Count.globally())
        .apply("As count", View.asSingleton());
    PCollectionView<Long> docs = clusters
        .apply("Sizes", MapElements.into(TypeDescriptors.longs()).via(NearDuplicateCluster::size))
        .apply("Sum sizes", Sum.longsGlobally())
        .apply("As documents", View.asSingleton());
    clusters.apply("Largest", Top.of(NearDuplicateReport.LARGEST, new BySize()))
        .apply("Write " + NearDuplicateReport.FILE,
            ParDo.of(new WriteReportFn(settings, file, count, docs)).withSideInputs(count, docs));
    return PDone.in(members.getPipeline());
  }

  /** Larger first; among equals the smaller survivor doc_id, so the order is the same every run. */
  static final class BySize implements Comparator<NearDuplicateCluster>, Serializable {
    @Override
    public int compare(NearDuplicateCluster x, NearDuplicateCluster y) {
      int bySize = Long.compare(x.size(), y.size());
      return bySize != 0 ? bySize : y.survivor().docId().compareTo(x.survivor().docId());
    }
  }

  /** The size and the SAMPLE + 1 smallest members by node key; the smallest is the survivor. */
  static final class Summary implements Serializable {
    long size;
    TreeMap<String, NearDuplicateCluster.Member> smallest = new TreeMap<>();

    void add(String key, NearDuplicateCluster.Member member, long n) {
      size += n;
      smallest.put(key, member);
      while (smallest.size() > NearDuplicateCluster.SAMPLE + 1) {
        smallest.pollLastEntry();
      }
    }

    // Value equality, so the direct runner's mutation check compares contents, not encodings.
    @Override
    public boolean equals(Object o) {
      return o instanceof Summary s && s.size == size && s.smallest.equals(smallest);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(size) * 31 + smallest.hashCode();
    }
  }

  private static final class SummariseFn extends Combine.CombineFn<
      KV<String, NearDuplicateCluster.Member>, Summary, NearDuplicateCluster> {
    @Override
    public Summary createAccumulator() {
      return new Summary();
    }

    @Override
    public Summary addInput(Summary acc, KV<String, NearDuplicateCluster.Member> member) {
      acc.add(member.getKey(), member.getValue(), 1);
      return acc;
    }

    @Override
    public Summary mergeAccumulators(Iterable<Summary> accs) {
      Summary merged = new Summary();
      for (Summary acc : accs) {
        merged.size += acc.size;
        for (Map.Entry<String, NearDuplicateCluster.Member> e : acc.smallest.entrySet()) {
          merged.add(e.getKey(), e.getValue(), 0);
        }
      }
      return merged;
    }

    @Override
    public NearDuplicateCluster extractOutput(Summary acc) {
      List<NearDuplicateCluster.Member> members = new ArrayList<>(acc.smallest.values());
      return new NearDuplicateCluster(members.get(0), acc.size, members.subList(1, members.size()));
    }

    @Override
    public Coder<Summary> getAccumulatorCoder(CoderRegistry registry,
        Coder<KV<String, NearDuplicateCluster.Member>> input) {
      return SerializableCoder.of(Summary.class);
    }
  }

  private static final class WriteReportFn extends DoFn<List<NearDuplicateCluster>, Void> {
    private final FuzzyDedupSettings settings;
    private final String file;
    private final PCollectionView<Long> count;
    private final PCollectionView<Long> docs;

    WriteReportFn(FuzzyDedupSettings settings, String file, PCollectionView<Long> count,
        PCollectionView<Long> docs) {
      this.settings = settings;
      this.file = file;
      this.count = count;
      this.docs = docs;
    }

    @ProcessElement
    public void process(@Element List<NearDuplicateCluster> largest, ProcessContext c) {
      NearDuplicateReport report = new NearDuplicateReport(settings, LshBands.of(settings).threshold(),
          c.sideInput(count), c.sideInput(docs),
          SCurvePoint.theoretical(LshBands.of(settings), NearDuplicateReport.S_CURVE_BUCKETS), largest, null);
      // Through Beam's FileSystems, so the file lands where the runner's other outputs go.
      try (WritableByteChannel out =
          FileSystems.create(FileSystems.matchNewResource(file, false), "application/json")) {
        out.write(ByteBuffer.wrap(report.toJson().getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
