package dev.smelt.pipeline.bias;

import dev.smelt.pipeline.copyright.Shingles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity and gendered terms of {@value #RESOURCE}, by category (gender_female, gender_male,
 * religion, ethnicity, sexuality, disability). Single words, matched case-insensitively.
 */
public final class IdentityTerms {
  public static final String RESOURCE = "/lexicons/identity-terms.tsv";
  private static final Map<String, String> CATEGORY_OF = load();

  private IdentityTerms() {}

  /** term → category. */
  public static Map<String, String> all() {
    return CATEGORY_OF;
  }

  public static boolean contains(String word) {
    return CATEGORY_OF.containsKey(word);
  }

  /** How often each listed term occurs in {@code text}, and the text's word count under "". */
  public static Map<String, Long> count(String text) {
    Map<String, Long> counts = new TreeMap<>();
    long words = 0;
    for (String w : Shingles.words(text)) {
      words++;
      if (CATEGORY_OF.containsKey(w)) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    counts.put("", words);
    return counts;
  }

  private static Map<String, String> load() {
    Map<String, String> terms = new LinkedHashMap<>();
    try (InputStream raw = IdentityTerms.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        terms.put(parts[1].strip(), parts[0].strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
    return java.util.Collections.unmodifiableMap(terms);
  }
}
