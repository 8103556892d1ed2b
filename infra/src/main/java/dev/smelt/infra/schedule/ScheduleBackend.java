package dev.smelt.infra.schedule;

import dev.smelt.workflows.schedule.ScheduleDefinition;
import java.util.List;

/**
 * Where schedules live: Temporal Schedules on a real cluster, Smelt's scheduler workflow on the
 * embedded server (which has no Schedules). `smelt schedule` talks to either through this.
 *
 * <p>Every method throws {@link ScheduleNotFoundException} for a name no schedule has.
 */
public interface ScheduleBackend {
  /** @throws IllegalStateException when a schedule of that name exists already */
  void create(ScheduleDefinition definition);

  List<String> list();

  ScheduleView describe(String name);

  void pause(String name, String note);

  void unpause(String name, String note);

  void trigger(String name);

  void delete(String name);
}
