package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large text files read as pieces: where they are cut, their ids, and what is never held. */
class TextSplitTest {
  private static final int SPLIT = 64;

  @TempDir Path dir;

  private List<DocDecision> read(String name, String text, int split, int maxDocBytes) throws IOException {
    return read(name, text.getBytes(StandardCharsets.UTF_8), split, maxDocBytes);
  }

  private List<DocDecision> read(String name, byte[] content, int split, int maxDocBytes)
      throws IOException {
    CorpusFileReader reader = new CorpusFileReader(ReaderOptions.defaults()
        .withMaxDocBytes(maxDocBytes).withTextSplitBytes(split));
    return ReaderFixtures.read(dir, name, content, reader);
  }

  private static String joined(List<DocDecision> pieces) {
    StringBuilder all = new StringBuilder();
    pieces.forEach(p -> all.append(ReaderFixtures.keptText(p)));
    return all.toString();
  }

  /** Paragraphs of a few lines of about 20 bytes, separated by empty lines. */
  static String paragraphs(int count, String lineEnd, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < count; p++) {
      for (int line = 0, lines = 1 + random.nextInt(3); line < lines; line++) {
        text.append("para ").append(p).append(" line ").append(line).append(" words").append(lineEnd);
      }
      text.append(lineEnd);
    }
    return text.toString();
  }

  @Test
  void readsAFileExactlyAtTheSplitSizeAsOneDocumentNamedByItsPath() throws IOException {
    String text = "a".repeat(SPLIT - 1) + "\n";
    List<DocDecision> out = read("at.txt", text, SPLIT, 1000);
    assertEquals(1, out.size());
    assertEquals("at.txt", out.get(0).doc().docId());
    assertEquals(text, ReaderFixtures.keptText(out.get(0)));
  }

  @Test
  void readsAFileOneByteOverTheSplitSizeAsNumberedPiecesThatAddUpToIt() throws IOException {
    String text = "first paragraph of the file\n\n" + "b".repeat(SPLIT - 29) + "\n";
    assertEquals(SPLIT + 1, text.length());
    List<DocDecision> out = read("over.txt", text, SPLIT, 1000);
    assertEquals(text, joined(out));
    assertEquals("over.txt#000000", out.get(0).doc().docId());
    assertEquals("over.txt", out.get(0).doc().source());
  }

  @Test
  void cutsAtEmptyLinesNearEveryMarkWithIdsInFileOrder() throws IOException {
    String text = paragraphs(60, "\n", 1);
    List<DocDecision> out = read("book.md", text, SPLIT * 4, 10_000);
    assertEquals(text, joined(out));
    assertTrue(out.size() > 5, () -> out.size() + " pieces");
    List<String> ids = out.stream().map(d -> d.doc().docId()).toList();
    assertEquals(ids.stream().sorted().toList(), ids);
    for (DocDecision piece : out.subList(0, out.size() - 1)) {
      String t = piece.doc().text();
      assertTrue(t.endsWith("\n\n"), () -> "not cut at an empty line: " + t);
      assertTrue(t.length() >= SPLIT * 2 - 40 && t.length() <= SPLIT * 6 + 40, () -> t.length() + " bytes");
    }
  }

  @Test
  void cutsAParagraphLongerThanTheSplitSizeAtALineEnd() throws IOException {
    String text = "one long paragraph line\n".repeat(40);
    List<DocDecision> out = read("para.txt", text, SPLIT, 1000);
    assertEquals(text, joined(out));
    assertTrue(out.size() > 5, () -> out.size() + " pieces");
    out.forEach(p -> assertTrue(p.doc().text().endsWith("paragraph line\n"), p::toString));
  }

  @Test
  void cutsCrlfTextAtCrlfEmptyLinesNeverBetweenCrAndLf() throws IOException {
    String text = paragraphs(40, "\r\n", 2);
    List<DocDecision> out = read("dos.txt", text, SPLIT * 2, 1000);
    assertEquals(text, joined(out));
    for (DocDecision piece : out.subList(0, out.size() - 1)) {
      assertTrue(piece.doc().text().endsWith("\r\n\r\n"), piece::toString);
    }
  }

  @Test
  void rejectsAPieceHoldingALineLongerThanTheLargestDocumentAndKeepsTheOthers() throws IOException {
    String text = paragraphs(10, "\n", 3) + "x".repeat(500) + "\n" + paragraphs(10, "\n", 4);
    List<DocDecision> out = read("long-line.txt", text, SPLIT, 200);
    List<DocDecision> rejected = out.stream().filter(d -> d.decision() instanceof Decision.Reject).toList();
    assertEquals(1, rejected.size(), out::toString);
    ReaderFixtures.rejectOf(rejected.get(0), RejectReason.TOO_LONG);
    assertEquals(200, rejected.get(0).doc().text().length());
    assertTrue(out.size() - 1 > 4, "the pieces around the long line are kept");
  }

  @Test
  void readsAGzippedLargeTextAsTheSamePiecesAsThePlainOne() throws IOException {
    String text = paragraphs(50, "\n", 5);
    List<DocDecision> plain = read("plain.txt", text, SPLIT * 2, 1000);
    List<DocDecision> gz = read("packed.txt.gz",
        CorpusFileReaderTest.gzip(text.getBytes(StandardCharsets.UTF_8)), SPLIT * 2, 1000);
    assertEquals(plain.stream().map(d -> d.doc().text()).toList(), gz.stream().map(d -> d.doc().text()).toList());
    assertEquals("packed.txt.gz#000000", gz.get(0).doc().docId());
  }

  @Test
  void decodesEveryPieceWithTheCharsetTheHeadShowsCountingTheGuess() throws IOException {
    String text = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve fa\u00e7ade, d\u00e9j\u00e0 vu.\n\n".repeat(40);
    List<DocDecision> out = read("latin1.txt", text.getBytes(StandardCharsets.ISO_8859_1), SPLIT * 4, 10_000);
    assertTrue(out.size() > 3);
    StringBuilder all = new StringBuilder();
    for (DocDecision piece : out) {
      all.append(ReaderFixtures.rewrittenText(piece, Map.of(RejectReason.CHARSET_GUESSED, 1)));
    }
    assertEquals(text, all.toString());
  }

  @Test
  void findsTheSameCutsReadingFromAnyMarkAsFromTheStart() throws IOException {
    byte[] text = (paragraphs(80, "\n", 6) + "x".repeat(700) + "\n" + paragraphs(30, "\r\n", 7))
        .getBytes(StandardCharsets.UTF_8);
    for (int split : new int[] {16, 50, 128}) {
      TextPieces cutter = new TextPieces(split, 10_000);
      List<String> whole = cut(cutter, text, 0, Long.MAX_VALUE);
      List<String> ranged = new ArrayList<>();
      long marks = text.length / split + 1;
      for (long first = 0; first < marks; first += 3) {
        ranged.addAll(cut(cutter, text, first, first + 3));
      }
      assertEquals(whole, ranged, "split " + split);
    }
  }

  private static List<String> cut(TextPieces cutter, byte[] text, long first, long end) throws IOException {
    List<String> out = new ArrayList<>();
    int from = (int) Math.min(text.length, cutter.startOf(first));
    cutter.cut(new ByteArrayInputStream(text, from, text.length - from), first, end,
        p -> out.add(p.number() + ":" + new String(p.bytes(), 0, p.length(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void streamsA20MbTextEmittingEachPieceBeforeReadingFarPastIt() throws IOException {
    int split = 1 << 20;
    long total = 20L << 20;
    CountingStream in = new CountingStream(new GeneratedText(total));
    long[] emittedBytes = {0};
    long[] worstLag = {0};
    int[] pieces = {0};
    new PlainTextReader(ReaderOptions.DEFAULT_MAX_DOC_BYTES, split).read(
        new CorpusFile("/generated.txt", "generated.txt"), in, decision -> {
          emittedBytes[0] += decision.doc().text().length(); // ASCII: one byte a character
          worstLag[0] = Math.max(worstLag[0], in.consumed - emittedBytes[0]);
          pieces[0]++;
          assertFalse(decision.decision() instanceof Decision.Reject, decision.doc().docId());
        });
    assertEquals(total, emittedBytes[0]);
    assertTrue(pieces[0] >= 15, pieces[0] + " pieces");
    // Held at any time: the piece being built (under 1.5 × split) and one read chunk, never the file.
    assertTrue(worstLag[0] <= split * 3L / 2 + (64 << 10) + 1, "read ahead of what was emitted: " + worstLag[0]);
    assertTrue(in.largestRead <= 64 << 10, "asked for " + in.largestRead + " bytes at once");
  }

  /** Counts bytes handed out and the largest single request. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long consumed;
    int largestRead;

    CountingStream(java.io.InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      consumed += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      largestRead = Math.max(largestRead, len);
      int n = super.read(b, off, len);
      consumed += Math.max(0, n);
      return n;
    }
  }

  /** Paragraphs of six prose-like ASCII lines, made on the fly: nothing on disk. */
  private static final class GeneratedText extends java.io.InputStream {
    private static final byte[] BLOCK = ("the quick brown fox jumps over the lazy dog again and again\n"
        .repeat(6) + "\n").getBytes(StandardCharsets.US_ASCII);
    private final long total;
    private long position;

    GeneratedText(long total) {
      this.total = total;
    }

    @Override
    public int read() {
      return position >= total ? -1 : BLOCK[(int) (position++ % BLOCK.length)];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= total) {
        return -1;
      }
      int n = (int) Math.min(len, total - position);
      for (int i = 0; i < n; i++) {
        b[off + i] = BLOCK[(int) (position++ % BLOCK.length)];
      }
      return n;
    }
  }
}
