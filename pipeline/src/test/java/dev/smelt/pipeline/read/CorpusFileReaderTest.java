package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFileReaderTest {
  @TempDir Path dir;

  private List<DocDecision> read(String name, byte[] content) throws IOException {
    return read(name, content, CorpusFileReader.DEFAULT_MAX_DOC_BYTES);
  }

  private List<DocDecision> read(String name, byte[] content, int maxDocBytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    List<DocDecision> out = new ArrayList<>();
    new CorpusFileReader(maxDocBytes).read(new CorpusFile(file.toString(), name), out::add);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content);
    }
    return bytes.toByteArray();
  }

  private static Decision.Reject onlyReject(List<DocDecision> out, RejectReason expected) {
    assertEquals(1, out.size(), out::toString);
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, out.get(0).decision());
    assertEquals(expected, reject.reason(), reject::detail);
    return reject;
  }

  @Test
  void readsAPlainTextFileAsOneDocumentNamedByItsPath() throws IOException {
    assertEquals(
        List.of(DocDecision.keep(new Doc("notes.md", "notes.md", "# Title\nbody ü\n"))),
        read("notes.md", utf8("# Title\nbody ü\n")));
  }

  @Test
  void readsGzippedTextAndRecognisesGzipByMagicBytesWhateverTheName() throws IOException {
    byte[] gz = gzip(utf8("hello"));
    assertEquals("hello", read("a.txt.gz", gz).get(0).doc().text());
    assertEquals("hello", read("b.txt", gz).get(0).doc().text());
  }

  @Test
  void readsJsonlWithIdsSourcesAndFallbacks() throws IOException {
    String jsonl =
        "{\"id\":\"x1\",\"text\":\"one\",\"source\":\"web\"}\n"
            + "\n"
            + "{\"text\":\"two\"}\r\n"
            + "{\"id\":7,\"text\":\"three\"}";
    assertEquals(
        List.of(
            DocDecision.keep(new Doc("x1", "web", "one")),
            DocDecision.keep(new Doc("d/f.jsonl:3", "d/f.jsonl", "two")),
            DocDecision.keep(new Doc("7", "d/f.jsonl", "three"))),
        readAs("d/f.jsonl", utf8(jsonl)));
  }

  private List<DocDecision> readAs(String relative, byte[] content) throws IOException {
    Path file = dir.resolve("nested.jsonl");
    Files.write(file, content);
    List<DocDecision> out = new ArrayList<>();
    new CorpusFileReader().read(new CorpusFile(file.toString(), relative), out::add);
    return out;
  }

  @Test
  void rejectsAnInvalidJsonLineAndKeepsReadingTheFile() throws IOException {
    List<DocDecision> out =
        read("c.jsonl", utf8("{\"text\":\"good\"}\n{\"text\": oops}\n{\"text\":\"after\"}\n"));
    assertEquals(3, out.size());
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, out.get(1).decision());
    assertEquals(RejectReason.INVALID_JSON, reject.reason());
    assertEquals("c.jsonl:2", out.get(1).doc().docId());
    assertEquals("{\"text\": oops}", out.get(1).doc().text());
    assertEquals("after", out.get(2).doc().text());
  }

  @Test
  void rejectsAJsonLineThatIsNotAnObjectOrHasTrailingGarbage() throws IOException {
    List<DocDecision> out = read("c.jsonl", utf8("[1,2]\n{\"text\":\"a\"} x\n"));
    for (DocDecision d : out) {
      assertEquals(RejectReason.INVALID_JSON, ((Decision.Reject) d.decision()).reason());
    }
    assertEquals(2, out.size());
  }

  @Test
  void rejectsMissingEmptyOrNonStringTextWithTheRecordsId() throws IOException {
    List<DocDecision> out =
        read("m.jsonl", utf8("{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":\"\"}\n{\"id\":\"c\",\"text\":3}\n"));
    assertEquals(List.of("a", "b", "c"), out.stream().map(d -> d.doc().docId()).toList());
    List<String> details =
        out.stream()
            .map(d -> (Decision.Reject) d.decision())
            .peek(r -> assertEquals(RejectReason.MISSING_TEXT, r.reason()))
            .map(Decision.Reject::detail)
            .toList();
    assertEquals(List.of("no 'text' field", "'text' is empty", "'text' is a NUMBER, not a string"), details);
  }

  @Test
  void rejectsAJsonlLineWithInvalidUtf8AndKeepsTheOthers() throws IOException {
    byte[] bad = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}', '\n'};
    byte[] content = concat(bad, utf8("{\"text\":\"fine\"}\n"));
    List<DocDecision> out = read("u.jsonl", content);
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, out.get(0).decision());
    assertEquals(RejectReason.INVALID_UTF8, reject.reason());
    assertTrue(reject.detail().contains("byte offset 9"), reject.detail());
    assertEquals(DocDecision.keep(new Doc("u.jsonl:2", "u.jsonl", "fine")), out.get(1));
  }

  @Test
  void decodesALatin1TextFileWithItsDetectedCharsetAndCountsTheGuess() throws IOException {
    byte[] latin1 = "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1);
    List<DocDecision> out = read("l.txt", latin1);
    assertEquals(1, out.size());
    assertEquals("caf\u00e9 au lait",
        ReaderFixtures.rewrittenText(out.get(0), Map.of(RejectReason.CHARSET_GUESSED, 1)));
  }

  @Test
  void countsBytesTheFallbackCharsetCannotMapAsALossyDecode() throws IOException {
    byte[] text = concat(utf8("plain ascii words, enough of them to keep the odd bytes rare, ".repeat(4)),
        new byte[] {(byte) 0xE9, (byte) 0x81});
    assertEquals(1, read("few.txt", text).size());
    String kept = ReaderFixtures.rewrittenText(read("few.txt", text).get(0),
        Map.of(RejectReason.CHARSET_GUESSED, 1, RejectReason.LOSSY_DECODE, 1));
    assertTrue(kept.endsWith(" \u00e9"), kept);
  }

  @Test
  void repairsMojibakeWhileReadingAndCountsEachRepair() throws IOException {
    List<DocDecision> out = read("m.jsonl", utf8("{\"text\":\"It\u00e2\u20ac\u2122s caf\u00c3\u00a9 time\"}\n"));
    assertEquals("It\u2019s caf\u00e9 time",
        ReaderFixtures.rewrittenText(out.get(0), Map.of(RejectReason.MOJIBAKE_REPAIRED, 2)));
  }

  @Test
  void decodesUtf16And32WithAByteOrderMarkWithoutCountingAGuess() throws IOException {
    String text = "na\u00efve caf\u00e9 \u2013 \uD83D\uDE00 done\n";
    Map<String, byte[]> files = Map.of(
        "le.txt", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)),
        "be.txt", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
        "le32.txt", concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, text.getBytes(Charset.forName("UTF-32LE"))),
        "be32.txt", concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, text.getBytes(Charset.forName("UTF-32BE"))));
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertEquals(List.of(DocDecision.keep(new Doc(file.getKey(), file.getKey(), text))),
          read(file.getKey(), file.getValue()), file.getKey());
    }
  }

  @Test
  void decodesUtf16AndUtf32WithoutAByteOrderMarkCountingTheGuess() throws IOException {
    String jsonl = "{\"id\":\"a\",\"text\":\"caf\u00e9 one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n";
    for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
      List<DocDecision> out = read("w.jsonl", jsonl.getBytes(Charset.forName(charset)));
      assertEquals(2, out.size(), charset);
      assertEquals("caf\u00e9 one",
          ReaderFixtures.rewrittenText(out.get(0), Map.of(RejectReason.CHARSET_GUESSED, 1)), charset);
      assertEquals("b", out.get(1).doc().docId());
    }
  }

  @Test
  void rejectsUtf16WhoseBytesAreMalformedAsUnknownCharset() throws IOException {
    byte[] lonelySurrogate = {(byte) 0xFF, (byte) 0xFE, 'h', 0, 'i', 0, 0x00, (byte) 0xDC, 'x', 0};
    Decision.Reject reject = onlyReject(read("bad16.txt", lonelySurrogate), RejectReason.UNKNOWN_CHARSET);
    assertTrue(reject.detail().contains("MalformedInput"), reject.detail());
  }

  @Test
  void rejectsAnEntryTheWalkSkippedWithTheWalksReasonWithoutOpeningIt() {
    List<DocDecision> out = new ArrayList<>();
    new CorpusFileReader().read(CorpusFile.skipped(Path.of("/etc/passwd"), "leak.txt",
        RejectReason.SYMLINK_OUTSIDE_INPUT, "link to '/etc/passwd'"), out::add);
    Decision.Reject reject = onlyReject(out, RejectReason.SYMLINK_OUTSIDE_INPUT);
    assertEquals("link to '/etc/passwd'", reject.detail());
    assertEquals(new Doc("leak.txt", "leak.txt", ""), out.get(0).doc());
  }

  @Test
  void rejectsMostlyUtf8TextWithABrokenSequenceAsInvalidUtf8KeepingTheBytesLeniently() throws IOException {
    byte[] text = concat(utf8("na\u00efve caf\u00e9 \u00fcber"), new byte[] {(byte) 0xC3});
    Decision.Reject reject = onlyReject(read("u.txt", text), RejectReason.INVALID_UTF8);
    assertEquals("invalid UTF-8 at byte offset 18", reject.detail());
    assertEquals("na\u00efve caf\u00e9 \u00fcber\uFFFD", read("u2.txt", text).get(0).doc().text());
  }

  @Test
  void rejectsBytesOfNoDetectableCharsetAsUnknownCharset() throws IOException {
    byte[] odd = {(byte) 0x81, (byte) 0x8d, (byte) 0x8f, (byte) 0x90, (byte) 0x9d, (byte) 0x81, 'a'};
    Decision.Reject reject = onlyReject(read("odd.txt", odd), RejectReason.UNKNOWN_CHARSET);
    assertTrue(reject.detail().contains("no other charset detected"), reject.detail());
  }

  @Test
  void rejectsAFileWithAnUnknownNameAndUnrecognisedContentAsUnsupported() throws IOException {
    Decision.Reject reject = onlyReject(read("data.bin", new byte[] {1, 2, 0, 4}), RejectReason.UNSUPPORTED_FORMAT);
    assertTrue(reject.detail().contains("by its name or its first bytes"), reject.detail());
  }

  @Test
  void readsAnHtmlFileWithTheCharsetItsMetaTagDeclares() throws IOException {
    byte[] page = ("<html><head><meta charset=\"windows-1252\"></head><body><p>Na\u00efve \u2013 "
        + "caf\u00e9</p></body></html>").getBytes("windows-1252");
    assertEquals("Na\u00efve \u2013 caf\u00e9", read("p.htm", page).get(0).doc().text());
  }

  @Test
  void recognisesAnUnnamedHtmlPageAndAGzippedOneByTheirContent() throws IOException {
    byte[] page = utf8("<!DOCTYPE html><html><body><p>Hello page</p></body></html>");
    assertEquals("Hello page", read("index", page).get(0).doc().text());
    assertEquals("Hello page", read("page.html.gz", gzip(page)).get(0).doc().text());
  }

  @Test
  void readsOnlyTheSelectedFormats() throws IOException {
    Path file = dir.resolve("p.html");
    Files.write(file, utf8("<p>x</p>"));
    List<DocDecision> out = new ArrayList<>();
    new CorpusFileReader(ReaderOptions.defaults().withFormats(List.of("jsonl", "text")))
        .read(new CorpusFile(file.toString(), "p.html"), out::add);
    Decision.Reject reject = onlyReject(out, RejectReason.UNSUPPORTED_FORMAT);
    assertTrue(reject.detail().contains(".jsonl, .txt, .md"), reject.detail());
  }

  @Test
  void rejectsATruncatedGzippedTextAsOneCutRecord() throws IOException {
    byte[] gz = gzip(utf8("some text that is long enough to compress ".repeat(50)));
    Decision.Reject reject =
        onlyReject(read("t.txt.gz", Arrays.copyOf(gz, gz.length / 2)), RejectReason.GZIP_TRUNCATED);
    assertTrue(reject.detail().contains("may be cut"), reject.detail());
  }

  @Test
  void keepsTheRecordsOfASmallJsonlGzBeforeItsCutAndRejectsTheCutOne() throws IOException {
    byte[] gz = gzip(utf8("{\"id\":\"1\",\"text\":\"first\"}\n{\"id\":\"2\",\"text\":\"second\"}\n"
        + "{\"id\":\"3\",\"text\":\"third, which the cut falls into\"}\n"));
    List<DocDecision> out = read("small.jsonl.gz", Arrays.copyOf(gz, gz.length - 20));
    assertEquals(List.of(DocDecision.keep(new Doc("1", "small.jsonl.gz", "first")),
        DocDecision.keep(new Doc("2", "small.jsonl.gz", "second"))), out.subList(0, 2));
    assertEquals(3, out.size(), out::toString);
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, out.get(2).decision());
    assertEquals(RejectReason.GZIP_TRUNCATED, reject.reason());
    assertEquals("small.jsonl.gz:3", out.get(2).doc().docId());
  }

  @Test
  void rejectsAGzipCutInsideItsHeaderAsTruncated() throws IOException {
    byte[] gz = gzip(utf8("text"));
    onlyReject(read("h.txt.gz", Arrays.copyOf(gz, 5)), RejectReason.GZIP_TRUNCATED);
  }

  @Test
  void rejectsAGzNamedFileWithoutGzipMagicAsBadGzip() throws IOException {
    Decision.Reject reject = onlyReject(read("n.jsonl.gz", utf8("plain")), RejectReason.BAD_GZIP);
    assertTrue(reject.detail().contains("magic"), reject.detail());
  }

  @Test
  void keepsJsonlRecordsReadBeforeAGzipStreamBreaks() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      jsonl.append("{\"text\":\"record ").append(i).append(" ").append(Integer.toHexString(i * 7919)).append("\"}\n");
    }
    byte[] gz = gzip(utf8(jsonl.toString()));
    List<DocDecision> out = read("big.jsonl.gz", Arrays.copyOf(gz, gz.length - 100));
    DocDecision last = out.get(out.size() - 1);
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, last.decision());
    assertEquals(RejectReason.GZIP_TRUNCATED, reject.reason());
    assertEquals("big.jsonl.gz:" + out.size(), last.doc().docId());
    assertTrue(out.size() > 1000, "records before the break were read: " + out.size());
    assertTrue(out.subList(0, out.size() - 1).stream().allMatch(d -> d.decision() instanceof Decision.Keep));
  }

  @Test
  void rejectsAFileWithNulBytesAsBinary() throws IOException {
    Decision.Reject reject =
        onlyReject(read("b.txt", new byte[] {'P', 'K', 3, 4, 0, 0, 1}), RejectReason.BINARY_FILE);
    assertEquals("NUL byte at offset 4", reject.detail());
  }

  @Test
  void rejectsEmptyFilesAndJsonlWithOnlyBlankLinesAsEmpty() throws IOException {
    onlyReject(read("e.txt", new byte[0]), RejectReason.EMPTY_FILE);
    onlyReject(read("e.jsonl.gz", gzip(new byte[0])), RejectReason.EMPTY_FILE);
    onlyReject(read("blank.jsonl", utf8("\n  \n\r\n")), RejectReason.EMPTY_FILE);
  }

  @Test
  void rejectsAnUnknownExtensionAsUnsupported() throws IOException {
    Decision.Reject reject = onlyReject(read("image.png", utf8("x")), RejectReason.UNSUPPORTED_FORMAT);
    assertTrue(reject.detail().contains(".jsonl"), reject.detail());
  }

  @Test
  void rejectsAFileThatCannotBeOpenedAsUnreadable() {
    List<DocDecision> out = new ArrayList<>();
    new CorpusFileReader().read(new CorpusFile(dir.resolve("gone.txt").toString(), "gone.txt"), out::add);
    onlyReject(out, RejectReason.UNREADABLE_FILE);
  }

  @Test
  void rejectsTooLongFilesAndLinesWithoutHoldingThem() throws IOException {
    onlyReject(read("long.txt", utf8("x".repeat(101)), 100), RejectReason.TOO_LONG);
    List<DocDecision> out =
        read("long.jsonl", utf8("{\"text\":\"" + "y".repeat(200) + "\"}\n{\"text\":\"ok\"}\n"), 100);
    assertEquals(RejectReason.TOO_LONG, ((Decision.Reject) out.get(0).decision()).reason());
    assertEquals(100, out.get(0).doc().text().length());
    assertEquals(DocDecision.keep(new Doc("long.jsonl:2", "long.jsonl", "ok")), out.get(1));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
