package dev.smelt.workflows.schedule;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A sorted set of names, changed by signals; starts afresh every so often to keep history short. */
public class ScheduleRegistryImpl implements ScheduleRegistry {
  /** Two events per signal: a few hundred keeps the history far under Temporal's limits. */
  static final int CHANGES_BEFORE_CONTINUE_AS_NEW = 500;

  private final TreeSet<String> names = new TreeSet<>();
  private int changes;

  @Override
  public void run(List<String> initial) {
    names.addAll(initial);
    Workflow.await(() -> changes >= CHANGES_BEFORE_CONTINUE_AS_NEW);
    Workflow.continueAsNew(new ArrayList<>(names));
  }

  @Override
  public void add(String name) {
    names.add(name);
    changes++;
  }

  @Override
  public void remove(String name) {
    names.remove(name);
    changes++;
  }

  @Override
  public List<String> names() {
    return new ArrayList<>(names);
  }
}
