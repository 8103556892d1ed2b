package dev.smelt.activities.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.activities.checkpoint.SafeTensors;
import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import dev.smelt.activities.checkpoint.TensorArrays;
import dev.smelt.settings.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model folder: {@code model.safetensors} (HF GPT-2 tensor names) and a {@code config.json} that
 * Hugging Face's {@code GPT2Config} reads, plus a {@code smelt} section with our own fields.
 */
public final class GptFiles {
  public static final String WEIGHTS = "model.safetensors";
  public static final String CONFIG = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GptFiles() {}

  /** A loaded model and any tensors in the file that are not the backbone's (e.g. a head). */
  public record Loaded(Gpt gpt, Map<String, Tensor> extraTensors, ObjectNode config) {}

  public static void write(Path dir, Gpt gpt, Map<String, Tensor> extraTensors,
      Map<String, Object> extraConfig) throws IOException {
    Files.createDirectories(dir);
    Map<String, Tensor> tensors = new LinkedHashMap<>(TensorArrays.toTensors(gpt.parameters()));
    tensors.putAll(extraTensors);
    SafeTensors.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
    ModelConfig m = gpt.config();
    ObjectNode c = JSON.createObjectNode();
    c.put("model_type", "gpt2");
    c.putArray("architectures").add("GPT2LMHeadModel");
    c.put("vocab_size", gpt.vocabSize());
    c.put("n_positions", m.contextLength());
    c.put("n_embd", m.dModel());
    c.put("n_layer", m.layers());
    c.put("n_head", m.heads());
    c.put("activation_function", "gelu");
    c.put("layer_norm_epsilon", 1e-5);
    c.put("resid_pdrop", m.dropout());
    c.put("embd_pdrop", m.dropout());
    c.put("attn_pdrop", m.dropout());
    c.put("tie_word_embeddings", true);
    c.put("bos_token_id", 0);
    c.put("eos_token_id", 0);
    c.put("pad_token_id", 1);
    ObjectNode smelt = c.putObject("smelt");
    smelt.put("preset", m.preset());
    smelt.put("bidirectional", gpt.bidirectional());
    smelt.put("parameters", gpt.parameterCount());
    extraConfig.forEach((k, v) -> smelt.set(k, JSON.valueToTree(v)));
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), c);
  }

  public static Loaded read(Path dir, NDManager parent) throws IOException {
    return read(dir, parent, parent.getDevice());
  }

  /** Reads the model folder, placing the weights on {@code device}. */
  public static Loaded read(Path dir, NDManager parent, Device device) throws IOException {
    ObjectNode c = (ObjectNode) JSON.readTree(dir.resolve(CONFIG).toFile());
    ObjectNode smelt = (ObjectNode) c.get("smelt");
    ModelConfig m = new ModelConfig(smelt.path("preset").asText("custom"), c.get("n_layer").asInt(),
        c.get("n_head").asInt(), c.get("n_embd").asInt(), c.get("n_positions").asInt(),
        c.get("resid_pdrop").asDouble());
    Gpt gpt = new Gpt(m, c.get("vocab_size").asInt(), smelt.path("bidirectional").asBoolean(), 0,
        parent, device);
    Map<String, Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(dir.resolve(WEIGHTS)));
    TensorArrays.copyAllInto(tensors, gpt.parameters());
    tensors.keySet().removeAll(gpt.parameters().keySet());
    return new Loaded(gpt, tensors, c);
  }
}
