package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class UniqueDocIdsTest {
  private static List<DocDecision> decide(List<DocDecision> group) {
    List<DocDecision> out = new ArrayList<>();
    UniqueDocIds.decide(group, out::add);
    return out;
  }

  @Test
  void keepsTheRecordWithTheSmallestTextHashWhateverTheOrderAndRejectsTheOthersAsDuplicateId() {
    // sha256("alpha") = 8ed3f6ad…, sha256("beta") = f44e64e7…, sha256("gamma") = be9d587d…
    DocDecision alpha = DocDecision.keep(new Doc("7", "a.jsonl", "alpha"));
    DocDecision beta = DocDecision.keep(new Doc("7", "b.jsonl", "beta"));
    DocDecision gamma = DocDecision.keep(new Doc("7", "c.jsonl", "gamma"));

    List<DocDecision> forward = decide(List.of(alpha, beta, gamma));
    List<DocDecision> backward = decide(List.of(gamma, beta, alpha));

    assertEquals(forward, backward);
    assertEquals(alpha, forward.get(0));
    assertEquals(3, forward.size());
    for (DocDecision rejected : forward.subList(1, 3)) {
      Decision.Reject reject = assertInstanceOf(Decision.Reject.class, rejected.decision());
      assertEquals(RejectReason.DUPLICATE_ID, reject.reason());
      assertTrue(reject.detail().contains("kept the one from a.jsonl"), reject.detail());
    }
    assertEquals(List.of("gamma", "beta"), forward.subList(1, 3).stream().map(d -> d.doc().text()).toList());
  }

  @Test
  void passesARecordWithAUniqueIdUnchangedRewriteIncluded() {
    DocDecision rewritten = new DocDecision(new Doc("x", "s", "caf\u00c3\u00a9"),
        Decision.rewrite("caf\u00e9", java.util.Map.of(RejectReason.MOJIBAKE_REPAIRED, 1)));
    assertEquals(List.of(rewritten), decide(List.of(rewritten)));
  }

  @Test
  void rejectsAnExactlyRepeatedRecordRatherThanMergingItSilently() {
    DocDecision once = DocDecision.keep(new Doc("1", "f.jsonl", "same"));
    List<DocDecision> out = decide(List.of(once, once));
    assertEquals(once, out.get(0));
    assertEquals(RejectReason.DUPLICATE_ID, ((Decision.Reject) out.get(1).decision()).reason());
  }

  @Test
  void decidesEveryIdAcrossTheHashBucketsAsItsOwnGroupWouldAndPassesRejectsThrough() {
    Map<String, List<DocDecision>> byId = new LinkedHashMap<>();
    for (int i = 0; i < 400; i++) {
      String id = "doc-" + (i % 300); // ids 0..99 come twice, with different texts
      byId.computeIfAbsent(id, k -> new ArrayList<>()).add(DocDecision.keep(new Doc(id, "f" + i, "text " + i)));
    }
    List<DocDecision> input = new ArrayList<>();
    List<DocDecision> expected = new ArrayList<>();
    byId.values().forEach(sameId -> {
      input.addAll(sameId);
      UniqueDocIds.decide(sameId, expected::add);
    });
    assertEquals(100, expected.stream().filter(d -> d.decision() instanceof Decision.Reject).count());
    DocDecision unread =
        DocDecision.reject(new Doc("doc-5", "bad.zip", ""), RejectReason.UNREADABLE_FILE, "io");
    input.add(unread);
    expected.add(unread);
    TestPipeline p =
        TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);

    PCollection<DocDecision> out = p.apply(Create.of(input).withCoder(SerializableCoder.of(DocDecision.class)))
        .apply(new UniqueDocIds());

    PAssert.that(out).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
