package dev.smelt.pipeline.tokenize;

import dev.smelt.pipeline.data.CleanDocs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the words of a data folder's kept documents (data/clean, part files in name order, rows
 * in file order: the order does not depend on how the data stage was sharded at run time) for
 * tokenizer training, one row at a time. The pass is saved to {@code countsFile} whenever
 * {@code saveDue} says so and once at the end; a pass saved for the same part files and settings
 * is continued from its row, so an interrupted count ends with the counts of an uninterrupted one.
 */
public final class CleanTextCounts {
  private static final Logger LOG = LoggerFactory.getLogger(CleanTextCounts.class);

  private CleanTextCounts() {}

  /**
   * @param saveDue asked after each row with the rows consumed so far: save now?
   * @return the finished pass; {@link WordCountPass#rows()} counts the rows it took in
   */
  public static WordCountPass count(Path dataDir, Path countsFile, long maxTrainChars,
      int maxWordTypes, LongPredicate saveDue) throws IOException {
    String inputs = inputs(dataDir, maxWordTypes);
    Optional<WordCountPass> saved = WordCountPass.resume(countsFile, inputs, maxTrainChars,
        maxWordTypes);
    WordCountPass pass = saved.orElseGet(() -> new WordCountPass(maxTrainChars, maxWordTypes));
    long skip = pass.rows();
    if (saved.isPresent()) {
      LOG.info("tokenizer: continuing the word count saved in {} from row {}", countsFile, skip);
    }
    long[] seen = {0};
    try {
      CleanDocs.visit(dataDir, doc -> {
        if (seen[0]++ < skip) {
          return true; // counted by an earlier attempt
        }
        boolean more = pass.add(doc.text());
        if (more && saveDue.test(pass.rows())) {
          save(pass, countsFile, inputs);
        }
        return more;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    save(pass, countsFile, inputs);
    return pass;
  }

  /**
   * A hash of the part files (name, size, modification time: a data stage that ran again wrote
   * new ones) and the cap: a saved pass over anything else starts
   * over.
   */
  public static String inputs(Path dataDir, int maxWordTypes) throws IOException {
    StringBuilder key = new StringBuilder("maxWordTypes=").append(maxWordTypes);
    for (Path part : CleanDocs.parts(dataDir)) {
      key.append('|').append(part.getFileName()).append(':').append(Files.size(part))
          .append(':').append(Files.getLastModifiedTime(part).toMillis());
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void save(WordCountPass pass, Path file, String inputs) {
    try {
      pass.save(file, inputs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the word counts to " + file, e);
    }
  }
}
