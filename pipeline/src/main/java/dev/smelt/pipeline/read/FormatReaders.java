package dev.smelt.pipeline.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The readers by name, so a run configuration can say which ones run. */
public final class FormatReaders {
  /** Every reader name, in the order readers are tried when a file's name does not decide. */
  public static final List<String> NAMES = List.of(
      JsonlReader.NAME, PlainTextReader.NAME, ParquetReader.NAME, HtmlReader.NAME,
      MailReader.NAME, WarcFileReader.NAME);

  private FormatReaders() {}

  /** Every reader, with default settings. */
  public static List<FormatReader> all() {
    return create(ReaderOptions.defaults());
  }

  /**
   * The named readers, with default settings.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static List<FormatReader> byName(List<String> names) {
    return create(ReaderOptions.defaults().withFormats(names));
  }

  /** The readers the options name, set up as they say. */
  public static List<FormatReader> create(ReaderOptions options) {
    List<FormatReader> readers = new ArrayList<>();
    for (String name : options.formats()) {
      readers.add(create(name, options));
    }
    return readers;
  }

  static void checkNames(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no readers named: use some of " + NAMES);
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown reader '" + name + "': use some of " + NAMES);
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("reader '" + name + "' is named twice");
      }
    }
  }

  private static FormatReader create(String name, ReaderOptions options) {
    int max = options.maxDocBytes();
    return switch (name) {
      case JsonlReader.NAME -> new JsonlReader(max);
      case PlainTextReader.NAME -> new PlainTextReader(max, options.textSplitBytes());
      case ParquetReader.NAME -> new ParquetReader(options.parquetColumns(), max);
      case HtmlReader.NAME -> new HtmlReader(max);
      case MailReader.NAME -> new MailReader(max);
      case WarcFileReader.NAME -> new WarcFileReader(max);
      default -> throw new IllegalArgumentException("unknown reader '" + name + "': use some of " + NAMES);
    };
  }
}
