package dev.smelt.pipeline.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documents and UTF-8 bytes the language stage kept and dropped, for one dominant language
 * (ISO 639-1, or "und"): the languages table of stats.json and the report.
 */
public record LanguageCount(String language, long keptDocs, long keptBytes, long droppedDocs, long droppedBytes) {
  /** Counter names, in the funnel's namespace: {@code language/lang/<code>/<kept|dropped>/<docs|bytes>}. */
  private static final String PREFIX = "language/lang/";
  private static final Pattern NAME = Pattern.compile("language/lang/([a-z]{2,3})/(kept|dropped)/(docs|bytes)");

  static String counter(String language, boolean kept, String unit) {
    return PREFIX + language + (kept ? "/kept/" : "/dropped/") + unit;
  }

  public long docs() {
    return keptDocs + droppedDocs;
  }

  /** Every language found among the counters, most documents first. */
  public static List<LanguageCount> fromCounters(Map<String, Long> counters) {
    Map<String, long[]> byLanguage = new TreeMap<>();
    counters.forEach((name, value) -> {
      Matcher m = NAME.matcher(name);
      if (m.matches()) {
        int slot = (m.group(2).equals("kept") ? 0 : 2) + (m.group(3).equals("docs") ? 0 : 1);
        byLanguage.computeIfAbsent(m.group(1), k -> new long[4])[slot] += value;
      }
    });
    List<LanguageCount> out = new ArrayList<>();
    byLanguage.forEach((lang, v) -> out.add(new LanguageCount(lang, v[0], v[1], v[2], v[3])));
    out.sort(Comparator.comparingLong(LanguageCount::docs).reversed().thenComparing(LanguageCount::language));
    return out;
  }
}
