package dev.smelt.pipeline.beam;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Beam {@link PipelineOptions} from a runner name and Beam flags ({@code --flag=value}), with the
 * defaults every Smelt pipeline runs under. A flag in the list wins over a default.
 */
public final class BeamOptions {
  /** Flink's embedded mini-cluster in this JVM. */
  public static final String LOCAL_FLINK = "[local]";

  private BeamOptions() {}

  /**
   * @param runner a Beam runner name, e.g. "DirectRunner"; a {@code --runner=} flag overrides it
   * @param pipelineArgs further Beam flags, e.g. "--targetParallelism=4"
   * @throws IllegalArgumentException naming the first flag Beam cannot use, or the runner
   */
  public static PipelineOptions of(String runner, List<String> pipelineArgs) {
    List<String> flags = pipelineArgs == null ? List.of() : pipelineArgs;
    checkShape(flags);
    List<String> args = new ArrayList<>(flags);
    if (!names(args, "runner")) {
      if (runner == null || runner.isBlank()) {
        throw new IllegalArgumentException("no Beam runner given: use e.g. \"DirectRunner\"");
      }
      args.add(0, "--runner=" + runner);
    }
    PipelineOptions options = create(args);
    if (options.getRunner() == DirectRunner.class) {
      applyDirectDefaults(options.as(DirectOptions.class), args);
    }
    if (options.getRunner() == FlinkRunner.class) {
      applyFlinkDefaults(options.as(FlinkPipelineOptions.class), args);
    }
    return options;
  }

  /**
   * Every flag must look like {@code --flag=value} (or a bare {@code --flag} for a boolean).
   *
   * @throws IllegalArgumentException naming the first one that does not
   */
  public static void checkShape(List<String> pipelineArgs) {
    for (String arg : pipelineArgs) {
      if (arg == null || !arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("Beam option '" + arg + "' must look like --flag=value");
      }
    }
  }

  /** {@code base} less the flags that {@code overrides} set, then {@code overrides}: the later list wins. */
  public static List<String> overriding(List<String> base, List<String> overrides) {
    List<String> out = new ArrayList<>();
    for (String arg : base) {
      if (!names(overrides, flagName(arg))) {
        out.add(arg);
      }
    }
    out.addAll(overrides);
    return out;
  }

  /**
   * Whether a runner name is Flink's, as Beam matches names: the simple name with or without
   * "Runner", in any case, or the class name.
   */
  public static boolean isFlink(String runner) {
    return "flinkrunner".equalsIgnoreCase(runner) || "flink".equalsIgnoreCase(runner)
        || FlinkRunner.class.getName().equals(runner);
  }

  private static String flagName(String arg) {
    int eq = arg.indexOf('=');
    return arg.substring(2, eq < 0 ? arg.length() : eq);
  }

  /** Whether {@code args} set the flag {@code name} (as {@code --name=…} or {@code --name}). */
  static boolean names(List<String> args, String name) {
    return args.stream().anyMatch(a -> a.equals("--" + name) || a.startsWith("--" + name + "="));
  }

  private static PipelineOptions create(List<String> args) {
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Beam option '" + firstUnusable(args) + "' is not usable: " + e.getMessage(), e);
    }
  }

  /** Beam's message names a property, not the flag the user wrote: try each flag on its own. */
  private static String firstUnusable(List<String> args) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).create();
      } catch (IllegalArgumentException e) {
        return arg;
      }
    }
    return String.join(" ", args);
  }

  private static void applyFlinkDefaults(FlinkPipelineOptions flink, List<String> args) {
    if (!names(args, "flinkMaster")) {
      // Beam's default "[auto]" would pick a cluster from the environment; Smelt's is explicit.
      flink.setFlinkMaster(LOCAL_FLINK);
    }
    if (!names(args, "reIterableGroupByKeyResult")) {
      // Flink's batch group-by-key streams a group off its spilling sort; a re-iterable group is
      // first copied into a heap list (FlinkNonMergingReduceFunction), which made the part-file
      // write hold a whole shard in heap. Every grouped value here is read once (DecideSameKey
      // sorts its bucket in bounded memory), so groups stream: the heap stays flat with the corpus.
      flink.setReIterableGroupByKeyResult(false);
    }
  }

  private static void applyDirectDefaults(DirectOptions direct, List<String> args) {
    if (!names(args, "blockOnRun")) {
      // The direct runner would otherwise block in run(), and progress could not be polled.
      direct.setBlockOnRun(false);
    }
    if (!names(args, "enforceImmutability")) {
      // Its per-bundle check walks the whole graph: with one bundle per key after each shuffle,
      // the grouping stages (fuzzy_dedup's rounds) spent most of their time there. Tests of
      // single transforms keep the check (TestPipeline).
      direct.setEnforceImmutability(false);
    }
    if (!names(args, "enforceEncodability")) {
      // Encoding every element once more only checks our coders, which the tests' TestPipeline
      // still does: ×1.17 less CPU for the data stage (docs/throughput.md, BENCH_FLAGS).
      direct.setEnforceEncodability(false);
    }
  }
}
