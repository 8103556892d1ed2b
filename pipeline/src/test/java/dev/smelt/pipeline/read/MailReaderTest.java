package dev.smelt.pipeline.read;

import static dev.smelt.pipeline.read.ReaderFixtures.keptText;
import static dev.smelt.pipeline.read.ReaderFixtures.read;
import static dev.smelt.pipeline.read.ReaderFixtures.rejectOf;
import static dev.smelt.pipeline.read.ReaderFixtures.rewrittenText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailReaderTest {
  @TempDir Path dir;

  private static byte[] bytes(String ascii) {
    return ascii.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** multipart/alternative: a base64 ISO-8859-1 text/plain part, an HTML part, a PDF attachment. */
  static byte[] multipartMail() {
    String plain = Base64.getMimeEncoder().encodeToString(
        "Grüße aus Köln: das Café öffnet um 9 Uhr.\n".getBytes(StandardCharsets.ISO_8859_1));
    return bytes("""
        From: Jörg <jorg@example.org>
        To: you@example.org
        Subject: =?ISO-8859-1?Q?Gr=FC=DFe?= from Cologne
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=ISO-8859-1
        Content-Transfer-Encoding: base64

        %s
        --inner
        Content-Type: text/html; charset=ISO-8859-1

        <html><body><p>HTML version</p></body></html>
        --inner--
        --outer
        Content-Type: application/pdf; name="menu.pdf"
        Content-Disposition: attachment; filename="menu.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJcfsj6IKNSAwIG9iago=
        --outer--
        """.formatted(plain));
  }

  @Test
  void readsTheBase64Latin1PlainPartWithTheDecodedSubjectAndSkipsHtmlAndAttachments() throws IOException {
    List<DocDecision> out = read(dir, "inbox/a.eml", multipartMail());
    assertEquals(1, out.size());
    assertEquals("inbox/a.eml#1", out.get(0).doc().docId());
    assertEquals("inbox/a.eml", out.get(0).doc().source());
    String text = keptText(out.get(0));
    assertTrue(text.startsWith("Grüße from Cologne\n\nGrüße aus Köln: das Café öffnet um 9 Uhr."), text);
    assertFalse(text.contains("HTML version"), text);
    assertFalse(text.contains("JVBER"), text);
    assertFalse(text.contains("--inner"), text);
  }

  @Test
  void convertsAQuotedPrintableHtmlOnlyMailToTextWithoutTags() throws IOException {
    byte[] mail = bytes("""
        From: shop@example.com
        Subject: Offer
        Content-Type: text/html; charset="windows-1252"
        Content-Transfer-Encoding: quoted-printable

        <html><head><style>p {x:1}</style></head><body><p>Don=92t miss our =
        <b>sale</b>.</p><p>Ends soon.</p></body></html>
        """);
    String text = keptText(read(dir, "offer.eml", mail).get(0));
    assertEquals("Offer\n\nDon’t miss our sale.\n\nEnds soon.", text.strip());
  }

  @Test
  void rejectsAMessageWithOnlyAnAttachmentAsNotText() throws IOException {
    byte[] mail = bytes("""
        From: a@example.com
        Subject: scan
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: image/png
        Content-Disposition: attachment; filename="scan.png"
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --b--
        """);
    String detail = rejectOf(read(dir, "scan.eml", mail).get(0), RejectReason.NOT_TEXT_RECORD).detail();
    assertTrue(detail.contains("image/png (attachment)"), detail);
  }

  @Test
  void rejectsAMultipartMessageWhoseBoundaryNeverOccursAsCorrupt() throws IOException {
    byte[] mail = bytes("""
        From: a@example.com
        Content-Type: multipart/alternative; boundary="=Boundary 1"

        --= Boundary 1
        Content-Type: text/plain

        text
        """);
    rejectOf(read(dir, "broken.eml", mail).get(0), RejectReason.CORRUPT_FILE);
  }

  @Test
  void rejectsAPartInAnUnsupportedUndetectableCharsetAsUnknownCharset() throws IOException {
    ByteArrayOutputStream mail = new ByteArrayOutputStream();
    mail.writeBytes(bytes("From: a@example.com\nContent-Type: text/plain; charset=x-made-up\n\n"));
    mail.writeBytes(new byte[] {(byte) 0x81, (byte) 0x8d, (byte) 0x8f, (byte) 0x90, (byte) 0x9d, 'a', '\n'});
    String detail = rejectOf(read(dir, "odd.eml", mail.toByteArray()).get(0), RejectReason.UNKNOWN_CHARSET).detail();
    assertTrue(detail.contains("'x-made-up' is not supported"), detail);
  }

  @Test
  void splitsAnMboxOnSeparatorsOnlyAndUndoesFromEscapes() throws IOException {
    String mbox = """
        From alice@example.org Thu Aug 22 13:17:22 2002
        From: alice@example.org
        Subject: one

        First body.
        From the start this line is body, not a separator.
        >From here too, escaped.

        From bob@example.org  Fri Aug 23 09:00:01 2002
        From: bob@example.org
        Subject: two

        Second body.

        From carol@[10.0.0.1] [x]  Sun Aug  5 09:51:15 2001
        Subject: three

        Third body.
        """;
    List<DocDecision> out = read(dir, "list.mbox", mbox.getBytes(StandardCharsets.US_ASCII));
    assertEquals(List.of("list.mbox#1", "list.mbox#2", "list.mbox#3"),
        out.stream().map(d -> d.doc().docId()).toList());
    assertEquals("one\n\nFirst body.\nFrom the start this line is body, not a separator.\n"
        + "From here too, escaped.\n\n", keptText(out.get(0)));
    assertEquals("three\n\nThird body.\n", keptText(out.get(2)));
  }

  @Test
  void rejectsAnOverlongMessageAndReadsTheNextOne() throws IOException {
    String mbox = "From a@b Thu Aug 22 13:17:22 2002\nSubject: big\n\n" + "x".repeat(500) + "\n\n"
        + "From a@b Thu Aug 22 13:17:23 2002\nSubject: small\n\nok\n";
    List<DocDecision> out = read(dir, "big.mbox", mbox.getBytes(StandardCharsets.US_ASCII),
        new CorpusFileReader(200));
    rejectOf(out.get(0), RejectReason.TOO_LONG);
    assertEquals("small\n\nok\n", keptText(out.get(1)));
  }

  @Test
  void recognisesAMailFileWithoutExtensionByItsHeaders() throws IOException {
    String mail = "Return-Path: <a@b>\nReceived: from x\n\tby y\nSubject: hi\n\nbody\n";
    List<DocDecision> out = read(dir, "spam/00001.7848dde101aa985090474a91ec93fcf0",
        mail.getBytes(StandardCharsets.US_ASCII));
    assertEquals("spam/00001.7848dde101aa985090474a91ec93fcf0#1", out.get(0).doc().docId());
    assertEquals("hi\n\nbody\n", keptText(out.get(0)));
  }

  @Test
  void decodesAMostlyAsciiBodyWithAStrayLatin1ByteAsWindows1252() throws IOException {
    ByteArrayOutputStream mail = new ByteArrayOutputStream();
    mail.writeBytes(bytes("From: a@example.com\nSubject: s\n\n"));
    mail.writeBytes(("A long enough plain ASCII sentence about gardening, compost and soil, with one"
        + " non-breaking space here:").getBytes(StandardCharsets.US_ASCII));
    mail.write(0xA0);
    mail.writeBytes("and more ordinary words after it, to make the share of odd bytes tiny.\n"
        .repeat(2).getBytes(StandardCharsets.US_ASCII));
    String text = rewrittenText(read(dir, "nbsp.eml", mail.toByteArray()).get(0),
        Map.of(RejectReason.CHARSET_GUESSED, 1));
    assertTrue(text.contains("here:\u00A0and"), text);
  }

  @Test
  void readsAMultipartBodyWhoseHeaderForgotToDeclareIt() throws IOException {
    byte[] mail = bytes("""
        From: a@example.com
        Subject: offer
        MIME-Version: 1.0

        This is a multipart MIME message.

        --= Boundary 42
        Content-Type: text/plain; charset="iso-8859-1"

        Plain words only.
        --= Boundary 42
        Content-Type: application/octet-stream; name="page.html"
        Content-Transfer-Encoding: base64

        PGh0bWw+
        --= Boundary 42--
        """);
    assertEquals("offer\n\nPlain words only.", keptText(read(dir, "undeclared.eml", mail).get(0)).strip());
  }
}
