package dev.smelt.infra.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.pretrain.AdamW;
import dev.smelt.activities.pretrain.GradClip;
import dev.smelt.activities.pretrain.Gradients;
import dev.smelt.activities.pretrain.LrSchedule;
import dev.smelt.activities.pretrain.TokenBatch;
import dev.smelt.activities.pretrain.TokenBatches;
import dev.smelt.settings.ModelConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The DJL half of {@code infra/bench/train} and {@code infra/bench/gpu-check.sh}: trains the shared
 * {@link Gpt} with the shared AdamW, GradClip and TokenBatches in a loop of its own (the same step
 * as Pretrainer's, without its logging and checkpoints) and prints one {@code RESULT} line per
 * measurement for the script to read. Not a test: a main run by the scripts.
 *
 * <p>Modes: {@code time} (warm-up, then timed repeats, with a per-phase breakdown), {@code rss}
 * (resident memory at given steps), {@code parity} (writes the initial weights and prints the
 * losses of the first steps on consecutive windows, dropout off, for train_pytorch.py to match).
 */
public final class TrainBench {
  private static final String[] PHASES = {"forward", "backward", "clip", "adamw", "zero+free"};

  private final Map<String, String> args;
  private final ModelConfig shape;
  private final int vocab;
  private final int batch;
  private final double lr;
  private final Device device;
  private final long[] phaseNanos = new long[PHASES.length];

  private TrainBench(Map<String, String> args) {
    this.args = args;
    this.shape = new ModelConfig("bench", num("layers", 4), num("heads", 4), num("d", 128),
        num("ctx", 128), Double.parseDouble(args.getOrDefault("dropout", "0.1")));
    this.vocab = num("vocab", 4096);
    this.batch = num("batch", 16);
    this.lr = Double.parseDouble(args.getOrDefault("lr", "6e-4"));
    this.device = "gpu".equals(args.get("device")) ? Device.gpu() : Device.cpu();
  }

  public static void main(String[] argv) throws IOException {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(a.startsWith("--") ? 2 : 0, eq < 0 ? a.length() : eq),
          eq < 0 ? "true" : a.substring(eq + 1));
    }
    new TrainBench(args).run(args.getOrDefault("mode", "time"));
  }

  private void run(String mode) throws IOException {
    Engine engine = Engine.getInstance();
    System.out.printf("INFO engine=%s version=%s device=%s gpus=%d threads(OMP)=%s%n",
        engine.getEngineName(), engine.getVersion(), device, engine.getGpuCount(),
        System.getenv("OMP_NUM_THREADS"));
    int[] tokens = readOrMakeTokens(Path.of(args.get("tokens")));
    try (NDManager root = NDManager.newBaseManager(device);
        Gpt gpt = new Gpt(shape, vocab, false, 1234, root)) {
      AdamW opt = AdamW.gptDefaults(gpt.parameters(), 0.1);
      System.out.printf("INFO parameters=%d shape=%s vocab=%d batch=%d%n",
          gpt.parameterCount(), shape, vocab, batch);
      switch (mode) {
        case "time" -> time(gpt, opt, tokens);
        case "rss" -> rss(gpt, opt, tokens);
        case "parity" -> parity(gpt, opt, tokens);
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
  }

  private void time(Gpt gpt, AdamW opt, int[] tokens) {
    int warmup = num("warmup", 10);
    int steps = num("steps", 60);
    int repeats = num("repeats", 1);
    TokenBatches batches = new TokenBatches(List.of(tokens), shape.contextLength(), batch, 7);
    LrSchedule schedule = new LrSchedule(lr, lr / 10, warmup, warmup + steps * repeats);
    int step = 0;
    while (step < warmup) {
      step++;
      train(gpt, opt, batches.next(), step, schedule.at(step));
    }
    System.out.printf("INFO warmup done, loss=%.4f rss_mb=%.1f%n", lastLoss, rssMb());
    for (int r = 1; r <= repeats; r++) {
      java.util.Arrays.fill(phaseNanos, 0);
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step++;
        train(gpt, opt, batches.next(), step, schedule.at(step));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double tps = (double) steps * batch * shape.contextLength() / seconds;
      System.out.printf("RESULT djl repeat=%d steps=%d seconds=%.3f tokens_per_s=%.1f loss=%.4f"
          + " rss_mb=%.1f%n", r, steps, seconds, tps, lastLoss, rssMb());
      StringBuilder phases = new StringBuilder("PHASES djl ms_per_step");
      for (int p = 0; p < PHASES.length; p++) {
        phases.append(String.format(" %s=%.2f", PHASES[p], phaseNanos[p] / 1e6 / steps));
      }
      System.out.println(phases);
    }
  }

  private void rss(Gpt gpt, AdamW opt, int[] tokens) {
    List<Integer> marks = new ArrayList<>();
    for (String s : args.getOrDefault("marks", "200,2000").split(",")) {
      marks.add(Integer.parseInt(s.trim()));
    }
    int last = marks.get(marks.size() - 1);
    int every = num("every", Math.max(1, last / 20));
    TokenBatches batches = new TokenBatches(List.of(tokens), shape.contextLength(), batch, 7);
    LrSchedule schedule = new LrSchedule(lr, lr / 10, 10, last);
    long t0 = System.nanoTime();
    for (int step = 1; step <= last; step++) {
      train(gpt, opt, batches.next(), step, schedule.at(step));
      if (marks.contains(step)) {
        System.out.printf("RESULT djl_rss step=%d rss_mb=%.1f loss=%.4f%n", step, rssMb(), lastLoss);
      }
      if (step % every == 0) {
        double tps = (double) step * batch * shape.contextLength() / ((System.nanoTime() - t0) / 1e9);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("INFO step=%d rss_mb=%.1f heap_committed_mb=%.1f heap_used_mb=%.1f"
            + " loss=%.4f tokens_per_s=%.1f%n", step, rssMb(), rt.totalMemory() / 1048576.0,
            (rt.totalMemory() - rt.freeMemory()) / 1048576.0, lastLoss, tps);
      }
    }
  }

  /** Consecutive windows, no shuffling and no dropout: the same batches train_pytorch.py builds. */
  private void parity(Gpt gpt, AdamW opt, int[] tokens) throws IOException {
    if (shape.dropout() != 0) {
      throw new IllegalArgumentException("parity needs dropout=0");
    }
    GptFiles.write(Path.of(args.get("out")), gpt, Map.of(), Map.of());
    int ctx = shape.contextLength();
    for (int step = 1; step <= num("steps", 3); step++) {
      long[] in = new long[batch * ctx];
      long[] out = new long[batch * ctx];
      for (int row = 0; row < batch; row++) {
        int start = ((step - 1) * batch + row) * ctx;
        for (int i = 0; i < ctx; i++) {
          in[row * ctx + i] = tokens[start + i];
          out[row * ctx + i] = tokens[start + i + 1];
        }
      }
      train(gpt, opt, new TokenBatch(in, out, batch, ctx), step, lr);
      System.out.printf("RESULT djl_parity step=%d loss=%.6f grad_norm=%.6f%n", step, lastLoss,
          lastNorm);
    }
  }

  private float lastLoss;
  private double lastNorm;

  /** Pretrainer's step: seed, forward, backward, clip to 1.0, AdamW, zero the gradients. */
  private void train(Gpt gpt, AdamW opt, TokenBatch batch, int step, double stepLr) {
    long t = System.nanoTime();
    Engine.getInstance().setRandomSeed(1234 ^ step);
    try (NDManager sub = gpt.manager().newSubManager()) {
      Shape s = new Shape(batch.rows(), batch.length());
      NDArray x = sub.create(batch.inputs(), s);
      NDArray y = sub.create(batch.targets(), s);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = CrossEntropy.mean(gpt.logits(x, true), y);
        t = lap(0, t);
        gc.backward(loss);
        lastLoss = loss.getFloat();
        t = lap(1, t);
      }
      Map<String, NDArray> grads = Gradients.of(gpt.parameters(), sub);
      lastNorm = GradClip.clip(grads.values(), 1.0);
      t = lap(2, t);
      opt.step(grads, stepLr);
      t = lap(3, t);
      Gradients.zero(grads);
    }
    lap(4, t);
  }

  /** Phase times are exact on CPU (ops run synchronously); on a GPU they only show host time. */
  private long lap(int phase, long since) {
    long now = System.nanoTime();
    phaseNanos[phase] += now - since;
    return now;
  }

  static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /**
   * Little-endian int32 tokens, as train_pytorch.py --make-tokens writes them; where the file is
   * missing (no python3 torch at hand), 4M uniform tokens of our own, written there for the other side.
   */
  private int[] readOrMakeTokens(Path file) throws IOException {
    if (!Files.exists(file)) {
      SplittableRandom rng = new SplittableRandom(20240607);
      ByteBuffer b = ByteBuffer.allocate(4 << 22).order(ByteOrder.LITTLE_ENDIAN);
      while (b.hasRemaining()) {
        b.putInt(rng.nextInt(vocab));
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, b.array());
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int[] out = new int[b.remaining() / 4];
    b.asIntBuffer().get(out);
    return out;
  }

  private int num(String key, int dflt) {
    return Integer.parseInt(args.getOrDefault(key, Integer.toString(dflt)));
  }
}
