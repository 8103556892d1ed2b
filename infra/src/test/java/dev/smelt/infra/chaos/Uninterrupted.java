package dev.smelt.infra.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.pretrain.PretrainJob;
import dev.smelt.activities.pretrain.PretrainListener;
import dev.smelt.activities.pretrain.Pretrainer;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.TokenDoc;
import dev.smelt.pipeline.tokenize.TokenShards;
import dev.smelt.settings.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The yardstick of every interrupted run: the same pre-training, in this JVM, never stopped. */
public final class Uninterrupted {
  private Uninterrupted() {}

  /** Pre-trains on {@code runDir}'s own shards into {@code out}; returns its final/ folder. */
  public static Path pretrain(RunConfig cfg, Path runDir, Path out) throws IOException {
    int vocab = BpeTokenizer.load(runDir.resolve("tokenizer/tokenizer.json")).vocabSize();
    List<int[]> train = TokenShards.read(runDir.resolve("data/shards")).stream().map(TokenDoc::ids).toList();
    List<int[]> val = TokenShards.read(runDir.resolve("data/val")).stream().map(TokenDoc::ids).toList();
    new Pretrainer(new PretrainJob(cfg.model(), cfg.pretrain(), vocab, cfg.seed(), train, val, out),
        PretrainListener.NONE).run(Optional.empty());
    return out.resolve("final");
  }

  /** "step=loss" of every logged training step, in order. */
  public static List<String> losses(Path metrics) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      JsonNode n = json.readTree(line);
      if (n.has("loss")) {
        out.add(n.get("step").asInt() + "=" + n.get("loss").asDouble());
      }
    }
    return out;
  }
}
