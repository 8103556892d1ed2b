package dev.smelt.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.data.FilterChain;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.filter.FilterSettings;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import dev.smelt.settings.filter.ShingleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data.filters and data.filterSettings: defaults, what the pipeline gets, validation. */
class FilterConfigTest {
  @TempDir Path dir;

  private Path write(String data) throws IOException {
    Files.writeString(dir.resolve("corpus.txt"), "some text");
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, "data:\n  inputs: [corpus.txt]\n" + data + "finetune:\n  inputs: [corpus.txt]\n");
    return f;
  }

  private String error(String data) throws IOException {
    Path f = write(data);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage();
  }

  @Test
  void defaultsInTheYamlAreThePipelinesDefaults() {
    RunConfig c = ConfigLoader.load(ConfigLoaderTest.EXAMPLES.resolve("demo.yaml"));
    assertEquals(FilterChain.DEFAULT, c.data().filters());
    assertEquals(FilterSettings.DEFAULTS, c.data().filterSettings());
  }

  @Test
  void aUserChainAndThresholdReachThePipeline() throws IOException {
    RunConfig c = ConfigLoader.load(write("  filters: [language, c4, dedup]\n"
        + "  filterSettings:\n    toxicity:\n      maxScore: 0.02\n    language:\n      allow: [en, fr]\n"));
    assertEquals(List.of("language", "c4", "dedup"), c.data().filters());
    FilterSettings s = c.data().filterSettings();
    assertEquals(0.02, s.toxicity().maxScore());
    assertEquals(3, s.toxicity().minHits(), "untouched keys keep their defaults");
    assertEquals(List.of("en", "fr"), s.language().allow());
  }

  @Test
  void fuzzyDedupSettingsReachThePipelineAndABadOneIsNamed() throws IOException {
    RunConfig c = ConfigLoader.load(write("  filters: [length, dedup, fuzzy_dedup]\n"
        + "  filterSettings:\n    fuzzyDedup:\n      shingle: char\n      shingleSize: 24\n"
        + "      bands: 20\n      rows: 13\n"));
    FuzzyDedupSettings s = c.data().filterSettings().fuzzyDedup();
    assertEquals(new FuzzyDedupSettings(ShingleKind.CHAR, 24, 20, 13, 1, 0.0, 10), s);
    String e = error("  filterSettings:\n    fuzzyDedup:\n      shingle: line\n");
    assertTrue(e.contains("key 'data.filterSettings.fuzzyDedup.shingle'"), e);
    e = error("  filterSettings:\n    fuzzyDedup:\n      minJaccard: 1.5\n");
    assertTrue(e.contains("key 'data.filterSettings.fuzzyDedup.minJaccard'"), e);
  }

  @Test
  void unknownFilterIsNamedWithTheKnownOnes() throws IOException {
    String e = error("  filters: [length, profanity]\n");
    assertTrue(e.contains("key 'data.filters[1]'") && e.contains("toxicity"), e);
  }

  @Test
  void unknownThresholdKeyIsNamedWithItsFullPath() throws IOException {
    String e = error("  filterSettings:\n    toxicity:\n      maxScor: 0.1\n");
    assertTrue(e.contains("unknown key 'data.filterSettings.toxicity.maxScor'"), e);
  }

  @Test
  void badPolicyAndFractionsAreNamed() throws IOException {
    assertTrue(error("  filterSettings:\n    copyright:\n      noticePolicy: delete\n")
        .contains("key 'data.filterSettings.copyright.noticePolicy' must be drop or tag"));
    assertTrue(error("  filterSettings:\n    gopherRepetition:\n      maxTopNgramCharFraction: [0.2, 0.18]\n")
        .contains("key 'data.filterSettings.gopherRepetition.maxTopNgramCharFraction'"));
    assertTrue(error("  filterSettings:\n    pii:\n      kinds: [email, ssn]\n")
        .contains("key 'data.filterSettings.pii.kinds[1]'"));
  }

  @Test
  void aValueTheSettingsRecordRefusesIsOneLineNamingTheFileAndKey() throws IOException {
    String e = error("  filterSettings:\n    c4:\n      maxWordLength: 0\n");
    assertEquals(dir.resolve("run.yaml") + ": key 'data.filterSettings.c4.maxWordLength' must be at least 1", e);
    e = error("  filterSettings:\n    gopherQuality:\n      minWords: 200\n      maxWords: 200\n");
    assertTrue(e.endsWith(": key 'data.filterSettings.gopherQuality.maxWords' must be greater than "
        + "gopherQuality.minWords (>= 0)") && !e.contains("\n"), e);
  }

  @Test
  void badDecontaminateSettingsAreNamed() throws IOException {
    String policy = error("  filterSettings:\n    decontaminate:\n      policy: delete\n");
    assertTrue(policy.contains("key 'data.filterSettings.decontaminate.policy' must be drop or tag"), policy);
    String rate = error("  filterSettings:\n    decontaminate:\n      falsePositiveRate: 0\n");
    assertTrue(rate.contains("key 'data.filterSettings.decontaminate.falsePositiveRate'"), rate);
    String longer = error("  filters: [length, decontaminate]\n"
        + "  filterSettings:\n    decontaminate:\n      ngram: 20\n");
    assertTrue(longer.contains("key 'data.filterSettings.decontaminate.ngram' must not exceed "
        + "eval.decontaminationNgram (13)"), longer);
  }

  @Test
  void badLanguageSettingsAreNamedAndTheOldMinScoreIsAnUnknownKey() throws IOException {
    String lang = "  filterSettings:\n    language:\n";
    assertTrue(error(lang + "      accuracy: medium\n")
        .contains("key 'data.filterSettings.language.accuracy' must be high or low"));
    assertTrue(error(lang + "      minShare: 0\n").contains("key 'data.filterSettings.language.minShare'"));
    assertTrue(error(lang + "      allow: [xx]\n").contains("key 'data.filterSettings.language.allow'"));
    assertTrue(error(lang + "      candidates: [de, fr]\n").contains("key 'data.filterSettings.language.candidates'"));
    assertTrue(error(lang + "      minScore: 0.65\n").contains("unknown key 'data.filterSettings.language.minScore'"));
  }

  @Test
  void protectedDirIsResolvedAgainstTheConfigAndMustExist() throws IOException {
    Files.createDirectories(dir.resolve("protected"));
    RunConfig c = ConfigLoader.load(write("  filterSettings:\n    copyright:\n      protectedDir: protected\n"));
    assertEquals(dir.resolve("protected").toString(), c.data().filterSettings().copyright().protectedDir());
    assertTrue(error("  filterSettings:\n    copyright:\n      protectedDir: nowhere\n")
        .contains("key 'data.filterSettings.copyright.protectedDir'"));
  }
}
