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

/** What every stage yields: the documents it kept, the ones it rejected, and tags on kept ones. */
public final class StageOutput implements POutput {
  static final TupleTag<Doc> KEPT = new TupleTag<>("kept") {};
  static final TupleTag<Rejected> REJECTED = new TupleTag<>("rejected") {};
  static final TupleTag<Tagged> TAGGED = new TupleTag<>("tagged") {};

  private final PCollection<Doc> kept;
  private final PCollection<Rejected> rejected;
  private final PCollection<Tagged> tagged;

  StageOutput(PCollection<Doc> kept, PCollection<Rejected> rejected, PCollection<Tagged> tagged) {
    this.kept = kept;
    this.rejected = rejected;
    this.tagged = tagged;
  }

  public PCollection<Doc> kept() {
    return kept;
  }

  public PCollection<Rejected> rejected() {
    return rejected;
  }

  /** The tags set on kept documents (one element per document and tag reason). */
  public PCollection<Tagged> tagged() {
    return tagged;
  }

  @Override
  public Pipeline getPipeline() {
    return kept.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(KEPT, kept, REJECTED, rejected, TAGGED, tagged);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
