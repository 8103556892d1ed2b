package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RouteDecisions;
import dev.smelt.pipeline.filter.StageOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;

/**
 * The read stage ({@value ReadCorpus#STAGE}) over the files {@link ReadIntoUnits} wrote: their
 * decisions, made unique by doc_id across all units ({@link UniqueDocIds}) and routed and counted
 * as {@link ReadCorpus} does, so the funnel and outputs equal a read straight from the corpus.
 */
public final class ReadRecordedUnits extends PTransform<PBegin, StageOutput> {
  private final List<String> outputs;

  private ReadRecordedUnits(List<String> outputs) {
    super("Read recorded units");
    this.outputs = List.copyOf(outputs);
  }

  /** The outputs of {@code units} in {@code dataDir}. */
  public static ReadRecordedUnits of(List<WorkUnit> units, Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    return new ReadRecordedUnits(units.stream()
        .map(u -> dir.resolve(UnitManifest.outputOf(u.key())).toString()).sorted().toList());
  }

  @Override
  public StageOutput expand(PBegin begin) {
    return begin
        .apply("List unit files", Create.of(outputs).withCoder(StringUtf8Coder.of()))
        .apply("Spread unit files", Reshuffle.viaRandomKey())
        .apply("Read unit files", ParDo.of(new ReadUnitFileFn()))
        .setCoder(DecisionCoders.docDecision())
        .apply(new UniqueDocIds())
        .apply(RouteDecisions.forStage(ReadCorpus.STAGE));
  }

  private static final class ReadUnitFileFn extends DoFn<String, DocDecision> {
    @ProcessElement
    public void process(@Element String file, OutputReceiver<DocDecision> out) {
      try {
        UnitFile.read(Path.of(file), out::output);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the read unit " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
