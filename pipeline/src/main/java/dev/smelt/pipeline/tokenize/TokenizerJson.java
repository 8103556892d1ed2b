package dev.smelt.pipeline.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Hugging Face tokenizers' tokenizer.json for a byte-level BPE: GPT-2's layout (ByteLevel
 * pre-tokenizer and decoder, BPE model with vocab and "a b" merges, no unknown token).
 */
final class TokenizerJson {
  private TokenizerJson() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static void write(BpeTokenizer tokenizer, Path path) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int id = 0; id < BpeTokenizer.SPECIAL_TOKENS.size(); id++) {
      added.addObject()
          .put("id", id)
          .put("content", BpeTokenizer.SPECIAL_TOKENS.get(id))
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", true);
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(false, true));
    root.putNull("post_processor");
    root.set("decoder", byteLevel(true, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    String[] tokens = tokenizer.tokens();
    for (int id = 0; id < tokens.length; id++) {
      vocab.put(tokens[id], id);
    }
    ArrayNode merges = model.putArray("merges");
    for (int rank = 0; rank < tokenizer.mergeCount(); rank++) {
      String[] pair = tokenizer.merge(rank);
      merges.add(pair[0] + " " + pair[1]);
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), root);
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "ByteLevel");
    node.put("add_prefix_space", addPrefixSpace);
    node.put("trim_offsets", trimOffsets);
    node.put("use_regex", true);
    return node;
  }

  static BpeTokenizer read(Path path) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(path.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new NoSuchFileException(path + ": no tokenizer.json there; train the tokenizer first");
    }
    String where = path + ": ";
    JsonNode model = root.path("model");
    require("BPE".equals(model.path("type").asText()), where + "model.type must be BPE");
    require(
        "ByteLevel".equals(root.path("pre_tokenizer").path("type").asText()),
        where + "pre_tokenizer must be ByteLevel (a GPT-2-style byte-level BPE)");
    require(
        !root.path("pre_tokenizer").path("add_prefix_space").asBoolean(false),
        where + "pre_tokenizer.add_prefix_space must be false");
    require(root.path("normalizer").isNull() || root.path("normalizer").isMissingNode(),
        where + "a normalizer is not supported");

    JsonNode vocabNode = model.path("vocab");
    require(vocabNode.isObject() && vocabNode.size() > 0, where + "model.vocab is missing");
    String[] tokens = new String[vocabNode.size()];
    Map<String, Integer> ids = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = e.getValue().asInt(-1);
      require(id >= 0 && id < tokens.length && tokens[id] == null,
          where + "model.vocab ids must be 0.." + (tokens.length - 1) + " each once; bad: " + e.getKey());
      tokens[id] = e.getKey();
      ids.put(e.getKey(), id);
    }
    for (JsonNode added : root.path("added_tokens")) {
      int id = added.path("id").asInt(-1);
      require(id >= 0 && id < tokens.length && added.path("content").asText().equals(tokens[id]),
          where + "added token " + added + " does not match model.vocab");
    }

    JsonNode mergesNode = model.path("merges");
    int n = mergesNode.size();
    int[] left = new int[n];
    int[] right = new int[n];
    int[] result = new int[n];
    for (int rank = 0; rank < n; rank++) {
      JsonNode m = mergesNode.get(rank);
      String a;
      String b;
      if (m.isArray()) { // tokenizers >= 0.20 may write ["a", "b"]
        a = m.get(0).asText();
        b = m.get(1).asText();
      } else {
        String[] parts = m.asText().split(" ", -1);
        require(parts.length == 2, where + "merge " + rank + " is not \"a b\": " + m);
        a = parts[0];
        b = parts[1];
      }
      Integer l = ids.get(a);
      Integer r = ids.get(b);
      Integer joined = ids.get(a + b);
      require(l != null && r != null && joined != null,
          where + "merge " + rank + " (" + a + " " + b + ") uses or makes a token not in model.vocab");
      left[rank] = l;
      right[rank] = r;
      result[rank] = joined;
    }
    try {
      return new BpeTokenizer(tokens, left, right, result);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + "not a Smelt tokenizer: " + e.getMessage(), e);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
