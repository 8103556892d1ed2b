package dev.smelt.pipeline.bias;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * data/bias.json: how often identity and gendered terms occur in kept and in dropped text, per
 * million words, and the ratio dropped/kept (above 1: the filters drop text mentioning the term
 * more often than they keep it). Counts are occurrences of the single-word terms of
 * {@link IdentityTerms}; dropped text is every rejected document's text, from any stage.
 *
 * @param keptWords words in kept documents
 * @param droppedWords words in dropped documents
 * @param femaleToMale gender_female / gender_male occurrences, kept and dropped
 * @param categories one row per category
 * @param terms one row per term that occurs at all
 */
public record BiasReport(long keptWords, long droppedWords, Map<String, Double> femaleToMale,
    List<Row> categories, List<Row> terms) {
  public static final String FILE = "bias.json";

  /** One category or term: occurrences, rates per million words, dropped rate / kept rate. */
  public record Row(String name, String category, long kept, long dropped, double keptPerMillion,
      double droppedPerMillion, Double droppedToKeptRatio) {}

  /** Builds the report from counter values named as in {@link CountIdentityTerms}. */
  public static BiasReport of(ToLongFunction<String> counter) {
    long keptWords = counter.applyAsLong(CountIdentityTerms.words("kept"));
    long droppedWords = counter.applyAsLong(CountIdentityTerms.words("dropped"));
    Map<String, long[]> byCategory = new LinkedHashMap<>();
    List<Row> terms = new ArrayList<>();
    IdentityTerms.all().forEach((term, category) -> {
      long k = counter.applyAsLong(CountIdentityTerms.term("kept", term));
      long d = counter.applyAsLong(CountIdentityTerms.term("dropped", term));
      long[] sum = byCategory.computeIfAbsent(category, c -> new long[2]);
      sum[0] += k;
      sum[1] += d;
      if (k + d > 0) {
        terms.add(row(term, category, k, d, keptWords, droppedWords));
      }
    });
    List<Row> categories = new ArrayList<>();
    byCategory.forEach((c, s) -> categories.add(row(c, c, s[0], s[1], keptWords, droppedWords)));
    long[] f = byCategory.getOrDefault("gender_female", new long[2]);
    long[] m = byCategory.getOrDefault("gender_male", new long[2]);
    Map<String, Double> femaleToMale = new LinkedHashMap<>();
    femaleToMale.put("kept", m[0] == 0 ? null : f[0] / (double) m[0]);
    femaleToMale.put("dropped", m[1] == 0 ? null : f[1] / (double) m[1]);
    return new BiasReport(keptWords, droppedWords, femaleToMale, categories, terms);
  }

  private static Row row(String name, String category, long k, long d, long keptWords, long droppedWords) {
    double kpm = keptWords == 0 ? 0 : k * 1e6 / keptWords;
    double dpm = droppedWords == 0 ? 0 : d * 1e6 / droppedWords;
    return new Row(name, category, k, d, kpm, dpm, kpm == 0 ? null : dpm / kpm);
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      JSON.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static BiasReport read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      return JSON.readValue(file.toFile(), BiasReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
