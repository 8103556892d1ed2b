package dev.smelt.workflows.schedule;

import dev.smelt.workflows.run.TrainingRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The loop of a schedule: sleep on a durable timer until the next fire (or a signal), settle runs
 * that ended, fire under the overlap policy, start buffered fires when the way is clear, and
 * continue as new every {@link #FIRES_BEFORE_CONTINUE_AS_NEW} fires once nothing is in flight.
 */
public class RetrainScheduleImpl implements RetrainSchedule {
  /** Each fire adds ~15 history events; 100 fires stay far under Temporal's 50k-event limit. */
  static final int FIRES_BEFORE_CONTINUE_AS_NEW = 100;
  /** Newest fires kept for describe: a query answer stays a few kB. */
  static final int RECENT_KEPT = 50;

  private ScheduleState state;
  private final List<InFlight> inFlight = new ArrayList<>();
  private final Deque<FireRecord> buffer = new ArrayDeque<>();
  private final List<FireRecord> recent = new ArrayList<>();
  private int triggers;
  private boolean deleted;
  private int firesThisRun;

  private final ScheduleActivities activities = Workflow.newActivityStub(ScheduleActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

  /** A scheduled run still going: its fire, workflow id, cancellation scope and result. */
  private record InFlight(long number, String workflowId, CancellationScope scope,
      Promise<ScheduledRunResult> result) {}

  /**
   * Sets the state before any handler runs: a pause or query sent with the start arrives in the
   * first workflow task, before {@link #run}'s body (without this, a null state failed the task
   * over and over and the schedule never ran).
   */
  @WorkflowInit
  public RetrainScheduleImpl(ScheduleState initial) {
    state = initial;
    recent.addAll(initial.recent());
  }

  @Override
  public void run(ScheduleState initial) {
    if (state.nextFire() == null) {
      state = withNextFire(spec().nextAfter(now()));
    }
    while (!deleted) {
      Duration wait = Duration.between(now(), state.nextFire());
      if (wait.compareTo(Duration.ZERO) > 0) {
        Workflow.await(wait, this::hasWork);
      }
      settleEnded();
      if (deleted) {
        break;
      }
      takeFire();
      startBuffered();
      if (firesThisRun >= FIRES_BEFORE_CONTINUE_AS_NEW && inFlight.isEmpty() && buffer.isEmpty()
          && triggers == 0) {
        Workflow.continueAsNew(describe());
      }
    }
  }

  private boolean hasWork() {
    return deleted || triggers > 0 || inFlight.stream().anyMatch(f -> f.result().isCompleted());
  }

  /** A trigger first, else the spec's fire when its time has come (not taken while paused). */
  private void takeFire() {
    if (triggers > 0) {
      triggers--;
      fire(now(), FireCause.TRIGGER);
    } else if (!now().isBefore(state.nextFire())) {
      if (!state.paused()) {
        fire(state.nextFire(), FireCause.SCHEDULE);
      }
      // Fires missed while no worker ran are taken once, not one by one (a catch-up of one).
      state = withNextFire(spec().nextAfter(now()));
    }
  }

  private void fire(Instant at, FireCause cause) {
    firesThisRun++;
    FireRecord f = new FireRecord(state.tally().fires() + 1, at, cause, RunOutcome.RUNNING, null, "");
    state = withTally(state.tally().fired());
    if (inFlight.isEmpty() && buffer.isEmpty()) {
      launch(f);
      return;
    }
    switch (state.definition().overlap()) {
      case SKIP -> skip(f, "run " + inFlight.get(0).workflowId() + " is still going");
      case BUFFER_ONE -> bufferOne(f);
      case BUFFER_ALL -> buffer(f, "waits for the " + (inFlight.size() + buffer.size()) + " before it");
      case CANCEL_OTHER -> {
        inFlight.forEach(r -> r.scope().cancel("overlap policy cancel-other"));
        while (!buffer.isEmpty()) {
          skip(buffer.poll(), "replaced by fire " + f.number() + " (cancel-other)");
        }
        buffer(f, "starts when the cancelled run has ended");
      }
      case TERMINATE_OTHER -> {
        terminateRunning(f);
        launch(f);
      }
      case ALLOW_ALL -> launch(f);
    }
  }

  /**
   * Terminates every run in flight and settles it at once: a parent is not always told of a
   * terminated child (the test server does not tell it), and the outcome is known anyway.
   */
  private void terminateRunning(FireRecord f) {
    for (InFlight r : List.copyOf(inFlight)) {
      activities.terminate(r.workflowId(), "overlap policy terminate-other: fire " + f.number());
      inFlight.remove(r);
      find(r.number()).ifPresent(old -> remember(old.with(RunOutcome.CANCELLED,
          "terminated by fire " + f.number() + " (terminate-other)")));
      state = withTally(state.tally().ended(RunOutcome.CANCELLED));
    }
  }

  private void bufferOne(FireRecord f) {
    if (buffer.isEmpty()) {
      buffer(f, "waits for the running one");
    } else {
      skip(f, "one fire is already waiting (buffer-one)");
    }
  }

  private void buffer(FireRecord f, String reason) {
    FireRecord waiting = f.with(RunOutcome.BUFFERED, reason);
    buffer.add(waiting);
    remember(waiting);
  }

  private void skip(FireRecord f, String reason) {
    FireRecord skipped = f.with(RunOutcome.SKIPPED_OVERLAP, reason);
    remember(skipped);
    state = withTally(state.tally().ended(RunOutcome.SKIPPED_OVERLAP));
    Workflow.getMetricsScope().tagged(Map.of("schedule", state.definition().name()))
        .counter("smelt_schedule_runs_skipped").inc(1);
  }

  private void startBuffered() {
    while (!buffer.isEmpty()
        && (inFlight.isEmpty() || state.definition().overlap() == Overlap.ALLOW_ALL)) {
      launch(buffer.poll().with(RunOutcome.RUNNING, ""));
    }
  }

  /** Starts fire {@code f}'s ScheduledRun; it outlives this schedule (deleting one stops no run). */
  private void launch(FireRecord f) {
    String id = "smelt-scheduled-" + state.definition().name() + "-" + f.number();
    ScheduledRun child = Workflow.newChildWorkflowStub(ScheduledRun.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(TrainingRun.CPU_QUEUE)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
            .build());
    List<Promise<ScheduledRunResult>> result = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(
        () -> result.add(Async.function(child::run, state.definition().request())));
    scope.run();
    inFlight.add(new InFlight(f.number(), id, scope, result.get(0)));
    remember(f.with(RunOutcome.RUNNING, "started " + id));
  }

  /** Records how each run that ended did, and frees its place. */
  private void settleEnded() {
    for (InFlight r : List.copyOf(inFlight)) {
      if (!r.result().isCompleted()) {
        continue;
      }
      inFlight.remove(r);
      ScheduledRunResult result = outcome(r);
      find(r.number()).ifPresent(f -> remember(f.settled(result)));
      state = withTally(state.tally().ended(result.outcome()));
    }
  }

  private static ScheduledRunResult outcome(InFlight r) {
    try {
      return r.result().get();
    } catch (ChildWorkflowFailure e) {
      boolean stopped = e.getCause() instanceof TerminatedFailure
          || e.getCause() instanceof io.temporal.failure.CanceledFailure;
      return new ScheduledRunResult(null, stopped ? RunOutcome.CANCELLED : RunOutcome.FAILED,
          stopped ? "stopped by the overlap policy" : String.valueOf(e.getCause().getMessage()));
    }
  }

  private java.util.Optional<FireRecord> find(long number) {
    return recent.stream().filter(f -> f.number() == number).findFirst();
  }

  /** Adds or replaces the record of fire {@code f}, keeping the newest {@link #RECENT_KEPT}. */
  private void remember(FireRecord f) {
    recent.removeIf(old -> old.number() == f.number());
    recent.add(f);
    recent.sort(java.util.Comparator.comparingLong(FireRecord::number));
    while (recent.size() > RECENT_KEPT) {
      recent.remove(0);
    }
  }

  @Override
  public void pause(String note) {
    state = new ScheduleState(state.definition(), true, note, state.nextFire(), state.tally(),
        state.recent(), state.running());
  }

  @Override
  public void unpause(String note) {
    state = new ScheduleState(state.definition(), false, note, state.nextFire(), state.tally(),
        state.recent(), state.running());
  }

  @Override
  public void trigger() {
    triggers++;
  }

  @Override
  public void delete() {
    deleted = true;
  }

  @Override
  public ScheduleState describe() {
    return new ScheduleState(state.definition(), state.paused(), state.note(), state.nextFire(),
        state.tally(), List.copyOf(recent), inFlight.stream().map(InFlight::workflowId).toList());
  }

  private FireSpec spec() {
    return state.definition().spec();
  }

  private ScheduleState withNextFire(Instant next) {
    return new ScheduleState(state.definition(), state.paused(), state.note(), next, state.tally(),
        state.recent(), state.running());
  }

  private ScheduleState withTally(ScheduleTally tally) {
    return new ScheduleState(state.definition(), state.paused(), state.note(), state.nextFire(),
        tally, state.recent(), state.running());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
