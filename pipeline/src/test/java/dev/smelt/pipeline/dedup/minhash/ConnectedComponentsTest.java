package dev.smelt.pipeline.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  private static TestPipeline pipeline() {
    return TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);
  }

  /** A path f-e-d-c-b-a (a is 5 hops from f) and a separate pair y-x, edges in no useful order. */
  private static PCollection<KV<String, String>> components(Pipeline p, int rounds) {
    return p.apply(Create.of(KV.of("f", "e"), KV.of("d", "e"), KV.of("c", "d"), KV.of("b", "c"),
            KV.of("a", "b"), KV.of("y", "x"))
        .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(ConnectedComponents.withMaxRounds(rounds));
  }

  @Test
  void labelsEveryNodeWithTheSmallestNodeOfItsComponent() {
    TestPipeline p = pipeline();
    PAssert.that(components(p, 5)).containsInAnyOrder(KV.of("a", "a"), KV.of("b", "a"),
        KV.of("c", "a"), KV.of("d", "a"), KV.of("e", "a"), KV.of("f", "a"), KV.of("x", "x"),
        KV.of("y", "x"));
    p.run().waitUntilFinish();
  }

  @Test
  void failsNamingTheKeyWhenTheRoundsDoNotReachAcrossAComponent() {
    TestPipeline p = pipeline();
    components(p, 4);
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    String message = String.valueOf(e.getMessage()) + " " + e.getCause();
    assertTrue(message.contains("data.filterSettings.fuzzyDedup.maxRounds"), message);
  }
}
