package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.DocCoder;
import dev.smelt.pipeline.doc.Doc;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The one place where decisions turn into kept (possibly rewritten) documents, {@link Rejected}
 * and {@link Tagged} records, and where every stage is counted (documents and bytes, in, kept,
 * rejected per reason; rewrites and tags per reason). Every stage —
 * reading, each filter, dedup — ends here, so nothing leaves the pipeline uncounted.
 */
public final class RouteDecisions extends PTransform<PCollection<DocDecision>, StageOutput> {
  private final String stage;

  private RouteDecisions(String stage) {
    super("Route " + stage);
    this.stage = FunnelCounters.checkStage(stage);
  }

  public static RouteDecisions forStage(String stage) {
    return new RouteDecisions(stage);
  }

  @Override
  public StageOutput expand(PCollection<DocDecision> decisions) {
    PCollectionTuple routed =
        decisions.apply(
            "Count and route",
            ParDo.of(new RouteFn(stage))
                .withOutputTags(
                    StageOutput.KEPT,
                    TupleTagList.of(StageOutput.REJECTED).and(StageOutput.TAGGED)));
    return new StageOutput(
        routed.get(StageOutput.KEPT).setCoder(DocCoder.of()),
        routed.get(StageOutput.REJECTED).setCoder(DecisionCoders.rejected()),
        routed.get(StageOutput.TAGGED).setCoder(DecisionCoders.tagged()));
  }

  private static final class RouteFn extends DoFn<DocDecision, Doc> {
    private final String stage;
    private transient FunnelCounters counters;

    RouteFn(String stage) {
      this.stage = stage;
    }

    @Setup
    public void setup() {
      counters = new FunnelCounters(stage);
    }

    @ProcessElement
    public void process(@Element DocDecision element, MultiOutputReceiver out) {
      Doc doc = element.doc();
      counters.count(doc, element.decision());
      Decision decision = element.decision();
      if (decision instanceof Decision.Reject reject) {
        out.get(StageOutput.REJECTED)
            .output(new Rejected(doc, stage, reject.reason(), reject.detail()));
      } else if (decision instanceof Decision.Rewrite rewrite) {
        out.get(StageOutput.KEPT).output(new Doc(doc.docId(), doc.source(), rewrite.text()));
      } else {
        if (decision instanceof Decision.Tag tag) {
          tag.tags().forEach((reason, detail) -> out.get(StageOutput.TAGGED)
              .output(new Tagged(doc.docId(), doc.source(), stage, reason, detail)));
        }
        out.get(StageOutput.KEPT).output(doc);
      }
    }
  }
}
