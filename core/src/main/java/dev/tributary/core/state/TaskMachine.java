package dev.tributary.core.state;

import static dev.tributary.contracts.TaskState.BLOCKED_BY_FAILURES;
import static dev.tributary.contracts.TaskState.CANCELLED;
import static dev.tributary.contracts.TaskState.IN_PROGRESS;
import static dev.tributary.contracts.TaskState.PENDING;
import static dev.tributary.contracts.TaskState.WAITING_FOR_RETRY;

import dev.tributary.contracts.TaskState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The task state machine, as a table. A task is created {@code pending}; it is {@code in_progress}
 * from the moment one of its steps is enqueued; after every change to its steps it is what {@link
 * TaskDecision} decides from their counts; an operator may cancel it until it finishes. No row
 * leads to {@code resolved_manually}: the state is part of the contract, reserved for resolving a
 * whole task by hand, which no action does yet.
 */
public final class TaskMachine {

  /** What can happen to a task. */
  public enum Event {
    /** One of its steps was claimed for dispatch. */
    STEP_ENQUEUED,
    /** Its steps changed, and {@link TaskDecision} decided the state named by the guard. */
    STEPS_DECIDED,
    /** An operator cancelled it. */
    CANCELLED
  }

  /**
   * A row: a task in {@code from} to which {@code event} happens enters {@code to}. For {@link
   * Event#STEPS_DECIDED} the guard is the decision itself: {@code to} is what was decided.
   */
  public record Row(TaskState from, Event event, TaskState to) {}

  /** States of a task that can still change without an operator's help, or by it. */
  public static final Set<TaskState> UNFINISHED =
      Collections.unmodifiableSet(
          EnumSet.of(PENDING, IN_PROGRESS, WAITING_FOR_RETRY, BLOCKED_BY_FAILURES));

  /** States of a finished task: nothing changes it any more, and operators act on it no more. */
  public static final Set<TaskState> FINISHED =
      Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.copyOf(UNFINISHED)));

  /** The table. */
  public static final List<Row> TABLE = table();

  private TaskMachine() {}

  /** The states some row of {@code event} leaves. */
  public static Set<TaskState> sources(Event event) {
    Set<TaskState> states = EnumSet.noneOf(TaskState.class);
    TABLE.stream().filter(r -> r.event() == event).forEach(r -> states.add(r.from()));
    return Collections.unmodifiableSet(states);
  }

  /** Whether a row takes a task from {@code from} to {@code to} on {@code event}. */
  public static boolean allows(TaskState from, Event event, TaskState to) {
    return TABLE.contains(new Row(from, event, to));
  }

  private static List<Row> table() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(PENDING, Event.STEP_ENQUEUED, IN_PROGRESS));
    rows.add(new Row(WAITING_FOR_RETRY, Event.STEP_ENQUEUED, IN_PROGRESS));
    for (TaskState from : UNFINISHED) {
      for (TaskState decided : TaskDecision.OUTCOMES) {
        if (decided != from) {
          rows.add(new Row(from, Event.STEPS_DECIDED, decided));
        }
      }
      rows.add(new Row(from, Event.CANCELLED, CANCELLED));
    }
    return List.copyOf(rows);
  }
}
