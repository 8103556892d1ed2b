package dev.smelt.pipeline.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Lists the files behind the inputs a user named: files as they are, folders recursively. */
public final class CorpusFiles {
  private CorpusFiles() {}

  /**
   * Every regular file under the inputs, sorted by path within each input. Hidden files and
   * folders (name starting with '.') are skipped, so a corpus may be a git checkout.
   *
   * @throws IllegalArgumentException if an input does not exist, or two inputs hold files with
   *     the same relative path (their document ids would collide)
   */
  public static List<CorpusFile> list(List<Path> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no inputs given: name at least one file or folder");
    }
    List<CorpusFile> files = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path input : inputs) {
      Path root = input.toAbsolutePath().normalize();
      if (!Files.exists(root)) {
        throw new IllegalArgumentException("input does not exist: " + input);
      }
      for (CorpusFile file : listOne(root)) {
        Path earlier = seen.putIfAbsent(file.relativePath(), root);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "inputs " + earlier + " and " + root + " both hold '" + file.relativePath()
                  + "', so their document ids would collide: pass their common parent folder instead");
        }
        files.add(file);
      }
    }
    return files;
  }

  private static List<CorpusFile> listOne(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of(new CorpusFile(root.toString(), root.getFileName().toString()));
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(path -> !isHidden(root.relativize(path)))
          .sorted()
          .map(path -> new CorpusFile(path.toString(), relative(root, path)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input folder " + root + ": " + e.getMessage(), e);
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }
}
