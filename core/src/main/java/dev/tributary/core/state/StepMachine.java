package dev.tributary.core.state;

import static dev.tributary.contracts.StepState.COMPLETE;
import static dev.tributary.contracts.StepState.ENQUEUED;
import static dev.tributary.contracts.StepState.ERROR;
import static dev.tributary.contracts.StepState.IN_PROGRESS;
import static dev.tributary.contracts.StepState.PENDING;
import static dev.tributary.contracts.StepState.RESOLVED_MANUALLY;
import static dev.tributary.contracts.StepState.WAITING_FOR_RETRY;
import static dev.tributary.core.state.StepEvent.CHECKPOINTED;
import static dev.tributary.core.state.StepEvent.CLAIMED;
import static dev.tributary.core.state.StepEvent.FAILED;
import static dev.tributary.core.state.StepEvent.NOT_PICKED_UP;
import static dev.tributary.core.state.StepEvent.OPERATOR_RESOLVED;
import static dev.tributary.core.state.StepEvent.OPERATOR_RETRIED;
import static dev.tributary.core.state.StepEvent.OUTCOME_INVALID;
import static dev.tributary.core.state.StepEvent.STARTED;
import static dev.tributary.core.state.StepEvent.SUCCEEDED;
import static dev.tributary.core.state.StepEvent.TASK_CANCELLED;
import static dev.tributary.core.state.StepGuard.ALWAYS;
import static dev.tributary.core.state.StepGuard.MAY_WAIT;
import static dev.tributary.core.state.StepGuard.READY;
import static dev.tributary.core.state.StepGuard.RETRY_ALLOWED;
import static dev.tributary.core.state.StepGuard.RETRY_DUE;
import static dev.tributary.core.state.StepGuard.RETRY_NOT_ALLOWED;
import static dev.tributary.core.state.StepGuard.SCHEDULE_TO_START_PASSED;

import dev.tributary.contracts.StepState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The step state machine, as a table: every way a step's state may change is a row (from, event,
 * guard, to), and nothing else may change it. The result fold applies it in memory; the store's
 * guarded updates take the states they may leave from it ({@link #sources(StepEvent)}); the named
 * sets below are what the rest of the code (and the SQL) calls them by.
 */
public final class StepMachine {

  /**
   * A row: a step in {@code from} to which {@code event} happens, {@code guard} holding, enters
   * {@code to}.
   */
  public record Row(StepState from, StepEvent event, StepGuard guard, StepState to) {}

  /** The table. A state no row leaves is final. */
  public static final List<Row> TABLE = table();

  /**
   * States with a dispatch out and no answer yet: the worker's outcome applies to them, and their
   * deadline means something.
   */
  public static final Set<StepState> IN_FLIGHT = sources(SUCCEEDED);

  /** States of a step that has not finished: cancelling its task cancels it. */
  public static final Set<StepState> OPEN = sources(TASK_CANCELLED);

  /**
   * States in which a step counts as done for the steps that depend on it (and for its task): it
   * completed, or an operator resolved it.
   */
  public static final Set<StepState> SATISFIES_DEPENDENTS =
      Collections.unmodifiableSet(EnumSet.of(COMPLETE, RESOLVED_MANUALLY));

  /** States no row leaves. */
  public static final Set<StepState> FINAL = finalStates();

  private StepMachine() {}

  /**
   * Where {@code event} takes a step in {@code from} when {@code guard} holds; empty if nowhere.
   */
  public static Optional<StepState> next(StepState from, StepEvent event, StepGuard guard) {
    return TABLE.stream()
        .filter(r -> r.from() == from && r.event() == event && r.guard() == guard)
        .map(Row::to)
        .findFirst();
  }

  /** The states some row of {@code event} leaves. */
  public static Set<StepState> sources(StepEvent event) {
    Set<StepState> states = EnumSet.noneOf(StepState.class);
    TABLE.stream().filter(r -> r.event() == event).forEach(r -> states.add(r.from()));
    return Collections.unmodifiableSet(states);
  }

  /**
   * The state the row of {@code event} under {@code guard} leaves, for the pairs that have exactly
   * one row.
   *
   * @throws IllegalArgumentException when no row, or several, have that event and guard
   */
  public static StepState source(StepEvent event, StepGuard guard) {
    List<StepState> states =
        TABLE.stream()
            .filter(r -> r.event() == event && r.guard() == guard)
            .map(Row::from)
            .toList();
    if (states.size() != 1) {
      throw new IllegalArgumentException(
          event + " [" + guard + "] leaves " + states + ", not one state");
    }
    return states.getFirst();
  }

  /** The states some row of {@code event} enters. */
  public static Set<StepState> targets(StepEvent event) {
    Set<StepState> states = EnumSet.noneOf(StepState.class);
    TABLE.stream().filter(r -> r.event() == event).forEach(r -> states.add(r.to()));
    return Collections.unmodifiableSet(states);
  }

  /** The one state {@code event} enters, for events whose rows all enter the same state. */
  public static StepState target(StepEvent event) {
    Set<StepState> targets = targets(event);
    if (targets.size() != 1) {
      throw new IllegalArgumentException(event + " enters " + targets + ", not one state");
    }
    return targets.iterator().next();
  }

  private static List<Row> table() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(PENDING, CLAIMED, READY, ENQUEUED));
    rows.add(new Row(WAITING_FOR_RETRY, CLAIMED, RETRY_DUE, ENQUEUED));
    rows.add(new Row(ENQUEUED, STARTED, ALWAYS, IN_PROGRESS));
    for (StepState inFlight : List.of(ENQUEUED, IN_PROGRESS)) {
      rows.add(new Row(inFlight, CHECKPOINTED, ALWAYS, IN_PROGRESS));
      rows.add(new Row(inFlight, SUCCEEDED, ALWAYS, COMPLETE));
      rows.add(new Row(inFlight, OUTCOME_INVALID, ALWAYS, ERROR));
      rows.add(new Row(inFlight, FAILED, RETRY_ALLOWED, WAITING_FOR_RETRY));
      rows.add(new Row(inFlight, FAILED, RETRY_NOT_ALLOWED, ERROR));
    }
    rows.add(new Row(ENQUEUED, NOT_PICKED_UP, MAY_WAIT, WAITING_FOR_RETRY));
    rows.add(new Row(ENQUEUED, NOT_PICKED_UP, SCHEDULE_TO_START_PASSED, ERROR));
    rows.add(new Row(ERROR, OPERATOR_RETRIED, ALWAYS, PENDING));
    for (StepState open : List.of(PENDING, ENQUEUED, IN_PROGRESS, WAITING_FOR_RETRY)) {
      rows.add(new Row(open, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY));
      rows.add(new Row(open, TASK_CANCELLED, ALWAYS, StepState.CANCELLED));
    }
    rows.add(new Row(ERROR, OPERATOR_RESOLVED, ALWAYS, RESOLVED_MANUALLY));
    return List.copyOf(rows);
  }

  private static Set<StepState> finalStates() {
    Set<StepState> states = EnumSet.allOf(StepState.class);
    TABLE.forEach(r -> states.remove(r.from()));
    return Collections.unmodifiableSet(states);
  }
}
