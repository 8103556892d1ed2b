package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import dev.smelt.settings.filter.ShingleKind;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;

/** With minJaccard set, an LSH candidate pair is merged only if its exact Jaccard reaches it. */
class VerifyJaccardTest {
  private static final PlantedClusters PLANTED = new PlantedClusters(1, 1, 1, 3);

  private static StageOutput run(TestPipeline p, double minJaccard) {
    FuzzyDedupSettings d = FuzzyDedupSettings.PUBLISHED;
    return p.apply(Create.of(PLANTED.docs).withCoder(SerializableCoder.of(Doc.class)))
        .apply(FuzzyDedup.of(new FuzzyDedupSettings(d.shingle(), d.shingleSize(), d.bands(),
            d.rows(), d.seed(), minJaccard, d.maxRounds())));
  }

  private static double plantedJaccard() {
    List<Doc> pair = PLANTED.clusters.get(0);
    return ShingleSets.jaccard(set(pair.get(0)), set(pair.get(1)));
  }

  private static long[] set(Doc d) {
    return ShingleSets.of(ShingleHashes.of(ShingleKind.WORD, d.text(), 5, 1));
  }

  @Test
  void mergesACandidatePairAtOrAboveMinJaccard() {
    TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);
    List<Doc> pair = PLANTED.clusters.get(0);
    Doc survivor = PlantedClusters.survivor(pair);
    Doc removed = pair.get(0) == survivor ? pair.get(1) : pair.get(0);
    PAssert.that(run(p, plantedJaccard()).rejected()).containsInAnyOrder(new Rejected(removed,
        FuzzyDedup.STAGE, RejectReason.NEAR_DUPLICATE, "near-duplicate of " + survivor.docId()));
    p.run().waitUntilFinish();
  }

  @Test
  void keepsACandidatePairBelowMinJaccard() {
    TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);
    StageOutput out = run(p, Math.nextUp(plantedJaccard()));
    PAssert.that(out.rejected()).empty();
    PAssert.that(out.kept()).containsInAnyOrder(PLANTED.docs);
    p.run().waitUntilFinish();
  }
}
