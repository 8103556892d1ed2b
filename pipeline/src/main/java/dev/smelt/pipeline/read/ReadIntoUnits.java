package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.read.UnitManifest.UnitRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PDone;

/**
 * The resumable half of reading: each work unit is read on a worker into its own file under
 * {@code data/units/} and recorded with its SHA-256 in {@code data/manifest.json} as soon as it is
 * written, so a killed attempt keeps every unit it finished. {@link ReadRecordedUnits} reads
 * them back for the rest of the chain. A runner's retry of a unit writes the same bytes again.
 */
public final class ReadIntoUnits extends PTransform<PBegin, PDone> {
  /** Counter (in {@link FunnelCounters#NAMESPACE}) of work units written, for progress. */
  public static final String UNITS_READ = "read/units";

  private final List<WorkUnit> units;
  private final ReaderOptions options;
  private final String dataDir;

  private ReadIntoUnits(List<WorkUnit> units, ReaderOptions options, String dataDir) {
    super("Read into units");
    this.units = List.copyOf(units);
    this.options = options;
    this.dataDir = dataDir;
  }

  /** Reads {@code units} with {@code options} into {@code dataDir}'s units folder and manifest. */
  public static ReadIntoUnits of(List<WorkUnit> units, ReaderOptions options, Path dataDir) {
    return new ReadIntoUnits(units, options, dataDir.toAbsolutePath().toString());
  }

  @Override
  public PDone expand(PBegin begin) {
    begin.apply("List units", Create.of(units).withCoder(SerializableCoder.of(WorkUnit.class)))
        .apply("Spread units", Reshuffle.viaRandomKey())
        .apply("Read units", ParDo.of(new ReadUnitFn(options, dataDir)));
    return PDone.in(begin.getPipeline());
  }

  private static final class ReadUnitFn extends DoFn<WorkUnit, Void> {
    private final ReaderOptions options;
    private final String dataDir;
    private final Counter filesRead = Metrics.counter(FunnelCounters.NAMESPACE, ReadCorpus.FILES_READ);
    private final Counter unitsRead = Metrics.counter(FunnelCounters.NAMESPACE, UNITS_READ);
    private transient CorpusFileReader reader;

    ReadUnitFn(ReaderOptions options, String dataDir) {
      this.options = options;
      this.dataDir = dataDir;
    }

    @Setup
    public void setup() {
      reader = new CorpusFileReader(options);
    }

    @ProcessElement
    public void process(@Element WorkUnit unit) {
      Path dir = Path.of(dataDir);
      String output = UnitManifest.outputOf(unit.key());
      UnitFile.Writer writer;
      try (UnitFile.Writer w = new UnitFile.Writer(dir.resolve(output))) {
        writer = w;
        unit.reads().forEach(read -> reader.read(read, w::add));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write read unit " + unit.key() + " (" + unit.describe()
            + ") into " + dir.resolve(output) + ": " + e.getMessage(), e);
      }
      UnitManifest.record(dir, new UnitRecord(unit.key(), unit.describe(), output, writer.sha256(),
          writer.count()));
      unitsRead.inc();
      filesRead.inc(unit.firstReads());
    }
  }
}
