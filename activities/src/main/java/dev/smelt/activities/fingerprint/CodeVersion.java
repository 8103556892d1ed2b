package dev.smelt.activities.fingerprint;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.workflows.stage.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The version of the code that runs the stages, as a content hash: the sha256 of the classes and
 * resources of Smelt's workflows, pipeline and activities modules, as they lie on this worker's
 * class path (a classes folder each, or the jar that holds them). javac output is reproducible,
 * so a rebuild of unchanged sources keeps the hash and any code change reruns every stage.
 * Computed once per JVM. Libraries (DJL, Beam) are covered only when shaded into the jar.
 */
public final class CodeVersion {
  private static volatile String current;

  private CodeVersion() {}

  /** The code hash of this JVM's Smelt modules. */
  public static String current() {
    String v = current;
    if (v == null) {
      v = compute(List.of(Stage.class, Doc.class, CodeVersion.class));
      current = v;
    }
    return v;
  }

  static String compute(List<Class<?>> modules) {
    Set<Path> sources = new LinkedHashSet<>();
    for (Class<?> c : modules) {
      try {
        sources.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException | NullPointerException e) {
        throw new IllegalStateException("cannot locate the code of " + c.getName(), e);
      }
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path source : sources) {
        if (Files.isDirectory(source)) {
          hashFolder(md, source);
        } else {
          digestFile(md, source);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Smelt's own code to fingerprint it", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void hashFolder(MessageDigest md, Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        digestFile(md, f);
      }
    }
  }

  private static void digestFile(MessageDigest md, Path f) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }
}
