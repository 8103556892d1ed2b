package dev.smelt.pipeline.copyright;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Fingerprints of the SPDX licence texts: for each licence, the 8-word shingles whose hash falls
 * in a 1/16 sample (the same sample is taken of a document, so containment is estimated without
 * keeping every shingle). Stored as {@value #RESOURCE}: {@code id <TAB> hex32 hex32 …}, one licence
 * a line; regenerate with {@code examples/scripts/fetch-lexicons.sh}, which runs {@link #main}.
 */
public final class LicenseIndex implements Serializable {
  public static final String RESOURCE = "/lexicons/spdx-license-shingles.tsv.gz";
  static final int N = 8;
  /** Licences with fewer sampled shingles than this are too short to recognise reliably. */
  static final int MIN_SAMPLED = 3;

  private final List<String> ids;
  private final int[] sizes;
  private final Map<Integer, int[]> postings;

  private LicenseIndex(List<String> ids, List<Set<Integer>> shingles) {
    this.ids = List.copyOf(ids);
    this.sizes = shingles.stream().mapToInt(Set::size).toArray();
    Map<Integer, List<Integer>> lists = new HashMap<>();
    for (int i = 0; i < shingles.size(); i++) {
      for (int h : shingles.get(i)) {
        lists.computeIfAbsent(h, k -> new ArrayList<>()).add(i);
      }
    }
    this.postings = new HashMap<>();
    lists.forEach((h, l) -> postings.put(h, l.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** The sampled, 32-bit shingles of {@code text}. */
  static Set<Integer> sample(String text) {
    Set<Integer> out = new HashSet<>();
    for (long h : Shingles.hashes(Shingles.words(text), N)) {
      if ((h >>> 60) == 0) {
        out.add((int) h);
      }
    }
    return out;
  }

  /** The bundled SPDX index, read once per JVM. */
  public static LicenseIndex shared() {
    return Bundled.INDEX;
  }

  /** Holds the index from the first call of {@link #shared()} on. */
  private static final class Bundled {
    static final LicenseIndex INDEX = bundled();
  }

  /** The bundled SPDX index, read again. */
  public static LicenseIndex bundled() {
    try (InputStream raw = LicenseIndex.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      List<String> ids = new ArrayList<>();
      List<Set<Integer>> shingles = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] parts = line.split("\t", 2);
        Set<Integer> set = new HashSet<>();
        for (String hex : parts[1].split(" ")) {
          set.add(Integer.parseUnsignedInt(hex, 16));
        }
        ids.add(parts[0]);
        shingles.add(set);
      }
      return new LicenseIndex(ids, shingles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The licence whose sampled shingles {@code text} contains most completely, or null. */
  public Match best(String text) {
    Map<Integer, Integer> hits = new HashMap<>();
    for (int h : sample(text)) {
      int[] lics = postings.get(h);
      if (lics != null) {
        for (int l : lics) {
          hits.merge(l, 1, Integer::sum);
        }
      }
    }
    Match best = null;
    for (Map.Entry<Integer, Integer> e : hits.entrySet()) {
      double containment = e.getValue() / (double) sizes[e.getKey()];
      if (best == null || containment > best.containment()) {
        best = new Match(ids.get(e.getKey()), containment);
      }
    }
    return best;
  }

  public int size() {
    return ids.size();
  }

  /** One licence and the share of its sampled shingles found in a document. */
  public record Match(String spdxId, double containment) {}

  /** Builds the index from a folder of {@code <SPDX-ID>.txt} files: {@code LicenseIndex DIR OUT.tsv.gz}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    int written = 0;
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(Path.of(args[1]))), StandardCharsets.UTF_8))) {
      for (Path f : files) {
        Set<Integer> set = new java.util.TreeSet<>(sample(Files.readString(f)));
        if (set.size() < MIN_SAMPLED) {
          continue;
        }
        String id = f.getFileName().toString().replaceFirst("\\.txt$", "");
        out.write(id + "\t" + String.join(" ", set.stream().map(Integer::toHexString).toList()) + "\n");
        written++;
      }
    }
    System.err.println(written + " of " + files.size() + " licences indexed into " + args[1]);
  }
}
