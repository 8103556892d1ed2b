package dev.smelt.activities.stage;

import dev.smelt.activities.eval.TokenDocs;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.pipeline.tokenize.CleanTextCounts;
import dev.smelt.pipeline.tokenize.WordCountPass;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.TokenizerConfig;
import dev.smelt.workflows.stage.StageInput;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The driver of {@code infra/bench/memory}: runs one stage body of a run folder (data, tokenizer
 * pretrain, finetune or evaluate) in this JVM, without Temporal, then prints its time, the heap's peak (JMX: the sum
 * of each heap pool's peak, an upper bound) and the process's resident peak (VmHWM). In the
 * activities' package because the stage bodies are package-private; test scope only.
 */
public final class StageMemoryBench {
  private StageMemoryBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println(
          "usage: StageMemoryBench data|tokenizer|bpe|pretrain|finetune|evaluate CONFIG RUN_DIR");
      System.exit(2);
    }
    String stage = args[0];
    RunConfig c = ConfigLoader.load(Path.of(args[1]));
    Path runDir = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
    long t0 = System.nanoTime();
    StageShell.StageContext ctx = new StageShell.StageContext(new RunFolder(runDir),
        new StageInput(runDir.getFileName().toString(), runDir.toString(), c), Optional.empty(),
        p -> System.out.printf(Locale.ROOT, "  %.1f s: %s %d/%d %s%n",
            (System.nanoTime() - t0) / 1e9, p.stage(), p.done(), p.total(), p.unit()));
    Object result = switch (stage) {
      case "data" -> DataActivity.prepare(ctx);
      case "tokenizer" -> TokenizerActivity.train(ctx);
      case "bpe" -> trainBpeOnly(ctx.run(), c.tokenizer());
      case "pretrain" -> PretrainActivity.pretrain(ctx);
      case "finetune" -> FinetuneActivity.finetune(ctx);
      case "evaluate" -> valSize(ctx.run()) + "\n"
          + RunEvaluation.evaluate(ctx.run(), ctx.input(), null, ctx.progress());
      default -> throw new IllegalArgumentException("unknown stage " + stage);
    };
    double seconds = (System.nanoTime() - t0) / 1e9;
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      heapPeak += pool.getType() == MemoryType.HEAP ? pool.getPeakUsage().getUsed() : 0;
    }
    System.out.println(result);
    System.out.printf(Locale.ROOT, "STAGE %s ok %.1f s; heap peak (JMX, sum of pool peaks) %.0f MB"
            + " of max %.0f MB; VmHWM %s%n", stage, seconds, heapPeak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6, residentPeak());
    System.exit(0); // Beam and DJL leave non-daemon threads behind
  }

  /** The tokenizer stage's count and merges without its Beam token-shard pipeline. */
  private static String trainBpeOnly(RunFolder run, TokenizerConfig tc) throws java.io.IOException {
    Path scratch = Files.createDirectories(run.root().resolve("bench-bpe"));
    WordCountPass pass = CleanTextCounts.count(run.data(), scratch.resolve("counts.bin"),
        tc.maxTrainChars(), tc.maxWordTypes(), rows -> false);
    BpeTokenizer t = new ByteLevelBpeTrainer(tc.vocabSize(), tc.minFrequency(),
        tc.maxTrainChars()).train(pass.counts());
    t.save(scratch.resolve("tokenizer.json"));
    return "bpe: " + pass.rows() + " rows, " + pass.counts().size() + " word types ("
        + pass.counts().droppedTypes() + " pruned), vocabulary " + t.vocabSize();
  }

  /** The size of data/val that the evaluation streams: documents, tokens, UTF-8 bytes of text. */
  private static String valSize(RunFolder run) throws java.io.IOException {
    BpeTokenizer tokenizer = BpeTokenizer.load(run.tokenizerJson());
    long[] size = new long[3];
    TokenDocs.shards(run.val()).visit(ids -> {
      size[0]++;
      size[1] += ids.length;
      for (int id : ids) {
        size[2] += id < BpeTokenizer.FIRST_BYTE_ID ? 0 : tokenizer.token(id).length();
      }
      return true;
    });
    return String.format(Locale.ROOT, "VAL %d documents, %d tokens, %.1f MB of text", size[0],
        size[1], size[2] / 1e6);
  }

  private static String residentPeak() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).trim()).findFirst()
        .orElse("n/a");
  }
}
