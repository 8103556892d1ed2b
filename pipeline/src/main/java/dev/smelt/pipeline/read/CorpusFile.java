package dev.smelt.pipeline.read;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One input file.
 *
 * @param path absolute path, as a string so it travels between workers
 * @param relativePath path below the input folder it was found in ('/' separated), or the file
 *     name for a file given directly; it is the default document id and source
 */
public record CorpusFile(String path, String relativePath) implements Serializable {
  public Path toPath() {
    return Path.of(path);
  }
}
