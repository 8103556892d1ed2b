package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.settings.WorkerQueue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `smelt worker --queues`: the kinds it parses, cpu by default, one line for a bad one. */
class WorkerQueuesFlagTest {
  @Test
  void queuesCpuGpuSelectsBothAndNoFlagSelectsCpu() {
    WorkerCommand both = new WorkerCommand();
    new CommandLine(both).parseArgs("--queues", "cpu,gpu");
    assertEquals(EnumSet.of(WorkerQueue.CPU, WorkerQueue.GPU), both.kinds());
    WorkerCommand none = new WorkerCommand();
    new CommandLine(none).parseArgs();
    assertEquals(EnumSet.of(WorkerQueue.CPU), none.kinds());
  }

  @Test
  void anUnknownQueueIsOneUsageLineAndExitTwo() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SmeltCli.execute("worker", "--queues", "cpu,tpu");
    } finally {
      System.setErr(err);
    }
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, out);
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.contains("'tpu' is no queue; --queues takes cpu, gpu"), out);
  }
}
