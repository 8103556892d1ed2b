package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What every stage yields: the documents it kept and the ones it rejected. */
public final class StageOutput implements POutput {
  static final TupleTag<Doc> KEPT = new TupleTag<>("kept") {};
  static final TupleTag<Rejected> REJECTED = new TupleTag<>("rejected") {};

  private final PCollection<Doc> kept;
  private final PCollection<Rejected> rejected;

  StageOutput(PCollection<Doc> kept, PCollection<Rejected> rejected) {
    this.kept = kept;
    this.rejected = rejected;
  }

  public PCollection<Doc> kept() {
    return kept;
  }

  public PCollection<Rejected> rejected() {
    return rejected;
  }

  @Override
  public Pipeline getPipeline() {
    return kept.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(KEPT, kept, REJECTED, rejected);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
