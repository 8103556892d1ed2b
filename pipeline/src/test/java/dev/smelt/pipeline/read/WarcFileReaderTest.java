package dev.smelt.pipeline.read;

import static dev.smelt.pipeline.read.ReaderFixtures.keptText;
import static dev.smelt.pipeline.read.ReaderFixtures.read;
import static dev.smelt.pipeline.read.ReaderFixtures.rejectOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

class WarcFileReaderTest {
  @TempDir Path dir;

  /** warcinfo, request, HTML 200, text 200, PNG 200, HTML 404: six records, two with text. */
  static byte[] crawl(WarcCompression compression) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (WarcWriter warc = new WarcWriter(Channels.newChannel(bytes), compression)) {
      warc.write(new Warcinfo.Builder().fields(Map.of("software", List.of("test"))).build());
      warc.write(new WarcRequest.Builder("https://example.org/")
          .body(new HttpRequest.Builder("GET", "/").build()).build());
      warc.write(response("https://example.org/", 200, MediaType.parse("text/html; charset=windows-1252"),
          "<html><body><nav><a href='/'>Home</a></nav><p>Caf\u00e9 opening hours.</p><footer>(c)</footer></body></html>"
              .getBytes("windows-1252")));
      warc.write(response("https://example.org/robots.txt", 200, MediaType.PLAIN_TEXT,
          "User-agent: *\n".getBytes(StandardCharsets.UTF_8)));
      warc.write(response("https://example.org/logo.png", 200, MediaType.parse("image/png"),
          new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}));
      warc.write(response("https://example.org/missing", 404, MediaType.HTML_UTF8,
          "<p>Not found</p>".getBytes(StandardCharsets.UTF_8)));
    }
    return bytes.toByteArray();
  }

  private static WarcResponse response(String uri, int status, MediaType type, byte[] body) throws IOException {
    return new WarcResponse.Builder(uri)
        .body(new HttpResponse.Builder(status, status == 200 ? "OK" : "Not Found").body(type, body).build())
        .build();
  }

  @Test
  void keepsTextResponsesAndCountsEveryOtherRecordAsNotText() throws IOException {
    List<DocDecision> out = read(dir, "crawl.warc", crawl(WarcCompression.NONE));
    assertEquals(6, out.size(), "one decision per record, so records add up");
    rejectOf(out.get(0), RejectReason.NOT_TEXT_RECORD);
    assertEquals("request record", rejectOf(out.get(1), RejectReason.NOT_TEXT_RECORD).detail());
    assertEquals("Café opening hours.", keptText(out.get(2)));
    assertEquals("https://example.org/", out.get(2).doc().source());
    assertTrue(out.get(2).doc().docId().startsWith("urn:uuid:"), out.get(2).doc().docId());
    assertEquals("User-agent: *\n", keptText(out.get(3)));
    assertEquals("response with a image/png payload", rejectOf(out.get(4), RejectReason.NOT_TEXT_RECORD).detail());
    assertEquals("HTTP 404 response", rejectOf(out.get(5), RejectReason.NOT_TEXT_RECORD).detail());
  }

  @Test
  void readsAGzipPerRecordWarc() throws IOException {
    List<DocDecision> out = read(dir, "crawl.warc.gz", crawl(WarcCompression.GZIP));
    assertEquals(6, out.size());
    assertEquals("Café opening hours.", keptText(out.get(2)));
  }

  @Test
  void endsACorruptWarcWithACorruptFileRejectAfterTheGoodRecords() throws IOException {
    byte[] good = crawl(WarcCompression.NONE);
    byte[] withGarbage = Arrays.copyOf(good, good.length + 40);
    System.arraycopy("WARC/1.1\r\nthis is not a header\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0,
        withGarbage, good.length, 34);
    List<DocDecision> out = read(dir, "bad.warc", withGarbage);
    assertEquals(7, out.size());
    String detail = rejectOf(out.get(6), RejectReason.CORRUPT_FILE).detail();
    assertTrue(detail.contains("after 6 records"), detail);
  }

  @Test
  void rejectsATruncatedWarcAsCorruptNotUnreadable() throws IOException {
    byte[] good = crawl(WarcCompression.NONE);
    List<DocDecision> out = read(dir, "cut.warc", Arrays.copyOf(good, good.length - 30));
    rejectOf(out.get(out.size() - 1), RejectReason.CORRUPT_FILE);
  }
}
