package dev.smelt.pipeline.dedup;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.StageOutput;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;

class ExactDedupTest {
  private final TestPipeline p =
      TestPipeline.fromOptions(PipelineOptionsFactory.create())
          .enableAbandonedNodeEnforcement(false);

  @Test
  void keepsTheSmallestIdOfEachTextAndRejectsTheOthersAsDuplicatesOfIt() {
    Doc b = new Doc("b", "s1", "same text");
    Doc a = new Doc("a", "s2", "same text");
    Doc c = new Doc("c", "s3", "same text");
    Doc unique = new Doc("z", "s1", "other text");
    Doc nearMiss = new Doc("y", "s1", "same text "); // one byte different: not a duplicate
    StageOutput out =
        p.apply(Create.of(c, b, unique, a, nearMiss).withCoder(SerializableCoder.of(Doc.class)))
            .apply(new ExactDedup());

    PAssert.that(out.kept()).containsInAnyOrder(a, unique, nearMiss);
    PAssert.that(out.rejected())
        .containsInAnyOrder(
            new Rejected(b, "dedup", RejectReason.DUPLICATE, "duplicate of a"),
            new Rejected(c, "dedup", RejectReason.DUPLICATE, "duplicate of a"));
    p.run().waitUntilFinish();
  }
}
