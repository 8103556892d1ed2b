package dev.smelt.pipeline.copyright;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.CopyrightSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyrightFilterTest {
  static final String MIT = """
      Permission is hereby granted, free of charge, to any person obtaining a copy of this software
      and associated documentation files (the "Software"), to deal in the Software without
      restriction, including without limitation the rights to use, copy, modify, merge, publish,
      distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
      Software is furnished to do so, subject to the following conditions:

      The above copyright notice and this permission notice shall be included in all copies or
      substantial portions of the Software.

      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
      BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
      NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
      DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
      OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
      """;
  static final String PROSE = "It is a truth universally acknowledged, that a single man in possession "
      + "of a good fortune, must be in want of a wife. However little known the feelings or views of "
      + "such a man may be on his first entering a neighbourhood, this truth is so well fixed in the "
      + "minds of the surrounding families, that he is considered the rightful property of some one "
      + "or other of their daughters.";

  @TempDir Path tmp;

  private static Doc doc(String source, String text) {
    return new Doc("d", source, text);
  }

  private static CopyrightFilter filter(String license, String notice, String optOut,
      List<String> sources, List<String> domains, String protectedDir) {
    return new CopyrightFilter(new CopyrightSettings(
        license, 0.5, notice, optOut, sources, domains, "drop", protectedDir, 0.2));
  }

  @Test
  void tagsTheMitLicenceByDefaultAndNamesIt() {
    CopyrightFilter f = new CopyrightFilter(CopyrightSettings.PUBLISHED);
    Decision.Tag t = assertInstanceOf(Decision.Tag.class, f.decide(doc("LICENSE", MIT)));
    assertTrue(t.tags().get(RejectReason.LICENSE_TEXT).startsWith("MIT"), t.tags().toString());
  }

  @Test
  void dropsALicenceWhenThePolicySaysDrop() {
    CopyrightFilter f = filter("drop", "tag", "drop", List.of(), List.of(), "");
    assertEquals(RejectReason.LICENSE_TEXT,
        ((Decision.Reject) f.decide(doc("x", "Some words first.\n" + MIT))).reason());
  }

  @Test
  void keepsProseWithoutTags() {
    assertEquals(Decision.keep(), new CopyrightFilter(CopyrightSettings.PUBLISHED).decide(doc("a.txt", PROSE)));
  }

  @Test
  void tagsOrDropsCopyrightNotices() {
    CopyrightFilter tag = new CopyrightFilter(CopyrightSettings.PUBLISHED);
    for (String notice : List.of("Copyright (c) 2019 Example Corp.", "\u00a9 2021 Someone",
        "Widgets Inc. All rights reserved.", "COPYRIGHT 1999 by the authors")) {
      Decision.Tag t = assertInstanceOf(Decision.Tag.class, tag.decide(doc("a", PROSE + "\n" + notice)), notice);
      assertTrue(t.tags().containsKey(RejectReason.COPYRIGHT_NOTICE));
    }
    CopyrightFilter drop = filter("tag", "drop", "drop", List.of(), List.of(), "");
    assertEquals(RejectReason.COPYRIGHT_NOTICE,
        ((Decision.Reject) drop.decide(doc("a", "Copyright (c) 2019 X"))).reason());
    assertEquals(Decision.keep(), tag.decide(doc("a", "The copyright law of 1710 was discussed.")));
  }

  @Test
  void dropsOptedOutSourcesAndDomains() {
    CopyrightFilter f = filter("tag", "tag", "drop", List.of("news/**"), List.of("example.com"), "");
    assertEquals(RejectReason.OPTED_OUT, ((Decision.Reject) f.decide(doc("news/2024/a.txt", PROSE))).reason());
    assertEquals(RejectReason.OPTED_OUT,
        ((Decision.Reject) f.decide(doc("https://blog.example.com/post", PROSE))).reason());
    assertEquals(RejectReason.OPTED_OUT,
        ((Decision.Reject) f.decide(doc("a.txt", PROSE + " See https://www.example.com/x."))).reason());
    assertEquals(Decision.keep(), f.decide(doc("books/a.txt", PROSE + " See https://example.org/ and notexample.com.")));
  }

  @Test
  void dropsTextOverlappingAProtectedWork() throws IOException {
    Files.writeString(tmp.resolve("novel.txt"), PROSE);
    CopyrightFilter f = filter("tag", "tag", "drop", List.of(), List.of(), tmp.toString());
    Decision.Reject r = assertInstanceOf(Decision.Reject.class,
        f.decide(doc("q.txt", "As the book begins: " + PROSE.toUpperCase())));
    assertEquals(RejectReason.PROTECTED_OVERLAP, r.reason());
    assertEquals(Decision.keep(), f.decide(doc("q.txt",
        "A wholly different text about gardens, rivers and the weather in the north of England.")));
  }

  @Test
  void missingProtectedFolderIsAnActionableError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> filter("tag", "tag", "drop", List.of(), List.of(), tmp.resolve("nope").toString()));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void theBundledIndexHoldsHundredsOfLicences() {
    assertTrue(LicenseIndex.bundled().size() > 600);
  }

  @Test
  void travelsWithoutTheLicenceIndexAndDecidesAlikeAfterSerialization() {
    // The DirectRunner serializes a DoFn again for every bundle: the bundled index must not travel.
    CopyrightFilter f = new CopyrightFilter(CopyrightSettings.PUBLISHED);
    byte[] bytes = SerializableUtils.serializeToByteArray(f);
    assertTrue(bytes.length < 2_000, bytes.length + " bytes");
    CopyrightFilter copy = (CopyrightFilter) SerializableUtils.deserializeFromByteArray(bytes, "copyright");
    assertEquals(f.decide(doc("LICENSE", MIT)), copy.decide(doc("LICENSE", MIT)));
    assertEquals(f.decide(doc("book", PROSE)), copy.decide(doc("book", PROSE)));
  }
}
