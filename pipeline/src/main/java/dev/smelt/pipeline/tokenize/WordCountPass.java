package dev.smelt.pipeline.tokenize;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The counting pass of tokenizer training: texts are offered one row at a time, in a fixed order,
 * and their GPT-2 pieces counted into a bounded {@link WordCounts} until {@code maxTrainChars} is
 * spent. The pass saves itself (counts, rows consumed, characters read) so that a retried attempt
 * continues from the saved row and ends with the same counts as one that never stopped.
 */
public final class WordCountPass {
  private static final String MAGIC = "smelt-bpe-counts-v1";

  private final long maxTrainChars;
  private final WordCounts counts;
  private final Matcher split = ByteLevel.SPLIT.matcher("");
  private long rows;
  private long chars;

  /**
   * @param maxTrainChars stop after this many characters; 0 reads everything
   * @param maxWordTypes the most distinct pieces held at once ({@link WordCounts})
   */
  public WordCountPass(long maxTrainChars, int maxWordTypes) {
    this(maxTrainChars, new WordCounts(maxWordTypes));
  }

  private WordCountPass(long maxTrainChars, WordCounts counts) {
    if (maxTrainChars < 0) {
      throw new IllegalArgumentException(
          "tokenizer max train chars must be 0 (all) or more, got " + maxTrainChars);
    }
    this.maxTrainChars = maxTrainChars;
    this.counts = counts;
  }

  /**
   * Counts one row's text, cut where {@code maxTrainChars} runs out (never inside a surrogate
   * pair); returns false once the budget is spent and no further row would be read.
   */
  public boolean add(String text) {
    if (budgetSpent()) {
      return false;
    }
    rows++;
    long left = maxTrainChars == 0 ? Long.MAX_VALUE : maxTrainChars - chars;
    if (text.length() > left) {
      int end = (int) left;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      text = text.substring(0, end);
    }
    chars += text.length();
    split.reset(text);
    while (split.find()) {
      counts.add(split.group());
    }
    return !budgetSpent();
  }

  public boolean budgetSpent() {
    return maxTrainChars != 0 && chars >= maxTrainChars;
  }

  /** Rows offered to {@link #add} so far; a resumed pass skips this many. */
  public long rows() {
    return rows;
  }

  public WordCounts counts() {
    return counts;
  }

  /**
   * Writes the pass to {@code file} (through a temporary file and a rename, so a kill leaves the
   * previous save whole). {@code inputs} names what was counted; {@link #resume} requires it equal.
   */
  public void save(Path file, String inputs) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeUTF(MAGIC);
      out.writeUTF(inputs);
      out.writeLong(maxTrainChars);
      out.writeLong(rows);
      out.writeLong(chars);
      counts.write(out);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The pass saved in {@code file}, when it counted the same {@code inputs} under the same limits;
   * empty when there is no such file or it belongs to other inputs or settings.
   *
   * @throws IOException when the file is there but unreadable (damaged or of another format)
   */
  public static Optional<WordCountPass> resume(Path file, String inputs, long maxTrainChars,
      int maxWordTypes) throws IOException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException(file + " is not a saved word count (no " + MAGIC + " header)");
      }
      if (!inputs.equals(in.readUTF()) || in.readLong() != maxTrainChars) {
        return Optional.empty();
      }
      long rows = in.readLong();
      long chars = in.readLong();
      WordCounts counts = WordCounts.read(in);
      if (counts.maxTypes() != maxWordTypes) {
        return Optional.empty();
      }
      WordCountPass pass = new WordCountPass(maxTrainChars, counts);
      pass.rows = rows;
      pass.chars = chars;
      return Optional.of(pass);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
