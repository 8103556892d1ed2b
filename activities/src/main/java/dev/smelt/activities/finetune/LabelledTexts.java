package dev.smelt.activities.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.tokenize.SplitByHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled examples from JSONL files ({"text": ..., "label": 0|1|... or a label name}), and their
 * fixed split.
 */
public final class LabelledTexts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Train and test examples; an example lands in test when the hash of its text says so. */
  public record Split(List<LabelledText> train, List<LabelledText> test) {}

  private LabelledTexts() {}

  /** Reads every file, labels being integers; a malformed line is an error naming file and line. */
  public static List<LabelledText> read(List<Path> files) throws IOException {
    return read(files, List.of());
  }

  /**
   * Reads every file; a line's label is one of {@code labels} or its index (any non-negative
   * integer when {@code labels} is empty). A malformed line is an error naming file and line.
   */
  public static List<LabelledText> read(List<Path> files, List<String> labels) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (!line.isBlank()) {
            out.add(parse(line, f, n, labels));
          }
        }
      }
    }
    return out;
  }

  /** The "text" field of every line of a JSONL file, labelled or not (an out-of-domain corpus). */
  public static List<String> readTexts(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if (!node.path("text").isTextual()) {
        throw new IllegalArgumentException(file + ":" + n + ": expected a \"text\" string");
      }
      out.add(node.get("text").asText());
    }
    return out;
  }

  private static LabelledText parse(String line, Path f, int n, List<String> labels) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(f + ":" + n + ": not valid JSON: " + e.getOriginalMessage());
    }
    int label = labelIndex(node.path("label"), labels);
    if (!node.path("text").isTextual() || label < 0) {
      throw new IllegalArgumentException(f + ":" + n + ": expected {\"text\": string, \"label\": "
          + (labels.isEmpty() ? "non-negative integer}"
              : "one of " + labels + " or its index 0.." + (labels.size() - 1) + "}"));
    }
    return new LabelledText(node.get("text").asText(), label);
  }

  /** The class of a "label" value: a name's place in {@code labels}, or the integer; -1 if neither. */
  private static int labelIndex(JsonNode label, List<String> labels) {
    if (label.isTextual()) {
      return labels.indexOf(label.asText());
    }
    if (!label.isIntegralNumber() || !label.canConvertToInt() || label.asInt() < 0) {
      return -1;
    }
    return labels.isEmpty() || label.asInt() < labels.size() ? label.asInt() : -1;
  }

  /** The most common label of {@code examples} (the lowest on a tie; 0 for none). */
  public static int majorityLabel(List<LabelledText> examples) {
    int classes = 1 + examples.stream().mapToInt(LabelledText::label).max().orElse(0);
    int[] counts = new int[classes];
    examples.forEach(t -> counts[t.label()]++);
    int majority = 0;
    for (int k = 1; k < classes; k++) {
      majority = counts[k] > counts[majority] ? k : majority;
    }
    return majority;
  }

  /** Split by a hash of the text: stable across runs, and duplicates never straddle the split. */
  public static Split split(List<LabelledText> all, double testFraction) {
    SplitByHash byHash = new SplitByHash(testFraction);
    List<LabelledText> train = new ArrayList<>();
    List<LabelledText> test = new ArrayList<>();
    for (LabelledText t : all) {
      (byHash.isValidation(t.text()) ? test : train).add(t);
    }
    return new Split(train, test);
  }
}
