package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a file and reads it the way a run does; shared by the per-format reader tests. */
final class ReaderFixtures {
  private ReaderFixtures() {}

  static List<DocDecision> read(Path dir, String name, byte[] content) throws IOException {
    return read(dir, name, content, new CorpusFileReader());
  }

  static List<DocDecision> read(Path dir, String name, byte[] content, CorpusFileReader reader)
      throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return read(file, name, reader);
  }

  static List<DocDecision> read(Path file, String relative, CorpusFileReader reader) {
    List<DocDecision> out = new ArrayList<>();
    reader.read(new CorpusFile(file.toString(), relative), out::add);
    return out;
  }

  static Decision.Reject rejectOf(DocDecision decision, RejectReason expected) {
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, decision.decision(), decision::toString);
    assertEquals(expected, reject.reason(), reject::detail);
    return reject;
  }

  static String keptText(DocDecision decision) {
    assertInstanceOf(Decision.Keep.class, decision.decision(), decision::toString);
    return decision.doc().text();
  }

  /** The text of a record reading kept but changed, after checking what it says it changed. */
  static String rewrittenText(DocDecision decision, Map<RejectReason, Integer> edits) {
    Decision.Rewrite rewrite = assertInstanceOf(Decision.Rewrite.class, decision.decision(), decision::toString);
    assertEquals(edits, rewrite.edits());
    return rewrite.text();
  }
}
