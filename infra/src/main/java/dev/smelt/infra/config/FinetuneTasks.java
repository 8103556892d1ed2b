package dev.smelt.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * finetune.tasks in the merged config tree: a list of {name, inputs, labels, steps}, or, when the
 * user gives none, the one task the single-task keys finetune.task and finetune.inputs describe
 * (integer labels). Either way the tree leaves here with {@code tasks} only, every input path
 * resolved against the config's folder, every task key present.
 */
final class FinetuneTasks {
  /** A task's keys and their defaults; name and inputs have none. */
  private static final List<String> KEYS = List.of("name", "inputs", "labels", "steps");

  private FinetuneTasks() {}

  /** Rewrites {@code merged}'s finetune section; true when it came from the single-task keys. */
  static boolean normalize(ObjectNode merged, JsonNode user, Path base) {
    ObjectNode ft = (ObjectNode) merged.get("finetune");
    JsonNode given = user.path("finetune");
    ArrayNode tasks = (ArrayNode) ft.get("tasks");
    boolean single = tasks.isEmpty();
    if (!single) {
      for (String key : List.of("task", "inputs")) {
        if (given.has(key)) {
          throw new ConfigException("key 'finetune." + key + "' cannot be given with "
              + "finetune.tasks: give each task's " + (key.equals("task") ? "name" : key)
              + " in finetune.tasks[i]." + (key.equals("task") ? "name" : key));
        }
      }
    } else {
      tasks.addObject().put("name", ft.path("task").asText()).set("inputs", ft.get("inputs"));
    }
    ft.remove("task");
    ft.remove("inputs");
    for (int i = 0; i < tasks.size(); i++) {
      tasks.set(i, task(tasks.get(i), "finetune.tasks[" + i + "]", base));
    }
    return single;
  }

  private static ObjectNode task(JsonNode node, String key, Path base) {
    if (!node.isObject()) {
      throw new ConfigException("key '" + key + "' must be a mapping of keys (" 
          + String.join(", ", KEYS) + ")");
    }
    ObjectNode t = (ObjectNode) node;
    for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ConfigException("unknown key '" + key + "." + k + "' (known here: "
            + String.join(", ", KEYS) + ")");
      }
    }
    if (!t.path("name").isTextual()) {
      throw new ConfigException("key '" + key + ".name' must be given, a task name");
    }
    if (!t.path("inputs").isArray()) {
      throw new ConfigException("key '" + key + ".inputs' must be a list of JSONL files");
    }
    if (t.has("labels") && !t.get("labels").isArray()) {
      throw new ConfigException("key '" + key + ".labels' must be a list of label names");
    }
    ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
    ArrayNode inputs = (ArrayNode) t.get("inputs");
    for (int j = 0; j < inputs.size(); j++) {
      JsonNode item = inputs.get(j);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new ConfigException("key '" + key + ".inputs[" + j + "]' must be a path");
      }
      resolved.add(TextNode.valueOf(base.resolve(item.asText()).normalize().toString()));
    }
    t.set("inputs", resolved);
    if (!t.has("labels")) {
      t.putArray("labels");
    }
    if (!t.has("steps")) {
      t.put("steps", 0);
    }
    return t;
  }
}
