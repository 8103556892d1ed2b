package dev.smelt.pipeline.language;

import dev.smelt.settings.filter.LanguageSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints, as Markdown, what {@link DetectorComparison} wrote: the filter's targets with
 * {@code allow: [en]} and {@code minShare: 0.8}, cost, accuracy per language, worst confusions.
 *
 * <pre>java -cp … dev.smelt.pipeline.language.ComparisonTable OUT_DIR DETECTOR…</pre>
 */
public final class ComparisonTable {
  private static final double MIN_SHARE = LanguageSettings.PUBLISHED.minShare();

  private ComparisonTable() {}

  /** One TSV row: the label, the dominant language found, the English share. */
  record Answer(String set, String id, String lang, String found, double english) {
    boolean rejected() {
      return english < MIN_SHARE;
    }
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Map<String, List<Answer>> answers = new LinkedHashMap<>();
    StringBuilder costs = new StringBuilder();
    for (int i = 1; i < args.length; i++) {
      answers.put(args[i], read(out.resolve(args[i] + ".tsv")));
      costs.append(Files.readString(out.resolve(args[i] + ".cost")));
    }
    System.out.println(targets(answers));
    System.out.println("```\n" + costs + "```\n");
    System.out.println(perSource(answers));
    System.out.println(perLanguage(answers));
    System.out.println(confusions(answers));
  }

  static List<Answer> read(Path tsv) throws IOException {
    List<Answer> rows = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      rows.add(new Answer(f[0], f[1], f[2], f[3], Double.parseDouble(f[4])));
    }
    return rows;
  }

  private static String targets(Map<String, List<Answer>> answers) {
    StringBuilder b = new StringBuilder("| detector | accuracy ≥200 | non-en rejected ≥200 | en rejected ≥200 "
        + "| accuracy 50–200 | non-en rejected 50–200 | en rejected 50–200 |\n|---|---|---|---|---|---|---|\n");
    answers.forEach((name, rows) -> {
      b.append("| ").append(name);
      for (String set : List.of("long", "short")) {
        List<Answer> in = rows.stream().filter(a -> a.set().equals(set)).toList();
        List<Answer> foreign = in.stream().filter(a -> !a.lang().equals("en")).toList();
        List<Answer> english = in.stream().filter(a -> a.lang().equals("en")).toList();
        b.append(" | ").append(pct(in.stream().filter(a -> a.found().equals(a.lang())).count(), in.size()))
            .append(" | ").append(pct(foreign.stream().filter(Answer::rejected).count(), foreign.size()))
            .append(" | ").append(pct(english.stream().filter(Answer::rejected).count(), english.size()));
      }
      b.append(" |\n");
    });
    return b.toString();
  }

  /** The targets per source: man pages are the mixed case (prose around English commands). */
  private static String perSource(Map<String, List<Answer>> answers) {
    StringBuilder b = new StringBuilder("By source (≥200 chars; rejected with allow [en]):\n\n| detector |");
    List<String> sources = List.of("udhr", "man", "austen", "nlp");
    sources.forEach(src -> b.append(' ').append(src).append(" non-en | ").append(src).append(" en |"));
    b.append("\n|---|").append("---|---|".repeat(sources.size())).append('\n');
    answers.forEach((name, rows) -> {
      b.append("| ").append(name);
      for (String src : sources) {
        List<Answer> in = rows.stream().filter(a -> a.set().equals("long") && a.id().startsWith(src + "-")).toList();
        for (boolean english : new boolean[] {false, true}) {
          List<Answer> of = in.stream().filter(a -> a.lang().equals("en") == english).toList();
          b.append(" | ").append(pct(of.stream().filter(Answer::rejected).count(), of.size()));
        }
      }
      b.append(" |\n");
    });
    return b.toString();
  }

  private static String perLanguage(Map<String, List<Answer>> answers) {
    Map<String, Long> counts = answers.values().iterator().next().stream()
        .filter(a -> a.set().equals("long"))
        .collect(Collectors.groupingBy(Answer::lang, TreeMap::new, Collectors.counting()));
    StringBuilder b = new StringBuilder("Accuracy per language, % (≥200 chars):\n\n| language | docs | "
        + String.join(" | ", answers.keySet()) + " |\n|---|---|" + "---|".repeat(answers.size()) + "\n");
    counts.forEach((lang, n) -> {
      b.append("| ").append(lang).append(" | ").append(n);
      for (List<Answer> rows : answers.values()) {
        List<Answer> of = rows.stream().filter(a -> a.set().equals("long") && a.lang().equals(lang)).toList();
        long right = of.stream().filter(a -> a.found().equals(lang)).count();
        b.append(String.format(Locale.ROOT, " | %.0f", 100.0 * right / Math.max(1, of.size())));
      }
      b.append(" |\n");
    });
    return b.toString();
  }

  private static String confusions(Map<String, List<Answer>> answers) {
    StringBuilder b = new StringBuilder("Worst confusions (≥200 chars; true → found, documents):\n\n");
    answers.forEach((name, rows) -> {
      Map<String, Long> pairs = rows.stream()
          .filter(a -> a.set().equals("long") && !a.found().equals(a.lang()))
          .collect(Collectors.groupingBy(a -> a.lang() + "→" + a.found(), Collectors.counting()));
      b.append("- ").append(name).append(": ").append(pairs.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
    });
    return b.toString();
  }

  private static String pct(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %% (%d/%d)", 100.0 * part / whole, part, whole);
  }
}
