package dev.smelt.infra.cli;

import dev.smelt.infra.config.ConfigException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The `smelt` command. Exit codes: 0 ok, 1 failure, 2 usage or config error. Errors are one line
 * on stderr; {@code --verbose} adds the stack trace behind it.
 */
@Command(
    name = "smelt",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every subcommand gets --help, which the usage error lines point to
    version = "smelt 0.1.0",
    description = "Raw text to a pre-trained, fine-tuned and evaluated language model.",
    subcommands = {RunCommand.class, SubmitCommand.class, RunControlCommands.Status.class,
        RunControlCommands.Watch.class, RunControlCommands.Pause.class,
        RunControlCommands.Unpause.class, RunControlCommands.Cancel.class, EvalCommand.class,
        DataCommand.class, ResumeCommand.class,
        ServerCommand.class,
        WorkerCommand.class,
        ScheduleCommand.class})
public final class SmeltCli {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace after the one-line error.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code; errors are one line on stderr. */
  public static int execute(String... args) {
    SmeltCli smelt = new SmeltCli();
    CommandLine cli = new CommandLine(smelt);
    // A usage error is one line too, like a config error (picocli would add the whole usage).
    cli.setParameterExceptionHandler((e, given) -> {
      String line = e.getMessage().replaceAll("\\s*\\R\\s*", " ");
      e.getCommandLine().getErr().println("smelt: " + line + " (see: "
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return USAGE;
    });
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          boolean config = e instanceof ConfigException;
          boolean toldAsIs = e instanceof RunFailedException || e instanceof UsageException;
          cmd.getErr().println(config ? "smelt: config error: " + e.getMessage()
              : "smelt: " + (toldAsIs ? e.getMessage() : oneLine(e)));
          if (smelt.verbose) {
            e.printStackTrace(cmd.getErr());
          }
          cmd.getErr().flush();
          return config || e instanceof UsageException ? USAGE : FAILURE;
        });
    return cli.execute(args);
  }

  /** The folder holding examples/ (set by the launcher script; the working folder otherwise). */
  static Path home() {
    return Path.of(System.getProperty("smelt.home", ".")).toAbsolutePath().normalize();
  }

  /**
   * A failure as one line: an application failure's own message (what an activity meant the user
   * to read), else the innermost cause's message, prefixed by the outer one's when it adds to it.
   */
  static String oneLine(Throwable e) {
    Optional<String> told = RunFailedException.find(e, ApplicationFailure.class)
        .map(ApplicationFailure::getOriginalMessage)
        .filter(m -> !m.isBlank());
    if (told.isPresent()) {
      return told.get().replaceAll("\\s*\\R\\s*", " ");
    }
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
