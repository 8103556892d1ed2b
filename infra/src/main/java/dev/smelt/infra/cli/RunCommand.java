package dev.smelt.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `smelt run [CONFIG]`: one TrainingRun end to end, with live progress. */
@Command(name = "run", description = "Run data → tokenizer → pre-train → fine-tune → evaluate → report.")
final class RunCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "CONFIG",
      description = "Run config (default: examples/demo.yaml).")
  Path config;

  @Option(names = "--run-id", paramLabel = "ID", converter = RunIdConverter.class, description =
      "Run id: letters, digits, '-', '_', '.', at most 100 (default: <name>-<timestamp>).")
  String runId;

  @Mixin RunSessionOptions session;

  @Override
  public Integer call() throws Exception {
    RunStarter.Prepared p = RunStarter.prepare(
        config != null ? config : RunStarter.defaultConfig(), runId, session.runsRoot());
    System.out.println("smelt: run " + p.runId() + " → " + p.runDir());
    return RunSession.run(p, List.of(), session, System.out);
  }
}
