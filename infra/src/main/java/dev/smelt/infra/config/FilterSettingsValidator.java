package dev.smelt.infra.config;

import dev.smelt.pipeline.data.FilterChain;
import dev.smelt.settings.filter.FilterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of {@code data.filters} and {@code data.filterSettings} that need more than a settings
 * record's own values: the pipeline's registry of stage names and the file system. Each filter's
 * record checks its values as it is bound (dev.smelt.settings.filter).
 */
final class FilterSettingsValidator {
  /** The pipeline's registry is the one list of stage names. */
  static final List<String> FILTERS = FilterChain.NAMES;

  private FilterSettingsValidator() {}

  static void validate(List<String> filters, FilterSettings f) {
    ConfigValidator.require(filters != null && !filters.isEmpty(), "data.filters",
        "must name at least one of " + String.join(", ", FILTERS));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < filters.size(); i++) {
      String name = filters.get(i);
      ConfigValidator.require(FILTERS.contains(name), "data.filters[" + i + "]",
          "'" + name + "' is not a filter; known: " + String.join(", ", FILTERS));
      ConfigValidator.require(seen.add(name), "data.filters[" + i + "]", "'" + name + "' is named twice");
    }
    String dir = f.copyright().protectedDir();
    ConfigValidator.require(dir.isBlank() || Files.isDirectory(Path.of(dir)),
        "data.filterSettings.copyright.protectedDir", "is not a folder: " + dir);
  }
}
