package dev.smelt.pipeline.copyright;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Every 13-word shingle of the works in a folder ({@code .txt}, {@code .txt.gz}, {@code .md}). */
public final class ProtectedWorks implements Serializable {
  public static final int N = 13;
  private final Set<Long> shingles;
  private final int works;

  private ProtectedWorks(Set<Long> shingles, int works) {
    this.shingles = shingles;
    this.works = works;
  }

  public static ProtectedWorks none() {
    return new ProtectedWorks(Set.of(), 0);
  }

  /** @throws IllegalArgumentException if {@code dir} is not a folder */
  public static ProtectedWorks load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("protected works folder " + dir + " does not exist or is not a folder");
    }
    Set<Long> all = new HashSet<>();
    int works = 0;
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path f : tree.filter(Files::isRegularFile).sorted().toList()) {
        String name = f.getFileName().toString();
        if (!(name.endsWith(".txt") || name.endsWith(".txt.gz") || name.endsWith(".md"))) {
          continue;
        }
        for (long h : Shingles.hashes(Shingles.words(read(f)), N)) {
          all.add(h);
        }
        works++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read protected works in " + dir + ": " + e.getMessage(), e);
    }
    return new ProtectedWorks(all, works);
  }

  private static String read(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      InputStream src = f.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return new String(src.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public int works() {
    return works;
  }

  /** The share of the text's 13-word shingles found in a protected work (0 for shorter texts). */
  public double overlap(String text) {
    if (shingles.isEmpty()) {
      return 0;
    }
    List<String> words = Shingles.words(text);
    long[] hashes = Shingles.hashes(words, N);
    if (hashes.length == 0) {
      return 0;
    }
    int hit = 0;
    for (long h : hashes) {
      if (shingles.contains(h)) {
        hit++;
      }
    }
    return hit / (double) hashes.length;
  }
}
