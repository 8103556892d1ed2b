package dev.smelt.pipeline.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocCoder;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class DecisionCodersTest {
  private static final Doc DOC = new Doc("a.txt#0", "a.txt", "Émile wrote: ünïcödé 😀 text\n");
  private static final Doc NULLS = new Doc("b#1", null, "");

  @Test
  void everyDecisionKindComesBackEqual() throws Exception {
    List<DocDecision> decisions = List.of(DocDecision.keep(DOC), DocDecision.keep(NULLS),
        DocDecision.reject(DOC, RejectReason.TOO_SHORT, "12 chars"),
        DocDecision.reject(NULLS, RejectReason.DUPLICATE, null),
        new DocDecision(DOC, Decision.rewrite("<EMAIL> wrote",
            Map.of(RejectReason.PII_EMAIL, 2, RejectReason.PII_PHONE, 1))),
        new DocDecision(DOC, Decision.tag(Map.of(RejectReason.CONTAMINATED, "shares a 13-gram"))));
    for (DocDecision decision : decisions) {
      CoderProperties.coderDecodeEncodeEqual(DecisionCoders.docDecision(), decision);
      CoderProperties.coderDeterministic(DecisionCoders.docDecision(), decision, decision);
    }
    CoderProperties.coderDecodeEncodeEqual(DocCoder.of(), DOC);
    CoderProperties.coderDecodeEncodeEqual(DocCoder.of(), NULLS);
    CoderProperties.coderDecodeEncodeEqual(DecisionCoders.rejected(),
        new Rejected(DOC, "length", RejectReason.TOO_SHORT, "12 chars"));
    CoderProperties.coderDecodeEncodeEqual(DecisionCoders.tagged(),
        new Tagged("a.txt#0", "a.txt", "copyright", RejectReason.CONTAMINATED, null));
  }

  @Test
  void equalDecisionsGiveEqualBytes() throws Exception {
    DocDecision a = new DocDecision(DOC, Decision.rewrite("x",
        Map.of(RejectReason.PII_PHONE, 1, RejectReason.PII_EMAIL, 2)));
    DocDecision b = new DocDecision(new Doc(DOC.docId(), DOC.source(), DOC.text()), Decision.rewrite("x",
        Map.of(RejectReason.PII_EMAIL, 2, RejectReason.PII_PHONE, 1)));
    assertArrayEquals(CoderUtils.encodeToByteArray(DecisionCoders.docDecision(), a),
        CoderUtils.encodeToByteArray(DecisionCoders.docDecision(), b));
  }

  @Test
  void unknownKindIsACoderError() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(DecisionCoders.docDecision(), DocDecision.keep(DOC));
    bytes[bytes.length - 1] = 9;
    assertThrows(CoderException.class, () -> CoderUtils.decodeFromByteArray(DecisionCoders.docDecision(), bytes));
  }
}
