package dev.smelt.pipeline.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.tokenize.SplitByHash;
import dev.smelt.settings.filter.DecontaminateSettings;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;

/** Train documents overlapping a held-out document are dropped before they reach the shards. */
class DecontaminateHeldOutTest {
  private static final SplitByHash HALF = new SplitByHash(0.5);
  /** Twenty distinct words: the held-out document's passage. */
  static final String PASSAGE = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo "
      + "lima mike november oscar papa quebec romeo sierra tango";

  private final TestPipeline p =
      TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);

  /** The first id of the form prefix-N that {@link #HALF} holds out (or not). */
  static String id(String prefix, boolean heldOut) {
    return IntStream.range(0, 1000).mapToObj(i -> prefix + "-" + i)
        .filter(id -> HALF.isValidation(id) == heldOut).findFirst().orElseThrow();
  }

  private static String words(int from, int count) {
    return String.join(" ", List.of(PASSAGE.split(" ")).subList(from, from + count));
  }

  @Test
  void dropsATrainDocumentSharingAThirteenGramWithAHeldOutOneAndKeepsOneSharingTwelve() {
    Doc heldOut = new Doc(id("val", true), "c", "Notes. " + PASSAGE + ". The end.");
    Doc thirteen = new Doc(id("t13", false), "c", "Quoted: " + words(3, 13).toUpperCase() + "! Then more.");
    Doc twelve = new Doc(id("t12", false), "c", "Quoted: " + words(3, 12) + ", then other words follow.");
    // Another held-out document may share with the first: both stay held out, neither trains.
    Doc heldOutToo = new Doc(id("val2", true), "c", "Again " + PASSAGE);
    StageOutput out = p.apply(Create.of(heldOut, thirteen, twelve, heldOutToo)
            .withCoder(SerializableCoder.of(Doc.class)))
        .apply(Decontaminate.of(DecontaminateFilter.of(DecontaminateSettings.PUBLISHED, List.of()))
            .withHeldOut(HALF));

    PAssert.that(out.kept()).containsInAnyOrder(heldOut, twelve, heldOutToo);
    PAssert.that(out.rejected()).containsInAnyOrder(new Rejected(thirteen, DecontaminateFilter.STAGE,
        RejectReason.CONTAMINATED, "shares the 13-gram '" + words(3, 13) + "' with " + Decontaminate.HELD_OUT));
    p.run().waitUntilFinish();
  }

  @Test
  void keepsEveryDocumentWhenNothingIsHeldOut() {
    Doc a = new Doc(id("a", true), "c", PASSAGE);
    Doc b = new Doc(id("b", false), "c", PASSAGE);
    StageOutput out = p.apply(Create.of(a, b).withCoder(SerializableCoder.of(Doc.class)))
        .apply(Decontaminate.of(DecontaminateFilter.of(DecontaminateSettings.PUBLISHED, List.of())));
    PAssert.that(out.kept()).containsInAnyOrder(a, b);
    PAssert.that(out.rejected()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void gathersHeldOutHashesIntoAnExactSetThatMergesAcrossPartsAndIgnoresRepeats() {
    HeldOutNgrams combine = new HeldOutNgrams(1e-6);
    HeldOutNgrams.Hashes left = combine.createAccumulator();
    HeldOutNgrams.Hashes right = combine.createAccumulator();
    for (int i = 0; i < 3000; i++) {
      combine.addInput(left, new long[] {i, i}); // each twice: repeats are compacted away
      combine.addInput(right, new long[] {-i});
    }
    NgramSet set = combine.extractOutput(combine.mergeAccumulators(List.of(left, right)));
    assertEquals(5999, set.size());
    assertTrue(set.contains(2999) && set.contains(-2999) && set.contains(0));
    assertFalse(set.contains(3000));
  }
}
