package dev.smelt.infra.cli;

import dev.smelt.activities.run.RunId;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.infra.schedule.LastGoodResults;
import dev.smelt.infra.schedule.ScheduleBackend;
import dev.smelt.infra.schedule.ScheduleBackends;
import dev.smelt.infra.schedule.ScheduleNotFoundException;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.workflows.schedule.FireSpec;
import dev.smelt.workflows.schedule.Overlap;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * `smelt schedule …`: scheduled retraining. On a real cluster the schedules are Temporal
 * Schedules; on the embedded server, Smelt's scheduler workflow (see {@link ScheduleBackends}).
 */
@Command(name = "schedule", description = "Scheduled retraining: create, list, describe, pause, "
    + "unpause, trigger, delete.",
    subcommands = {ScheduleCommand.Create.class, ScheduleCommand.ListAll.class,
        ScheduleCommand.Describe.class, ScheduleCommand.Pause.class, ScheduleCommand.Unpause.class,
        ScheduleCommand.Trigger.class, ScheduleCommand.Delete.class})
final class ScheduleCommand {
  /** Room for "-yyyyMMdd-HHmmss" after the name within a run id's 100 characters. */
  static final int MAX_NAME = RunId.MAX_LENGTH - 16;

  private ScheduleCommand() {}

  /** Runs {@code action} against the server's backend, turning an unknown name into one line. */
  static int withBackend(TemporalOptions temporal, Function<ScheduleBackend, Integer> action) {
    try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
      return action.apply(ScheduleBackends.forServer(conn.client()));
    } catch (ScheduleNotFoundException | IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A schedule name: a plain run id short enough for the run ids made from it. */
  static final class NameConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      RunId.problem(value).ifPresent(p -> {
        throw new TypeConversionException(p.replace("run id", "schedule name"));
      });
      if (value.length() > MAX_NAME) {
        throw new TypeConversionException("schedule name is longer than " + MAX_NAME + " characters");
      }
      return value;
    }
  }

  static final class OverlapConverter implements ITypeConverter<Overlap> {
    @Override
    public Overlap convert(String value) {
      try {
        return Overlap.fromFlag(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Exactly one of the two, picocli says so when neither or both are given. */
  static final class When {
    @Option(names = "--every", required = true, paramLabel = "INTERVAL",
        description = "Fire every INTERVAL, e.g. 24h, 90m, 7d (aligned to the Unix epoch, UTC).")
    String every;

    @Option(names = "--cron", required = true, paramLabel = "CRON",
        description = "Fire at the times of a 5-field cron in UTC, e.g. \"0 3 * * 1\".")
    String cron;

    FireSpec spec() {
      try {
        return every != null ? FireSpec.every(FireSpec.parseEvery(every)) : FireSpec.cron(cron);
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        throw new UsageException(message.startsWith("--") ? message : "--cron: " + message);
      }
    }
  }

  @Command(name = "create", description = "Create a schedule that starts a run of CONFIG on each fire.")
  static final class Create implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", converter = NameConverter.class,
        description = "Schedule name; its runs are named NAME-<yyyyMMdd-HHmmss>.")
    String name;

    @Parameters(index = "1", paramLabel = "CONFIG",
        description = "Run config; re-read at each fire, so the workers must see this same path.")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    @Option(names = "--overlap", paramLabel = "POLICY", converter = OverlapConverter.class,
        description = "When a fire meets a run still going: skip (default), buffer-one, "
            + "buffer-all, cancel-other, terminate-other, allow-all.")
    Overlap overlap = Overlap.SKIP;

    @Option(names = "--always",
        description = "Start a run even when config and inputs are unchanged since the last good run.")
    boolean always;

    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      FireSpec spec = when.spec();
      Path absolute = config.toAbsolutePath().normalize();
      ConfigLoader.load(absolute); // a bad config is a config error now, not at the first fire
      ScheduleDefinition def = new ScheduleDefinition(name, absolute.toString(), spec, overlap, always);
      return withBackend(temporal, b -> {
        b.create(def);
        System.out.println("smelt: schedule " + name + " created (" + spec.describe() + ", overlap "
            + overlap.flag() + (always ? ", always" : "") + "); see: smelt schedule describe " + name);
        return 0;
      });
    }
  }

  @Command(name = "list", description = "List the schedules.")
  static final class ListAll implements Callable<Integer> {
    @Mixin TemporalOptions temporal;

    @Override
    public Integer call() {
      return withBackend(temporal, b -> {
        b.list().forEach(System.out::println);
        return 0;
      });
    }
  }

  /** The subcommands that act on one named schedule. */
  abstract static class OnOne implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", converter = NameConverter.class, description = "Schedule name.")
    String name;

    @Mixin TemporalOptions temporal;

    abstract String act(ScheduleBackend backend);

    @Override
    public Integer call() {
      return withBackend(temporal, b -> {
        System.out.println(act(b));
        return 0;
      });
    }
  }

  @Command(name = "describe", description = "Show a schedule: spec, state, counts, newest fires and why.")
  static final class Describe extends OnOne {
    /** Where the last good run's results are read, when this machine sees the runs root. */
    @Mixin RunsDirOption runs;

    @Override
    String act(ScheduleBackend b) {
      List<String> lines = new ArrayList<>(b.describe(name).lines());
      LastGoodResults.line(runs.root(), name).ifPresent(l -> lines.add("  " + l));
      return String.join(System.lineSeparator(), lines);
    }
  }

  @Command(name = "pause", description = "Stop firing on the spec until unpaused.")
  static final class Pause extends OnOne {
    @Option(names = "--note", description = "Why, shown by describe.")
    String note = "paused by smelt schedule pause";

    @Override
    String act(ScheduleBackend b) {
      b.pause(name, note);
      return "smelt: schedule " + name + " paused";
    }
  }

  @Command(name = "unpause", description = "Fire on the spec again.")
  static final class Unpause extends OnOne {
    @Option(names = "--note", description = "Why, shown by describe.")
    String note = "";

    @Override
    String act(ScheduleBackend b) {
      b.unpause(name, note);
      return "smelt: schedule " + name + " unpaused";
    }
  }

  @Command(name = "trigger", description = "Fire now, under the schedule's overlap policy.")
  static final class Trigger extends OnOne {
    @Override
    String act(ScheduleBackend b) {
      b.trigger(name);
      return "smelt: schedule " + name + " triggered";
    }
  }

  @Command(name = "delete", description = "Delete a schedule; runs it started go on.")
  static final class Delete extends OnOne {
    @Override
    String act(ScheduleBackend b) {
      b.delete(name);
      return "smelt: schedule " + name + " deleted";
    }
  }
}
