package dev.smelt.infra.cli;

import dev.smelt.infra.config.ConfigException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The `smelt` command. Exit codes: 0 ok, 1 failure, 2 usage or config error. */
@Command(
    name = "smelt",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every subcommand gets --help, which the usage error lines point to
    version = "smelt 0.1.0",
    description = "Raw text to a pre-trained, fine-tuned and evaluated language model.",
    subcommands = {RunCommand.class, SubmitCommand.class, RunControlCommands.Status.class,
        RunControlCommands.Watch.class, RunControlCommands.Cancel.class, EvalCommand.class,
        DataCommand.class,
        ServerCommand.class,
        WorkerCommand.class})
public final class SmeltCli {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code; errors are one line on stderr. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new SmeltCli());
    // A usage error is one line too, like a config error (picocli would add the whole usage).
    cli.setParameterExceptionHandler((e, given) -> {
      String line = e.getMessage().replaceAll("\\s*\\R\\s*", " ");
      e.getCommandLine().getErr().println("smelt: " + line + " (see: "
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return USAGE;
    });
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException) {
            cmd.getErr().println("smelt: config error: " + e.getMessage());
            return USAGE;
          }
          cmd.getErr().println("smelt: " + oneLine(e));
          return FAILURE;
        });
    return cli.execute(args);
  }

  /** The folder holding examples/ (set by the launcher script; the working folder otherwise). */
  static Path home() {
    return Path.of(System.getProperty("smelt.home", ".")).toAbsolutePath().normalize();
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root != e && e.getMessage() != null && !e.getMessage().contains(msg)) {
      msg = e.getMessage() + ": " + msg;
    }
    return msg.replaceAll("\\s*\\R\\s*", " ");
  }
}
