package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.filter.RouteDecisions;
import dev.smelt.pipeline.filter.StageOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;

/**
 * Reads the corpus files under the inputs into documents (stage {@value #STAGE}); every file
 * problem, every entry not read and every repeated doc_id ({@link UniqueDocIds}) is a counted
 * reject, never a failure. Files are listed when the transform is built, so
 * a missing input fails at once and the total is known for progress. A large plain text file is
 * read in ranges of its pieces ({@link ReadUnit}), spread over workers like files.
 */
public final class ReadCorpus extends PTransform<PBegin, StageOutput> {
  public static final String STAGE = "read";
  /** Counter (in {@link FunnelCounters#NAMESPACE}) of entries (files and skipped ones) done, for progress. */
  public static final String FILES_READ = "read/files";
  /**
   * Units are dealt round-robin into this many groups, one grouped key each: the DirectRunner makes
   * a bundle per key and translates every later ParDo per bundle, so a random key per file (as
   * {@code Reshuffle.viaRandomKey} gives) made one bundle per file (docs/throughput.md). Enough
   * groups to keep 16 cores or workers busy; as few as {@code DecideSameKey.BUCKETS} for the
   * same reason (the grouping after reading copies its state once per upstream bundle).
   */
  static final int SPREAD = 32;

  private final List<Path> inputs;
  private final List<CorpusFile> files;
  private final ReaderOptions options;

  private ReadCorpus(List<Path> inputs, List<CorpusFile> files, ReaderOptions options) {
    super("Read corpus");
    this.inputs = List.copyOf(inputs);
    this.files = files;
    this.options = options;
  }

  /** Reads with every reader. @throws IllegalArgumentException naming an input that does not exist */
  public static ReadCorpus from(List<Path> inputs) {
    return from(inputs, ReaderOptions.defaults());
  }

  /** Reads with {@code readers}, walking the inputs once with its link setting. */
  public static ReadCorpus from(List<Path> inputs, ReaderOptions readers) {
    return new ReadCorpus(inputs, CorpusFiles.list(inputs, readers.followSymlinks()), readers);
  }

  /** Documents (or JSONL lines) over this many bytes are rejected TOO_LONG without being held. */
  public ReadCorpus withMaxDocBytes(int maxDocBytes) {
    return new ReadCorpus(inputs, files, options.withMaxDocBytes(maxDocBytes));
  }

  /** Which readers run, and their settings; the inputs are walked again if link following changes. */
  public ReadCorpus withReaders(ReaderOptions readers) {
    List<CorpusFile> listed = readers.followSymlinks() == options.followSymlinks()
        ? files : CorpusFiles.list(inputs, readers.followSymlinks());
    return new ReadCorpus(inputs, listed, readers);
  }

  /** Every entry found under the inputs, skipped ones included. */
  public List<CorpusFile> files() {
    return files;
  }

  /** What the workers read: each file whole, a large text file in ranges of its pieces. */
  List<ReadUnit> units() {
    List<ReadUnit> units = new ArrayList<>();
    files.forEach(f -> units.addAll(ReadUnit.of(f, options)));
    return units;
  }

  /**
   * What a resumable read records one by one ({@link ReadIntoUnits}): the read units grouped into
   * work units of about one range ({@link ReadUnit#MARKS_PER_UNIT} pieces) each.
   */
  public List<WorkUnit> workUnits() {
    return WorkUnit.group(units(), (long) ReadUnit.MARKS_PER_UNIT * options.textSplitBytes());
  }

  /** The reader settings. */
  public ReaderOptions options() {
    return options;
  }

  /** Each unit under its group: the {@code i}-th unit in group {@code i mod SPREAD}. */
  List<KV<Integer, ReadUnit>> spread() {
    List<ReadUnit> units = units();
    List<KV<Integer, ReadUnit>> keyed = new ArrayList<>(units.size());
    for (int i = 0; i < units.size(); i++) {
      keyed.add(KV.of(i % SPREAD, units.get(i)));
    }
    return keyed;
  }

  @Override
  public StageOutput expand(PBegin begin) {
    return begin
        .apply("List files", Create.of(spread())
            .withCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(ReadUnit.class))))
        .apply("Spread files", GroupByKey.create())
        .apply("Read files", ParDo.of(new ReadFileFn(options)))
        .setCoder(DecisionCoders.docDecision())
        .apply(new UniqueDocIds())
        .apply(RouteDecisions.forStage(STAGE));
  }

  private static final class ReadFileFn extends DoFn<KV<Integer, Iterable<ReadUnit>>, DocDecision> {
    private final ReaderOptions options;
    private final Counter filesRead = Metrics.counter(FunnelCounters.NAMESPACE, FILES_READ);
    private transient CorpusFileReader reader;

    ReadFileFn(ReaderOptions options) {
      this.options = options;
    }

    @Setup
    public void setup() {
      reader = new CorpusFileReader(options);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<ReadUnit>> group, OutputReceiver<DocDecision> out) {
      for (ReadUnit unit : group.getValue()) {
        reader.read(unit, out::output);
        if (unit.isFirst()) {
          filesRead.inc();
        }
      }
    }
  }
}
