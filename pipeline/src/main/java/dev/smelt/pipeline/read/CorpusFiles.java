package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists every entry under the inputs a user named: files as they are, folders walked without
 * following symbolic links. An entry that is not a readable regular file (a link, a link loop, a
 * dangling link, a pipe, a device, an unreadable file or folder, a hidden file) is listed too, as
 * skipped with a reason, so the read stage counts it: read = kept + rejected holds for entries.
 * With {@code followSymlinks}, a link whose target lies inside the input is followed; one that
 * leaves the input never is, so a link to /etc/shadow cannot become a training document.
 */
public final class CorpusFiles {
  private CorpusFiles() {}

  /** Lists without following symbolic links (the default, {@code data.followSymlinks: false}). */
  public static List<CorpusFile> list(List<Path> inputs) {
    return list(inputs, false);
  }

  /**
   * Every entry under the inputs, sorted by relative path within each input. Hidden files and
   * folders (name starting with '.') are skipped and counted (a folder once), so a corpus may be
   * a git checkout.
   *
   * @throws IllegalArgumentException if an input does not exist, or two inputs hold entries with
   *     the same relative path (their document ids would collide)
   */
  public static List<CorpusFile> list(List<Path> inputs, boolean followSymlinks) {
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
      for (CorpusFile file : new Walk(root, followSymlinks).entries()) {
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

  /** The walk of one input; the input itself is taken as named (a link the user names is meant). */
  private static final class Walk {
    private final Path root;
    private final boolean followSymlinks;
    private final List<CorpusFile> out = new ArrayList<>();
    private Path realRoot;

    Walk(Path root, boolean followSymlinks) {
      this.root = root;
      this.followSymlinks = followSymlinks;
    }

    List<CorpusFile> entries() {
      String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
      try {
        realRoot = root.toRealPath();
      } catch (IOException e) {
        out.add(CorpusFile.skipped(root, name, RejectReason.UNREADABLE_FILE, "cannot resolve input: " + e));
        return out;
      }
      if (Files.isDirectory(realRoot)) {
        Set<Path> ancestors = new HashSet<>(Set.of(realRoot));
        walkFolder(realRoot, "", ancestors);
      } else {
        file(realRoot, name, readAttributes(realRoot));
      }
      out.sort(Comparator.comparing(CorpusFile::relativePath));
      return out;
    }

    /** @param ancestors real paths of the folders being walked, to spot a link to one of them */
    private void walkFolder(Path folder, String prefix, Set<Path> ancestors) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        entries.forEach(children::add);
      } catch (IOException e) {
        out.add(CorpusFile.skipped(folder, prefix.isEmpty() ? "." : prefix, RejectReason.UNREADABLE_FILE,
            "cannot list folder: " + e));
        return;
      }
      children.sort(Comparator.naturalOrder());
      for (Path child : children) {
        String name = child.getFileName().toString();
        String relative = prefix.isEmpty() ? name : prefix + "/" + name;
        BasicFileAttributes attrs = readAttributes(child);
        if (name.startsWith(".")) {
          out.add(CorpusFile.skipped(child, relative, RejectReason.HIDDEN_FILE,
              attrs != null && attrs.isDirectory() ? "hidden folder, not walked" : "hidden file"));
        } else if (attrs != null && attrs.isSymbolicLink()) {
          link(child, relative, ancestors);
        } else if (attrs != null && attrs.isDirectory()) {
          descend(child, child, relative, ancestors);
        } else {
          file(child, relative, attrs);
        }
      }
    }

    private void descend(Path entry, Path realFolder, String relative, Set<Path> ancestors) {
      Set<Path> deeper = new HashSet<>(ancestors);
      deeper.add(realFolder);
      walkFolder(realFolder, relative, deeper);
    }

    /** A regular file to read, or a counted skip for anything else. */
    private void file(Path path, String relative, BasicFileAttributes attrs) {
      if (attrs == null) {
        out.add(CorpusFile.skipped(path, relative, RejectReason.UNREADABLE_FILE,
            "cannot read its attributes"));
      } else if (!attrs.isRegularFile()) {
        out.add(CorpusFile.skipped(path, relative, RejectReason.SPECIAL_FILE, SpecialFiles.describe(path)));
      } else if (!Files.isReadable(path)) {
        out.add(CorpusFile.skipped(path, relative, RejectReason.UNREADABLE_FILE, "no read permission"));
      } else {
        out.add(new CorpusFile(path.toString(), relative));
      }
    }

    private void link(Path link, String relative, Set<Path> ancestors) {
      String target = linkTarget(link);
      Path real;
      try {
        real = link.toRealPath();
      } catch (NoSuchFileException e) {
        out.add(CorpusFile.skipped(link, relative, RejectReason.DANGLING_SYMLINK,
            "link to " + target + ", which does not exist"));
        return;
      } catch (FileSystemException e) {
        boolean loop = String.valueOf(e.getReason()).contains("symbolic link");
        out.add(CorpusFile.skipped(link, relative,
            loop ? RejectReason.SYMLINK_LOOP : RejectReason.UNREADABLE_FILE,
            "link to " + target + ": " + e.getReason()));
        return;
      } catch (IOException e) {
        out.add(CorpusFile.skipped(link, relative, RejectReason.UNREADABLE_FILE, "link to " + target + ": " + e));
        return;
      }
      if (!real.startsWith(realRoot)) {
        out.add(CorpusFile.skipped(link, relative, RejectReason.SYMLINK_OUTSIDE_INPUT, "link to " + target
            + " (" + real + "), outside the input " + realRoot + ": never followed"));
      } else if (!followSymlinks) {
        out.add(CorpusFile.skipped(link, relative, RejectReason.SYMLINK_NOT_FOLLOWED,
            "link to " + target + " inside the input; data.followSymlinks is off"));
      } else if (ancestors.contains(real)) {
        out.add(CorpusFile.skipped(link, relative, RejectReason.SYMLINK_LOOP,
            "link to " + target + ", a folder that holds the link itself"));
      } else if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
        descend(link, real, relative, ancestors);
      } else {
        file(real, relative, readAttributes(real));
      }
    }

    private static String linkTarget(Path link) {
      try {
        return "'" + Files.readSymbolicLink(link) + "'";
      } catch (IOException e) {
        return "an unreadable target";
      }
    }

    /** The entry's own attributes (a link is not followed), or null when they cannot be read. */
    private static BasicFileAttributes readAttributes(Path path) {
      try {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        return null;
      }
    }
  }
}
