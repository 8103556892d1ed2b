package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatReadersTest {
  @Test
  void createsTheNamedReadersInTheGivenOrder() {
    assertEquals(List.of("warc", "mail", "jsonl"),
        FormatReaders.byName(List.of("warc", "mail", "jsonl")).stream().map(FormatReader::name).toList());
  }

  @Test
  void everyNameMakesAReaderOfThatName() {
    assertEquals(List.of("jsonl", "text", "parquet", "html", "mail", "warc"),
        FormatReaders.all().stream().map(FormatReader::name).toList());
  }

  @Test
  void refusesAnUnknownReaderNameListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FormatReaders.byName(List.of("jsonl", "pdf")));
    assertTrue(e.getMessage().contains("unknown reader 'pdf'"), e.getMessage());
    assertTrue(e.getMessage().contains("[jsonl, text, parquet, html, mail, warc]"), e.getMessage());
  }

  @Test
  void refusesNoReadersAndARepeatedName() {
    assertThrows(IllegalArgumentException.class, () -> FormatReaders.byName(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FormatReaders.byName(List.of("html", "html")));
    assertTrue(e.getMessage().contains("named twice"), e.getMessage());
  }
}
