package dev.smelt.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.bias.BiasReport;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.language.LanguageCount;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Tagged;
import dev.smelt.settings.filter.FilterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurable chain: order from the spec, counts that reconcile, tags and bias.json written. */
class DataPipelineFiltersTest {
  private static final String PROSE = "It is a truth universally acknowledged, that a single man in "
      + "possession of a good fortune, must be in want of a wife. She said that the woman was right.";

  @TempDir Path tmp;

  private Path corpus() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(dir.resolve("docs.jsonl"), String.join("\n",
        json("prose", PROSE),
        // "Please": four words of prose are a guess for any detector; five read as English.
        json("mail", "Please reach me at someone.with.a.long.name@example.org, thanks."),
        json("german", "Es ist eine allgemein anerkannte Wahrheit, dass ein alleinstehender Mann "
            + "im Besitz eines schönen Vermögens nach einer Frau sucht."),
        json("notice", PROSE + " Copyright (c) 2019 Example Press. All rights reserved."),
        json("toxic", "fuck you, you fucking asshole, fuck off and die, you cunt, he said to the man."),
        json("copy", PROSE)) + "\n");
    return dir;
  }

  private static String json(String id, String text) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
  }

  private DataStats run(List<String> filters, String out) throws IOException {
    DataPipelineSpec spec = DataPipelineSpec.local(List.of(corpus()), tmp.resolve(out), 50, 100_000)
        .withFilters(filters, FilterSettings.DEFAULTS);
    return DataPipeline.run(spec, p -> {});
  }

  @Test
  void runsTheConfiguredChainInOrderAndTheFunnelReconciles() throws IOException {
    DataStats stats = run(List.of("length", "language", "pii", "toxicity", "copyright", "dedup"), "a");

    assertEquals(List.of("read", "length", "language", "pii", "toxicity", "copyright", "dedup"), stats.stages());
    assertEquals(6, stats.read());
    assertEquals(stats.read(), stats.kept() + stats.rejected());
    Map<String, Long> rejects = new TreeMap<>();
    stats.rejects().forEach(r -> rejects.put(r.stage() + ":" + r.reason(), r.documents()));
    assertEquals(Map.of("language:LANGUAGE_NOT_ALLOWED", 1L, "toxicity:TOXIC", 1L,
        "dedup:DUPLICATE", 1L), rejects);
    assertEquals(List.of(new StageEditCount("pii", RejectReason.PII_EMAIL, 1, 1)), stats.modified());
    assertEquals(List.of(new StageEditCount("copyright", RejectReason.COPYRIGHT_NOTICE, 1, 1)), stats.tagged());
    long germanBytes = "Es ist eine allgemein anerkannte Wahrheit, dass ein alleinstehender Mann im Besitz eines schönen Vermögens nach einer Frau sucht."
        .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertEquals(new LanguageCount("de", 0, 0, 1, germanBytes), stats.languages().stream()
        .filter(l -> l.language().equals("de")).findFirst().orElseThrow(), stats.languages().toString());
    assertEquals(5, stats.languages().stream().filter(l -> l.language().equals("en"))
        .mapToLong(LanguageCount::keptDocs).sum(), stats.languages().toString());

    Path data = tmp.resolve("a");
    Map<String, String> kept = CleanDocs.read(data).stream().collect(Collectors.toMap(Doc::docId, Doc::text));
    assertEquals("Please reach me at <EMAIL>, thanks.", kept.get("mail"));
    assertEquals(3, kept.size());
    List<Tagged> tags = TaggedDocs.read(data);
    assertEquals(1, tags.size());
    assertEquals("notice", tags.get(0).docId());
    assertEquals(stats, StatsJson.read(data));

    BiasReport bias = BiasReport.read(data);
    assertTrue(bias.keptWords() > 0 && bias.droppedWords() > 0, bias.toString());
    BiasReport.Row woman = bias.terms().stream().filter(r -> r.name().equals("woman")).findFirst().orElseThrow();
    assertEquals(2, woman.kept(), "the prose and the notice say 'woman' once each");
    assertEquals(1, woman.dropped(), "the duplicate of the prose");
    BiasReport.Row man = bias.terms().stream().filter(r -> r.name().equals("man")).findFirst().orElseThrow();
    assertEquals(2, man.dropped(), "the duplicate and the toxic document");
  }

  @Test
  void orderMatters_redactingBeforeTheLengthFilterMakesTheMailTooShort() throws IOException {
    DataStats piiFirst = run(List.of("pii", "length"), "b");
    DataStats lengthFirst = run(List.of("length", "pii"), "c");

    assertEquals(List.of("read", "pii", "length"), piiFirst.stages());
    assertEquals(1, piiFirst.rejectedFor("length", RejectReason.TOO_SHORT));
    assertEquals(0, lengthFirst.rejectedFor("length", RejectReason.TOO_SHORT));
    assertEquals(piiFirst.read(), piiFirst.kept() + piiFirst.rejected());
    assertEquals(lengthFirst.read(), lengthFirst.kept() + lengthFirst.rejected());
  }

  @Test
  void unknownOrRepeatedFilterNamesAreRefusedWithTheKnownNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterChain.check(List.of("length", "profanity")));
    assertTrue(e.getMessage().contains("'profanity'") && e.getMessage().contains("toxicity"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FilterChain.check(List.of("pii", "pii")));
  }
}
