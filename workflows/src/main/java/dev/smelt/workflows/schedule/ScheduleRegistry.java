package dev.smelt.workflows.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The names of the schedules on a server without visibility listing (the embedded test server
 * cannot list workflows), so `smelt schedule list` works there too.
 */
@WorkflowInterface
public interface ScheduleRegistry {
  String WORKFLOW_ID = "smelt-schedules";

  @WorkflowMethod(name = "ScheduleRegistry")
  void run(List<String> names);

  @SignalMethod
  void add(String name);

  @SignalMethod
  void remove(String name);

  @QueryMethod
  List<String> names();
}
