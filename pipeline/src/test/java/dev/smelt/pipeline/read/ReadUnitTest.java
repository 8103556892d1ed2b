package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.StageOutput;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large text file read in ranges of its pieces gives what reading it front to back gives. */
class ReadUnitTest {
  private static final ReaderOptions OPTIONS = ReaderOptions.defaults().withTextSplitBytes(64);

  @TempDir Path dir;

  private List<ReadUnit> units(String name, byte[] content) throws IOException {
    Files.write(dir.resolve(name), content);
    return ReadCorpus.from(List.of(dir.resolve(name)), OPTIONS).units();
  }

  private static List<DocDecision> readUnits(List<ReadUnit> units) {
    CorpusFileReader reader = new CorpusFileReader(OPTIONS);
    List<DocDecision> out = new ArrayList<>();
    units.forEach(u -> reader.read(u, out::add));
    return out;
  }

  private static List<DocDecision> readWhole(ReadUnit unit) {
    List<DocDecision> out = new ArrayList<>();
    new CorpusFileReader(OPTIONS).read(unit.file(), out::add);
    return out;
  }

  @Test
  void readsALargeTextFileInRangesAsTheSamePiecesAsFrontToBack() throws IOException {
    String text = TextSplitTest.paragraphs(400, "\n", 8) + "y".repeat(300) + "\n"
        + TextSplitTest.paragraphs(100, "\r\n", 9);
    List<ReadUnit> units = units("big.txt", text.getBytes(StandardCharsets.UTF_8));
    assertTrue(units.size() > 10, units.size() + " units");
    assertEquals(readWhole(units.get(0)), readUnits(units));
  }

  @Test
  void readCorpusSpreadsTheRangesOverTheRunnerAndKeepsEveryPieceOnce() throws IOException {
    String text = TextSplitTest.paragraphs(300, "\n", 12);
    List<ReadUnit> units = units("spread.txt", text.getBytes(StandardCharsets.UTF_8));
    List<Doc> expected = readWhole(units.get(0)).stream().map(DocDecision::doc).toList();
    assertTrue(units.size() > 5 && expected.size() > 40, units.size() + " units, " + expected.size() + " pieces");
    TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.create())
        .enableAbandonedNodeEnforcement(false);
    StageOutput out = p.apply(ReadCorpus.from(List.of(dir.resolve("spread.txt")), OPTIONS));
    PAssert.that(out.kept()).containsInAnyOrder(expected);
    PAssert.that(out.rejected()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void decidesTheCharsetOfEveryRangeFromTheFilesHead() throws IOException {
    String text = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade.\n\n".repeat(300);
    List<ReadUnit> units = units("latin1.md", text.getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(units.size() > 3);
    assertEquals(readWhole(units.get(0)), readUnits(units));
  }

  @Test
  void readsAWideUnicodeTextWholeInItsFirstRange() throws IOException {
    String text = TextSplitTest.paragraphs(100, "\n", 10);
    List<ReadUnit> units = units("wide.txt", ("\uFEFF" + text).getBytes(Charset.forName("UTF-16LE")));
    assertTrue(units.size() > 3);
    List<DocDecision> ranged = readUnits(units);
    assertEquals(readWhole(units.get(0)), ranged);
    assertTrue(ranged.size() > 3 && ranged.get(0).doc().text().contains("para 0 line 0"), ranged::toString);
  }

  @Test
  void keepsSmallFilesAndCompressedOnesAsOneUnit() throws IOException {
    assertEquals(List.of(false), units("small.txt", "short text\n".getBytes(StandardCharsets.UTF_8))
        .stream().map(u -> !u.isWhole()).toList());
    byte[] gz = CorpusFileReaderTest.gzip(TextSplitTest.paragraphs(400, "\n", 11).getBytes(StandardCharsets.UTF_8));
    assertTrue(gz.length > ReadUnit.MARKS_PER_UNIT * 64, gz.length + " bytes");
    assertEquals(1, units("big.txt.gz", gz).size());
  }
}
