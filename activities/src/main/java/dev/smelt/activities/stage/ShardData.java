package dev.smelt.activities.stage;

import dev.smelt.activities.pretrain.TokenFile;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.TokenShards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tokenized data of a run as the trainers take it: token ids per document. */
final class ShardData {
  /** The train shards' ids as one flat file, while pre-training runs (removed after it). */
  static final String TRAIN_TOKENS = "train-tokens.int32";

  private ShardData() {}

  /**
   * The train shards as a {@link TokenFile} in pretrain/, written afresh by one streaming pass;
   * the caller closes it and removes {@link #trainTokensFile}.
   */
  static TokenFile trainTokens(RunFolder run) throws IOException {
    return TokenFile.build(run.shards(), trainTokensFile(run));
  }

  static Path trainTokensFile(RunFolder run) {
    return run.pretrain().resolve(TRAIN_TOKENS);
  }

  /**
   * The first held-out documents, in shard order, until they hold {@code tokens} ids (all of
   * them when there are fewer): what a scorer of that many consecutive tokens reads, and no more.
   */
  static List<int[]> valHead(RunFolder run, long tokens) {
    List<int[]> docs = new ArrayList<>();
    long[] held = {0};
    try {
      TokenShards.visit(run.val(), d -> {
        docs.add(d.ids());
        held[0] += d.ids().length;
        return held[0] < tokens;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token shards in " + run.val(), e);
    }
    return docs;
  }

  static BpeTokenizer tokenizer(RunFolder run) {
    try {
      return BpeTokenizer.load(run.tokenizerJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + run.tokenizerJson(), e);
    }
  }
}
