package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.util.ArrayList;
import java.util.List;
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
}
