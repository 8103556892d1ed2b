package dev.smelt.activities.stage;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.TokenDoc;
import dev.smelt.pipeline.tokenize.TokenShards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The tokenized data of a run as the trainers take it: token ids per document. */
final class ShardData {
  private ShardData() {}

  static List<int[]> train(RunFolder run) {
    return ids(run.shards());
  }

  static List<int[]> val(RunFolder run) {
    return ids(run.val());
  }

  static BpeTokenizer tokenizer(RunFolder run) {
    try {
      return BpeTokenizer.load(run.tokenizerJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + run.tokenizerJson(), e);
    }
  }

  private static List<int[]> ids(Path dir) {
    try {
      return TokenShards.read(dir).stream().map(TokenDoc::ids).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token shards in " + dir, e);
    }
  }
}
