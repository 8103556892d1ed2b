package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.RejectReason;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * One entry found under the inputs: a file to read, or an entry the walk skipped (a symbolic
 * link, a pipe, a hidden file…) that the read stage turns into a counted reject.
 *
 * @param path absolute path, as a string so it travels between workers; for a followed link, the
 *     resolved target inside the input
 * @param relativePath path below the input folder it was found in ('/' separated), or the file
 *     name for a file given directly; it is the default document id and source
 * @param skipReason why the walk did not read this entry, or null for a file to read
 * @param skipDetail what exactly was skipped, for a person ("" for a file to read)
 */
public record CorpusFile(String path, String relativePath, RejectReason skipReason, String skipDetail)
    implements Serializable {
  public CorpusFile {
    skipDetail = skipDetail == null ? "" : skipDetail;
  }

  /** A file to read. */
  public CorpusFile(String path, String relativePath) {
    this(path, relativePath, null, "");
  }

  /** An entry that is not read, and why. */
  public static CorpusFile skipped(Path path, String relativePath, RejectReason reason, String detail) {
    return new CorpusFile(path.toString(), relativePath, reason, detail);
  }

  public boolean isSkipped() {
    return skipReason != null;
  }

  public Path toPath() {
    return Path.of(path);
  }
}
