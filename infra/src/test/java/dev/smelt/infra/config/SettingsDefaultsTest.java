package dev.smelt.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.settings.StallMinutes;
import dev.smelt.settings.filter.FilterSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * smelt-defaults.yaml is the user-visible copy of the settings records' published defaults: the
 * same keys and the same values, so neither can drift from the other.
 */
class SettingsDefaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private final JsonNode yaml = ConfigLoader.defaults();

  @Test
  void theYamlsFilterSettingsAreEveryFiltersPublishedSettings() throws Exception {
    JsonNode section = yaml.path("data").path("filterSettings");
    assertEquals(keys(JSON.valueToTree(FilterSettings.DEFAULTS), "data.filterSettings"),
        keys(section, "data.filterSettings"), "the same keys, none missing, none extra");
    assertEquals(FilterSettings.DEFAULTS, JSON.treeToValue(section, FilterSettings.class));
  }

  @Test
  void theYamlsStallMinutesAreTheRecordsDefaults() throws Exception {
    assertEquals(StallMinutes.DEFAULTS, JSON.treeToValue(yaml.path("stallMinutes"), StallMinutes.class));
  }

  /** Every leaf key under {@code node}, dotted, in order. */
  private static List<String> keys(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    if (!node.isObject()) {
      out.add(prefix);
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      out.addAll(keys(field.getValue(), prefix + "." + field.getKey()));
    }
    return out;
  }
}
