package dev.tributary.core.state;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The state of an unfinished task, decided from how many of its steps are in which condition: the
 * rule finalization applies after every change to a task's steps. The rules are tried in order and
 * the first that holds decides; the store's finalization statement is built from the same rules and
 * counts, so the SQL cannot drift from this.
 */
public final class TaskDecision {

  /** What is counted over a task's steps. */
  public enum Count {
    /** Steps that satisfy their dependents: complete, or resolved by an operator. */
    DONE(StepMachine.SATISFIES_DEPENDENTS, false),
    /** Steps that are moving: in flight, or pending with no unmet dependency (ready). */
    ACTIVE(StepMachine.IN_FLIGHT, true),
    /** Steps waiting for a retry. */
    RETRYING(EnumSet.of(StepState.WAITING_FOR_RETRY), false),
    /** Steps failed for good. */
    FAILED(EnumSet.of(StepState.ERROR), false);

    // Error Prone cannot tell that this Set is immutable (it knows only Guava's immutable types):
    // it is an unmodifiable copy of an enum set of enum constants, so the enum stays immutable.
    @SuppressWarnings("ImmutableEnumChecker")
    private final Set<StepState> states;

    private final boolean readyPending;

    Count(Set<StepState> states, boolean readyPending) {
      this.states = Collections.unmodifiableSet(EnumSet.copyOf(states));
      this.readyPending = readyPending;
    }

    /** The step states that count. */
    public Set<StepState> states() {
      return states;
    }

    /** Whether a pending step with no unmet dependency counts too. */
    public boolean readyPending() {
      return readyPending;
    }
  }

  /**
   * A rule: when {@code count} is {@code all} of the task's steps (or, if not {@code all}, at least
   * one), the task is {@code state}.
   */
  public record Rule(Count count, boolean all, TaskState state) {}

  /** The rules, in order. */
  public static final List<Rule> RULES =
      List.of(
          new Rule(Count.DONE, true, TaskState.COMPLETE),
          new Rule(Count.ACTIVE, false, TaskState.IN_PROGRESS),
          new Rule(Count.RETRYING, false, TaskState.WAITING_FOR_RETRY),
          new Rule(Count.FAILED, false, TaskState.BLOCKED_BY_FAILURES));

  /**
   * The state when no rule holds: the task's steps are all pending behind dependencies that will
   * complete (e.g. created but not yet counted as ready), so it is still moving.
   */
  public static final TaskState OTHERWISE = TaskState.IN_PROGRESS;

  /** Every state a decision can give. */
  public static final Set<TaskState> OUTCOMES = outcomes();

  /**
   * The counts over one task's steps.
   *
   * @param total every step
   */
  public record StepCounts(int total, int done, int active, int retrying, int failed) {

    int of(Count count) {
      return switch (count) {
        case DONE -> done;
        case ACTIVE -> active;
        case RETRYING -> retrying;
        case FAILED -> failed;
      };
    }
  }

  private TaskDecision() {}

  /** The state of a task whose steps count so. */
  public static TaskState decide(StepCounts counts) {
    for (Rule rule : RULES) {
      int n = counts.of(rule.count());
      if (rule.all() ? n == counts.total() : n > 0) {
        return rule.state();
      }
    }
    return OTHERWISE;
  }

  private static Set<TaskState> outcomes() {
    Set<TaskState> states = EnumSet.of(OTHERWISE);
    RULES.forEach(rule -> states.add(rule.state()));
    return Collections.unmodifiableSet(states);
  }
}
