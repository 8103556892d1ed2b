package dev.smelt.infra.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.smelt.activities.model.ModelPresets;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run config: the user's YAML laid over {@code smelt-defaults.yaml}, every key checked
 * against the defaults, relative paths resolved against the config file's folder, values
 * validated. Every problem is a {@link ConfigException} with one line naming the key.
 */
public final class ConfigLoader {
  /** Keys whose values are lists of paths, resolved against the config file's folder. */
  private static final List<String> PATH_LISTS = List.of("data.inputs", "eval.oodInputs");

  /**
   * Strict on purpose: a key given twice would silently lose one value, and 8.7 for an integer
   * key would be truncated to 8 (issue 9).
   */
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ConfigLoader() {}

  /** Loads, merges, resolves and validates the config at {@code file}. */
  public static RunConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file not found: " + file);
    }
    JsonNode user;
    try {
      user = YAML.readTree(file.toFile());
    } catch (JsonParseException e) {
      throw new ConfigException(file + ": " + duplicateKey(e)
          .orElseGet(() -> "malformed YAML" + where(e) + ": " + yamlProblem(e)));
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": malformed YAML" + where(e) + ": " + yamlProblem(e));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    if (user == null || user.isMissingNode() || user.isNull()) {
      user = YAML.createObjectNode();
    }
    if (!user.isObject()) {
      throw new ConfigException(file + ": expected a mapping of keys at the top level");
    }
    ObjectNode merged = defaults();
    applyPreset(merged, user, file);
    overlay(merged, (ObjectNode) user, "", file);
    Path base = file.toAbsolutePath().getParent();
    for (String key : PATH_LISTS) {
      resolvePaths(merged, key, base);
    }
    resolveProtectedDir(merged, base);
    boolean singleTask;
    try {
      singleTask = FinetuneTasks.normalize(merged, user, base);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
    RunConfig config = bind(merged, file);
    try {
      ConfigValidator.validate(config, singleTask);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
    return config;
  }

  /** The config as YAML, every default filled in: what a run folder's config.yaml holds. */
  public static String toYaml(RunConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config as YAML", e);
    }
  }

  static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/smelt-defaults.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("smelt-defaults.yaml is missing from the classpath", e);
    }
  }

  /** A named model preset replaces the default model shape before the user's keys are laid on. */
  private static void applyPreset(ObjectNode merged, JsonNode user, Path file) {
    JsonNode preset = user.path("model").path("preset");
    if (!preset.isTextual() || preset.asText().equals("custom")) {
      return;
    }
    if (!ModelPresets.NAMES.contains(preset.asText())) {
      throw new ConfigException(file + ": key 'model.preset' must be one of "
          + String.join(", ", ModelPresets.NAMES) + ", custom");
    }
    ((ObjectNode) merged.get("model")).setAll(
        (ObjectNode) YAML.valueToTree(ModelPresets.of(preset.asText())));
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** Lays {@code user} over {@code base}, rejecting keys and shapes the defaults do not have. */
  private static void overlay(ObjectNode base, ObjectNode user, String prefix, Path file) {
    Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode known = base.get(field.getKey());
      JsonNode value = field.getValue();
      if (known == null) {
        List<String> names = iterable(base.fieldNames());
        throw new ConfigException(
            file + ": unknown key '" + key + "' (known here: " + String.join(", ", names) + ")");
      }
      if (known.isObject()) {
        if (!value.isObject()) {
          throw new ConfigException(file + ": key '" + key + "' must be a mapping of keys");
        }
        overlay((ObjectNode) known, (ObjectNode) value, key + ".", file);
      } else if (known.isArray() && !value.isArray()) {
        if (value.isNull()) {
          base.set(field.getKey(), YAML.createArrayNode());
        } else {
          throw new ConfigException(file + ": key '" + key + "' must be a list");
        }
      } else if (!known.isArray() && (value.isContainerNode() || value.isNull())) {
        throw new ConfigException(file + ": key '" + key + "' must be a single value");
      } else {
        base.set(field.getKey(), value);
      }
    }
  }

  /** data.filterSettings.copyright.protectedDir: a folder, relative to the config; "" = none. */
  private static void resolveProtectedDir(ObjectNode root, Path base) {
    ObjectNode copyright = (ObjectNode) root.path("data").path("filterSettings").path("copyright");
    JsonNode dir = copyright.get("protectedDir");
    if (dir != null && dir.isTextual() && !dir.asText().isBlank()) {
      copyright.put("protectedDir", base.resolve(dir.asText()).normalize().toString());
    }
  }

  private static void resolvePaths(ObjectNode root, String dotted, Path base) {
    String[] parts = dotted.split("\\.");
    ObjectNode parent = (ObjectNode) root.get(parts[0]);
    ArrayNode list = (ArrayNode) parent.get(parts[1]);
    ArrayNode resolved = YAML.createArrayNode();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new ConfigException("key '" + dotted + "[" + i + "]' must be a path");
      }
      Path p = base.resolve(item.asText()).normalize();
      resolved.add(TextNode.valueOf(p.toString()));
    }
    parent.set(parts[1], resolved);
  }

  private static RunConfig bind(ObjectNode merged, Path file) {
    try {
      return YAML.treeToValue(merged, RunConfig.class);
    } catch (JsonProcessingException e) {
      Optional<SettingsException> rejected = settingsProblem(e);
      if (rejected.isPresent()) { // a settings record refused its value and named the key
        throw new ConfigException(file + ": " + rejected.get().getMessage());
      }
      List<JsonMappingException.Reference> refs =
          e instanceof JsonMappingException m ? m.getPath() : List.of();
      String path = refs.isEmpty() ? "?" : keyPath(refs);
      JsonNode value = valueAt(merged, refs);
      if (value != null && value.isFloatingPointNumber() && isIntegerTarget(e)) {
        throw new ConfigException(file + ": key '" + path + "': " + value.asText()
            + " is not an integer");
      }
      throw new ConfigException(file + ": key '" + path + "' has a value of the wrong type: "
          + firstLine(e.getOriginalMessage()));
    }
  }

  /** The settings record's own refusal behind a binding error, if that is what it is. */
  private static Optional<SettingsException> settingsProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SettingsException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** "key 'a.b' is given twice", when the parser stopped at a duplicate key. */
  private static Optional<String> duplicateKey(JsonParseException e) {
    if (!e.getOriginalMessage().startsWith("Duplicate field") || e.getProcessor() == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (JsonStreamContext c = e.getProcessor().getParsingContext(); c != null && !c.inRoot();
        c = c.getParent()) {
      names.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
    }
    String key = String.join(".", names).replace(".[", "[");
    return Optional.of("key '" + key + "' is given twice" + where(e));
  }

  private static boolean isIntegerTarget(JsonProcessingException e) {
    Class<?> target = e instanceof MismatchedInputException m
        ? m.getTargetType() : null;
    return target == int.class || target == long.class || target == Integer.class
        || target == Long.class || target == short.class || target == Short.class;
  }

  /** The node a mapping error points at, or null when the path leaves the tree. */
  private static JsonNode valueAt(JsonNode root, List<JsonMappingException.Reference> refs) {
    JsonNode node = root;
    for (var ref : refs) {
      if (node == null) {
        return null;
      }
      node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
    }
    return node;
  }

  private static String keyPath(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (var ref : refs) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** SnakeYAML's message without its echo of the source: the unindented lines, joined. */
  private static String yamlProblem(JsonProcessingException e) {
    return String.join("; ", e.getOriginalMessage().lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .toList());
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
