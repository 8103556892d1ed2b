package dev.smelt.infra.cli;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `smelt resume RUN`: continues a run from its folder alone, after anything up to losing the
 * whole machine: its config.yaml (edit it to change a setting; only the stages that read it and
 * those after rerun), the stage records (a finished stage whose fingerprint matches is served
 * from its record) and the checkpoints (pre-training continues from its newest good one).
 */
@Command(name = "resume", description = "Continue a run from its folder: finished stages whose "
    + "inputs, config section and code are unchanged are not redone; pre-training continues from "
    + "its newest good checkpoint.")
final class ResumeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN", converter = RunIdConverter.class,
      description = "The run id (its folder is <runs-dir>/RUN).")
  String runId;

  @Option(names = "--force", paramLabel = "STAGE", description = "Rerun STAGE and every stage "
      + "after it even where nothing changed: data, tokenizer, pretrain, finetune, baselines, "
      + "evaluate, report.")
  String force;

  @Mixin RunSessionOptions session;

  @Override
  public Integer call() throws Exception {
    List<Stage> rerun = force == null ? List.of() : Stage.ofId(force)
        .orElseThrow(() -> new UsageException("--force " + force + " names no stage; one of "
            + String.join(", ", Stage.ids()))).andAfter();
    Path root = session.runsRoot();
    Path runDir = RunFolder.confined(root.resolve(runId).toString(), root).root();
    Path config = runDir.resolve("config.yaml");
    if (!Files.isRegularFile(config)) {
      throw new UsageException(Files.isDirectory(runDir)
          ? "run folder " + runDir + " holds no config.yaml to resume from; start a new run with"
              + " smelt run CONFIG"
          : "no run folder " + runDir + " to resume; start one with smelt run CONFIG --run-id "
              + runId + " (or pass the --runs-dir it is in)");
    }
    RunConfig cfg = ConfigLoader.load(config);
    Files.deleteIfExists(new RunFolder(runDir).state()); // a resumed run is cancelled no more
    System.out.println("smelt: resume run " + runId + " ← " + runDir
        + (rerun.isEmpty() ? "" : " (forced from " + force + ")"));
    return RunSession.run(new RunStarter.Prepared(runId, runDir, cfg), rerun, session, System.out);
  }
}
