package dev.smelt.infra.cli;

import dev.smelt.activities.stage.DataStage;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.pipeline.beam.BeamOptions;
import dev.smelt.pipeline.data.DataProgress;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.StageEditCount;
import dev.smelt.pipeline.data.StageReasonCount;
import dev.smelt.settings.RunConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** `smelt data CONFIG`: the Beam data stage alone, in this process, then its funnel. */
@Command(name = "data", description = "Run the data stage alone (any Beam runner flags after the config) and print the funnel.")
final class DataCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "Run config.")
  Path config;

  @Option(names = "--out", description = "Folder for clean/, rejects/, stats.json (default: runs/<name>-data-<timestamp>/data).")
  Path out;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    RunConfig cfg = ConfigLoader.load(config);
    String runner = requireUsableBeamFlags(cfg);
    Path dataDir = (out != null ? out : Path.of("runs", RunStarter.idFromName(cfg, "-data-"), "data"))
        .toAbsolutePath().normalize();
    Files.createDirectories(dataDir);
    PrintStream o = System.out;
    DataStats s = DataStage.run(cfg, dataDir, beamArgs, p -> printProgress(p, runner, o));
    printFunnel(s, o);
    o.println("data: " + dataDir);
    return 0;
  }

  /**
   * The flags after the config are Beam's: one that Beam cannot use is a usage error, named.
   *
   * @return the runner they and the config choose, e.g. "FlinkRunner"
   */
  private String requireUsableBeamFlags(RunConfig cfg) {
    try {
      return BeamOptions.of(cfg.data().runner(), DataStage.beamArgs(cfg.data(), beamArgs))
          .getRunner().getSimpleName();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void printProgress(DataProgress p, String runner, PrintStream o) {
    if (p.counting() && p.filtering()) {
      o.printf(Locale.ROOT, "data: %d/%d files (%d/%d units), %d/%d documents through the "
          + "filters, %.0f s%n", p.filesRead(), p.filesTotal(), p.unitsDone(), p.unitsTotal(),
          Math.min(p.documentsDone(), p.documentsTotal()), p.documentsTotal(), p.seconds());
    } else if (p.counting()) {
      o.printf(Locale.ROOT, "data: %d/%d files (%d/%d units), %d documents, %.0f s%n",
          p.filesRead(), p.filesTotal(), p.unitsDone(), p.unitsTotal(), p.documentsRead(),
          p.seconds());
    } else {
      o.printf(Locale.ROOT, "data: %d files on %s, %.0f s (its counts come when the job ends)%n",
          p.filesTotal(), runner, p.seconds());
    }
  }

  static void printFunnel(DataStats s, PrintStream o) {
    o.printf(Locale.ROOT, "%-28s %10d%n", "read", s.read());
    for (StageReasonCount r : s.rejects()) {
      o.printf(Locale.ROOT, "  - %-24s %10d  %s%n", r.stage() + " " + r.reason(), r.documents(),
          r.reason().description());
    }
    o.printf(Locale.ROOT, "%-28s %10d  (%,d bytes)%n", "kept", s.kept(), s.keptBytes());
    for (StageEditCount m : s.modified()) {
      o.printf(Locale.ROOT, "  ~ %-24s %10d  rewritten%n", m.stage() + " " + m.reason(), m.documents());
    }
    for (StageEditCount t : s.tagged()) {
      o.printf(Locale.ROOT, "  # %-24s %10d  tagged%n", t.stage() + " " + t.reason(), t.documents());
    }
    o.printf(Locale.ROOT, "read %d = kept %d + rejected %d; %.1f s%n", s.read(), s.kept(),
        s.rejected(), s.seconds());
  }
}
