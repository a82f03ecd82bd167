package dev.tributary.store.task;

import dev.tributary.contracts.StepState;
import dev.tributary.core.template.StepKind;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A task's steps and the edges between them, as they are now: steps created at run time (decision
 * branches, batch workers) are in it once created. A batch with more workers than a reader can take
 * in is one node for all its workers.
 *
 * @param nodes the steps, by name
 * @param edges each dependency, from the step depended on to the step that depends on it
 */
public record TaskGraph(List<Node> nodes, List<Edge> edges) {

  /**
   * A step, or a batch's workers grouped.
   *
   * @param name the step's name; for a group, its batch-worker template's name
   * @param kind the step's kind
   * @param state the step's state; for a group, the state that says most about its workers (see
   *     {@link #groupState})
   * @param attempts the step's current attempt; for a group, the highest of its workers'
   * @param maxAttempts its attempts allowed; for a group, the highest of its workers'
   * @param group whether this node stands for several batch workers
   * @param count how many steps the node stands for
   * @param states for a group, how many of its workers are in each state; null for a step
   */
  public record Node(
      String name,
      StepKind kind,
      StepState state,
      int attempts,
      int maxAttempts,
      boolean group,
      int count,
      @Nullable Map<StepState, Integer> states) {}

  public record Edge(String from, String to) {}

  /** The order in which a group's workers' states speak for the group: what needs a look first. */
  private static final List<StepState> GROUP_STATE_ORDER =
      List.of(
          StepState.ERROR,
          StepState.WAITING_FOR_RETRY,
          StepState.IN_PROGRESS,
          StepState.ENQUEUED,
          StepState.PENDING,
          StepState.CANCELLED,
          StepState.RESOLVED_MANUALLY,
          StepState.COMPLETE);

  /**
   * A group's state: its first state, in the order error, waiting for retry, in progress, enqueued,
   * pending, cancelled, resolved manually, complete, that any of its workers is in. So a group is
   * complete when every worker is, and in error while any worker is.
   */
  static StepState groupState(Map<StepState, Integer> states) {
    return GROUP_STATE_ORDER.stream()
        .filter(state -> states.getOrDefault(state, 0) > 0)
        .findFirst()
        .orElse(StepState.PENDING);
  }
}
