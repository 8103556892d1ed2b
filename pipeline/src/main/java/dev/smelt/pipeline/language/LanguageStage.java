package dev.smelt.pipeline.language;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.filter.RouteDecisions;
import dev.smelt.pipeline.filter.StageOutput;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The language filter as a stage: decides like {@link LanguageFilter} and, beside the funnel,
 * counts each document under its dominant language, kept or dropped ({@link LanguageCount}), so
 * stats.json and the report show which languages went.
 */
public final class LanguageStage extends PTransform<PCollection<Doc>, StageOutput> {
  public static final String STAGE = "language";
  private final LanguageFilter filter;

  private LanguageStage(LanguageFilter filter) {
    super("Filter " + STAGE);
    this.filter = filter;
  }

  public static LanguageStage of(LanguageFilter filter) {
    return new LanguageStage(filter);
  }

  @Override
  public StageOutput expand(PCollection<Doc> docs) {
    return docs.apply("Decide", ParDo.of(new DecideFn(filter)))
        .setCoder(DecisionCoders.docDecision())
        .apply(RouteDecisions.forStage(STAGE));
  }

  private static final class DecideFn extends DoFn<Doc, DocDecision> {
    private final LanguageFilter filter;

    DecideFn(LanguageFilter filter) {
      this.filter = filter;
    }

    @ProcessElement
    public void process(@Element Doc doc, OutputReceiver<DocDecision> out) {
      LanguageShares shares = filter.shares(doc.text());
      Decision decision = filter.decide(shares);
      boolean kept = !(decision instanceof Decision.Reject);
      String language = shares.dominant();
      Metrics.counter(FunnelCounters.NAMESPACE, LanguageCount.counter(language, kept, "docs")).inc();
      Metrics.counter(FunnelCounters.NAMESPACE, LanguageCount.counter(language, kept, "bytes"))
          .inc(FunnelCounters.utf8Length(doc.text()));
      out.output(new DocDecision(doc, decision));
    }
  }
}
