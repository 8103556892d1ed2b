package dev.smelt.activities.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run of a config would consume, stage by stage, exactly as the stage cache fingerprints
 * it (the config keys each stage reads, the content sha256 of the files they name, Smelt's code
 * version) but without the upstream output hashes, which follow from these. Equal inputs mean
 * every stage of a new run would be served from a cache of the last one: a scheduled run skips.
 * The report's stage is left out: it reads the whole config (the run's name too) and trains
 * nothing. A warm start's source model is left out too, so that the model the last run made
 * does not count as a change for the next.
 *
 * @param stages stage id → what it consumes, in run order
 */
public record RunInputs(Map<String, StageRecord.Consumed> stages) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Differences named in a reason before "and N more". */
  private static final int SHOWN = 3;

  /** The inputs of a run of {@code config}, file contents hashed through {@code hashes}. */
  public static RunInputs of(RunConfig config, FileHashes hashes) throws IOException {
    StageFingerprints prints = new StageFingerprints(null, hashes, p -> {});
    Map<String, StageRecord.Consumed> stages = new LinkedHashMap<>();
    for (Stage s : Stage.values()) {
      if (s != Stage.REPORT) {
        stages.put(s.id(), prints.declared(config, s));
      }
    }
    return new RunInputs(stages);
  }

  /** sha256 of these inputs as JSON. */
  public String fingerprint() throws IOException {
    return StageLedger.sha256(this);
  }

  /**
   * What differs from {@code before}, in a line: the changed input files and config keys (the
   * first few, then how many more), or that Smelt's code changed; empty when nothing does.
   */
  public String changesSince(RunInputs before) {
    Set<String> changes = new LinkedHashSet<>();
    for (Map.Entry<String, StageRecord.Consumed> e : stages.entrySet()) {
      StageRecord.Consumed was = before.stages().get(e.getKey());
      StageRecord.Consumed now = e.getValue();
      if (was == null) {
        changes.add("stage " + e.getKey() + " is new");
        continue;
      }
      if (!now.code().equals(was.code())) {
        changes.add("Smelt's code");
      }
      files(was.inputs(), now.inputs(), changes);
      keys(was.config(), now.config(), changes);
    }
    List<String> list = new ArrayList<>(changes);
    String shown = String.join(", ", list.subList(0, Math.min(SHOWN, list.size())));
    return list.size() > SHOWN ? shown + " and " + (list.size() - SHOWN) + " more" : shown;
  }

  private static void files(List<FileFingerprint> was, List<FileFingerprint> now,
      Set<String> into) {
    Map<String, String> before = new TreeMap<>();
    was.forEach(f -> before.put(f.path(), f.sha256()));
    Map<String, String> after = new TreeMap<>();
    now.forEach(f -> after.put(f.path(), f.sha256()));
    after.forEach((path, sha) -> {
      if (!before.containsKey(path)) {
        into.add("new input " + path);
      } else if (!before.get(path).equals(sha)) {
        into.add("input " + path + " (content)");
      }
    });
    before.keySet().stream().filter(p -> !after.containsKey(p))
        .forEach(p -> into.add("removed input " + p));
  }

  /** Config keys (dotted, lists as one value) whose values differ. */
  private static void keys(JsonNode was, JsonNode now, Set<String> into) {
    Map<String, JsonNode> before = new TreeMap<>();
    Map<String, JsonNode> after = new TreeMap<>();
    leaves(was, "", before);
    leaves(now, "", after);
    Set<String> all = new TreeSet<>(before.keySet());
    all.addAll(after.keySet());
    for (String key : all) {
      JsonNode a = before.get(key);
      JsonNode b = after.get(key);
      // as JSON text: a value read back from the file may be another node type (int, long)
      if (a == null || b == null || !a.toString().equals(b.toString())) {
        into.add("key " + key + " (" + shown(a) + " → " + shown(b) + ")");
      }
    }
  }

  /** The section's values by dotted key; its own keys are dotted paths already ("finetune.task"). */
  private static void leaves(JsonNode node, String prefix, Map<String, JsonNode> into) {
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        leaves(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), into);
      }
    } else {
      into.put(prefix, node);
    }
  }

  private static String shown(JsonNode v) {
    if (v == null) {
      return "unset";
    }
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  /** Reads inputs written by {@link #write}. */
  public static RunInputs read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), RunInputs.class);
  }

  /** Written to a temporary file and renamed, so a reader never sees half of it. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
