package dev.smelt.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Rejected;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data stage on 300 real, messy mails (src/test/resources/spamassassin, see its NOTICE). */
class SpamAssassinSampleTest {
  private static final Pattern HTML_TAG = Pattern.compile(
      "(?i)</?(html|head|body|div|p|br|table|tr|td|font|span|a|img|center|meta|style|script)(\\s[^>]*)?/?>");
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*\"?([^\"\\s;]+)");

  @TempDir Path tmp;

  @Test
  void accountsForEveryMessageAndKeepsOnlyDecodedText() throws IOException, URISyntaxException {
    Path corpus = Path.of(getClass().getResource("/spamassassin/NOTICE").toURI()).getParent();
    Set<String> expectedIds = new TreeSet<>();
    Set<String> boundaries = new HashSet<>();
    try (Stream<Path> files = Files.walk(corpus)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = corpus.relativize(file).toString().replace('\\', '/');
        String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher b = BOUNDARY.matcher(raw);
        while (b.find()) {
          if (b.group(1).length() >= 8) { // shorter ones ("=") also occur in ordinary text
            boundaries.add("--" + b.group(1));
          }
        }
        if (relative.startsWith("eml/") || relative.startsWith("raw/")) {
          expectedIds.add(relative + "#1");
        } else if (relative.startsWith("mbox/")) { // the fixture escapes body lines, so this is exact
          long messages = raw.lines().filter(l -> l.startsWith("From ")).count();
          for (int n = 1; n <= messages; n++) {
            expectedIds.add(relative + "#" + n);
          }
        }
      }
    }
    assertEquals(300, expectedIds.size(), "the sample holds 300 mails (see NOTICE)");
    Path dataDir = tmp.resolve("data");

    DataStats stats = DataPipeline.run(DataPipelineSpec.local(List.of(corpus), dataDir, 20, 200_000), p -> {});

    assertEquals(stats.read(), stats.kept() + stats.rejected());
    assertEquals(302, stats.read(), "300 messages plus NOTICE and MANIFEST.tsv");
    List<Doc> kept = CleanDocs.read(dataDir);
    List<Rejected> rejects = RejectedDocs.read(dataDir);
    Set<String> seen = new TreeSet<>();
    kept.forEach(d -> seen.add(d.docId()));
    rejects.forEach(r -> seen.add(r.doc().docId()));
    seen.removeAll(Set.of("NOTICE", "MANIFEST.tsv"));
    assertEquals(expectedIds, seen, "every message is kept or rejected, under its own id");
    for (Rejected r : rejects) {
      assertFalse(r.detail().isBlank(), () -> r.doc().docId() + " was rejected without a detail");
    }
    assertTrue(kept.size() > 250, "most real mails are kept: " + kept.size());
    for (Doc doc : kept) {
      Matcher tag = HTML_TAG.matcher(doc.text());
      assertFalse(tag.find(), () -> doc.docId() + " keeps an HTML tag: " + tag.group());
      assertFalse(doc.text().contains("Content-Transfer-Encoding:"), doc.docId());
      for (String boundary : boundaries) {
        assertFalse(doc.text().contains(boundary), () -> doc.docId() + " keeps a MIME boundary " + boundary);
      }
      assertFalse(doc.text().contains("\uFFFD"), () -> doc.docId() + " has undecoded bytes");
    }
  }
}
