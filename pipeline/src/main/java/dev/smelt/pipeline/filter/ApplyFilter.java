package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Runs any {@link DocFilter} as a named, counted stage: {@code docs.apply(ApplyFilter.of("length", f))}. */
public final class ApplyFilter extends PTransform<PCollection<Doc>, StageOutput> {
  private final String stage;
  private final DocFilter filter;

  private ApplyFilter(String stage, DocFilter filter) {
    super("Filter " + stage);
    this.stage = FunnelCounters.checkStage(stage);
    this.filter = filter;
  }

  public static ApplyFilter of(String stage, DocFilter filter) {
    return new ApplyFilter(stage, filter);
  }

  @Override
  public StageOutput expand(PCollection<Doc> docs) {
    return docs.apply("Decide", ParDo.of(new DecideFn(filter)))
        .setCoder(DecisionCoders.docDecision())
        .apply(RouteDecisions.forStage(stage));
  }

  private static final class DecideFn extends DoFn<Doc, DocDecision> {
    private final DocFilter filter;

    DecideFn(DocFilter filter) {
      this.filter = filter;
    }

    @ProcessElement
    public void process(@Element Doc doc, OutputReceiver<DocDecision> out) {
      out.output(new DocDecision(doc, filter.decide(doc)));
    }
  }
}
