package dev.smelt.pipeline.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateGroupTest {
  @Test
  void keepsSmallestIdWhateverTheOrderAndRejectsTheRestAsDuplicatesOfIt() {
    Doc b = new Doc("b", "s", "same");
    Doc a = new Doc("a", "s", "same");
    Doc c = new Doc("c", "s", "same");
    List<DocDecision> out = new ArrayList<>();
    DuplicateGroup.decide(List.of(b, c, a), out::add);
    assertEquals(
        List.of(
            DocDecision.reject(b, RejectReason.DUPLICATE, "duplicate of a"),
            DocDecision.reject(c, RejectReason.DUPLICATE, "duplicate of a"),
            DocDecision.keep(a)),
        out);
  }

  @Test
  void keepsASingleDocument() {
    Doc a = new Doc("a", "s", "t");
    List<DocDecision> out = new ArrayList<>();
    DuplicateGroup.decide(List.of(a), out::add);
    assertEquals(List.of(DocDecision.keep(a)), out);
  }

  @Test
  void keepsExactlyOneOfTwoDocumentsWithTheSameId() {
    Doc first = new Doc("x", "s", "t");
    Doc second = new Doc("x", "s", "t");
    List<DocDecision> out = new ArrayList<>();
    DuplicateGroup.decide(List.of(first, second), out::add);
    assertEquals(DocDecision.keep(first), out.get(0));
    assertEquals(RejectReason.DUPLICATE, ((Decision.Reject) out.get(1).decision()).reason());
  }

  @Test
  void hashesDifferentTextsDifferentlyAndSameTextsTheSame() {
    assertEquals(TextHash.sha256("abc"), TextHash.sha256("abc"));
    assertNotEquals(TextHash.sha256("abc"), TextHash.sha256("abd"));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TextHash.sha256("abc"));
  }
}
