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

/** Labelled examples from JSONL files ({"text": ..., "label": 0|1|...}), and their fixed split. */
public final class LabelledTexts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Train and test examples; an example lands in test when the hash of its text says so. */
  public record Split(List<LabelledText> train, List<LabelledText> test) {}

  private LabelledTexts() {}

  /** Reads every file; a malformed line is an error naming its file and line. */
  public static List<LabelledText> read(List<Path> files) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (!line.isBlank()) {
            out.add(parse(line, f, n));
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

  private static LabelledText parse(String line, Path f, int n) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(f + ":" + n + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (!node.path("text").isTextual() || !node.path("label").canConvertToInt()
        || node.path("label").asInt() < 0) {
      throw new IllegalArgumentException(
          f + ":" + n + ": expected {\"text\": string, \"label\": non-negative integer}");
    }
    return new LabelledText(node.get("text").asText(), node.get("label").asInt());
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
